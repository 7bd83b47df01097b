// Wire copy in, article out: turns one wire story into an article that meets the contract, with
// quote callouts, entity links (first mention per story) and ad slots, plus a report for the desk.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import slugifyText, { type Options as SlugifyOptions } from '@sindresorhus/slugify'
import * as v from 'valibot'
import { adSlotPositions } from '../../src/content/adPlacement'
import {
  ArticleSchema,
  type Article,
  type Author,
  type Block,
  type Correction,
  type Image,
  type InlineRun,
} from '../../src/content/schema'
import { parseCaptureTime, resolveCaptureTime, toIsoSeconds } from './captureTime'
import type { EntityMatcher, Mention } from './gazetteer'
import { findQuote, maskApostrophes } from './quotes'
import type { Suggester, Suggestion } from './suggest'
import { parseWire, WireError, type WireImage } from './wire'

export interface IngestOptions {
  /** Shown in errors and the report, e.g. `wire/001-ferry.txt`. */
  file: string
  matcher: EntityMatcher
  section: string
  /** Where pictures live (content/images/): a line naming a file not there is an error. */
  imagesDir?: string
  /** The journalists a "By …" line may name, by name in lower case (content/authors.json). */
  authors?: ReadonlyMap<string, Author>
  /** When the copy was captured: relative capture lines ("2 days ago") count back from it. */
  capturedAt: Date
  /** Overrides the capture line. */
  published?: Date
  /** Finds unknown proper names (see ./suggest); without one, no suggestions. */
  suggest?: Suggester
  /** The story's address, instead of one made from the headline (to keep it when that changes). */
  slug?: string
  /**
   * When this version of the story was made: the time its "Correction:" lines carry, and its
   * `updatedAt` when given (a story re-made from its copy keeps the time of its update).
   */
  updatedAt?: Date
  /** The time corrections carry when `updatedAt` is not given; default: now. */
  now?: Date
}

export interface StoryReport {
  file: string
  slug: string
  headline: string
  paragraphs: number
  quotes: { id: string; speakerId: string; speaker: string; source?: string }[]
  adBreaks: { count: number; placedBy: 'markers' | 'rule' }
  entities: { id: string; name: string }[]
  suggestions: Suggestion[]
  warnings: string[]
}

export const AD_LABEL = 'Advertisement'
const SLUG_MAX = 100

// Apostrophes go without a trace ("Port Ellery's" is "port-ellerys"), and "OneWord" stays one
// word: both as the addresses published before the library came in, which never change.
const SLUG_OPTIONS = {
  decamelize: false,
  customReplacements: [
    ["'", ''],
    ['’', ''],
  ],
} satisfies SlugifyOptions

/**
 * A story's address from its headline: the slug library transliterates every script it knows
 * (Łukasz is "lukasz", Straße "strasse", Мирослава "miroslava"), capped at a word boundary.
 */
export function slugify(headline: string): string {
  const slug = slugifyText(headline, SLUG_OPTIONS)
  // Headlines in scripts without a Latin form still need a stable, unique address.
  if (slug.replace(/-/g, '').length < 3) {
    return `story-${createHash('sha256').update(headline).digest('hex').slice(0, 12)}`
  }
  if (slug.length <= SLUG_MAX) return slug
  const cut = slug.slice(0, SLUG_MAX + 1)
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : SLUG_MAX)
}

/** Spans inside quote marks in running text: words there are someone else's and never linked. */
function quotedSpans(text: string): { start: number; end: number }[] {
  if (!/['"‘“«]/u.test(text)) return []
  const shadow = maskApostrophes(text)
  const spans: { start: number; end: number }[] = []
  for (const m of shadow.matchAll(/'[^']+'|"[^"]+"|‘[^‘’]+’|“[^“”]+”|«[^«»]+»/gu)) {
    spans.push({ start: m.index, end: m.index + m[0].length })
  }
  return spans
}

class Linker {
  readonly linked = new Map<string, string>()
  constructor(private readonly matcher: EntityMatcher) {}

  /** Splits text into runs, linking each entity's first mention; `always` is linked regardless. */
  runs(text: string, mentions: Mention[], always?: Mention): InlineRun[] {
    const runs: InlineRun[] = []
    let at = 0
    const pushText = (t: string) => {
      if (!t) return
      const last = runs.at(-1)
      if (last?.type === 'text') last.text += t
      else runs.push({ type: 'text', text: t })
    }
    for (const m of mentions) {
      if (m !== always && this.linked.has(m.entityId)) continue
      pushText(text.slice(at, m.start))
      runs.push({ type: 'entity', entityId: m.entityId, text: text.slice(m.start, m.end) })
      if (!this.linked.has(m.entityId)) {
        this.linked.set(m.entityId, this.matcher.entities.get(m.entityId)?.name ?? m.entityId)
      }
      at = m.end
    }
    pushText(text.slice(at))
    return runs
  }
}

export function ingestWire(
  source: string,
  options: IngestOptions,
): { article: Article; report: StoryReport } {
  const { file, matcher } = options
  const wire = parseWire(source, file)
  const byline = wire.byline?.names.map((name, i, names) => {
    const author = options.authors?.get(name.toLocaleLowerCase('en'))
    if (
      author &&
      names.findIndex((n) => n.toLocaleLowerCase('en') === name.toLocaleLowerCase('en')) !== i
    ) {
      throw new WireError(file, wire.byline?.line ?? 1, `"${name}" is named twice in the byline`)
    }
    if (author) return author.id
    throw new WireError(
      file,
      wire.byline?.line ?? 1,
      `unknown author "${name}": add them to content/authors.json (id, name, role, bio), then ingest again`,
    )
  })
  const warnings: string[] = []

  const capture = parseCaptureTime(wire.captured.text)
  if (!capture && !options.published) {
    throw new WireError(
      file,
      wire.captured.line,
      `"${wire.captured.text}" is not a capture time: expected e.g. "2 days ago", "yesterday" or "15 August 2025"`,
    )
  }
  const published =
    options.published ??
    resolveCaptureTime(capture ?? { kind: 'relative', ms: 0 }, options.capturedAt)

  const linker = new Linker(matcher)
  // The story read in order: a name the headline or an earlier paragraph made clear stays clear.
  const reader = matcher.story()
  const body: Block[] = []
  const counters = { p: 0, q: 0, i: 0, ad: 0 }
  const lastSource = new Map<string, string | undefined>()
  const nlpInput = [wire.headline.text, wire.standfirst.text].map((text) => ({
    text,
    known: reader.find(text),
  }))
  const markers = wire.items.filter((item) => item.kind === 'ad').length

  // An image before the first paragraph leads the story; any other is a picture in the body.
  const lead = wire.items[0]?.kind === 'image' ? wire.items[0] : undefined
  const picture = (item: WireImage & { line: number }): Image => {
    if (options.imagesDir && !existsSync(path.join(options.imagesDir, item.file))) {
      throw new WireError(
        file,
        item.line,
        `${path.join(options.imagesDir, item.file)} does not exist: add the picture there first`,
      )
    }
    return {
      file: item.file,
      alt: item.alt,
      ...(item.decorative ? { decorative: true as const } : {}),
      ...(item.caption ? { caption: item.caption } : {}),
      credit: item.credit,
      ...(item.focus ? { focus: item.focus } : {}),
    }
  }
  const image = lead && picture(lead)

  const corrections: Correction[] = []
  for (const item of wire.items) {
    if (item.kind === 'image') {
      if (item !== lead) body.push({ type: 'image', id: `i${++counters.i}`, ...picture(item) })
      continue
    }
    if (item.kind === 'correction') {
      corrections.push({ at: '', text: item.text })
      continue
    }
    if (item.kind === 'ad') {
      const previous = body.at(-1)
      if (!previous) warnings.push(`line ${item.line}: ad marker before any paragraph, dropped`)
      else if (previous.type === 'ad')
        warnings.push(`line ${item.line}: ad marker right after another, dropped`)
      else body.push({ type: 'ad', id: `ad${++counters.ad}`, label: AD_LABEL })
      continue
    }
    const found = findQuote(item.text, reader)
    if (found.kind === 'quote') {
      const { quote } = found
      const { mentions } = quote
      const source = quote.continues ? lastSource.get(quote.speaker.entityId) : quote.source
      lastSource.set(quote.speaker.entityId, source)
      body.push({
        type: 'quote',
        id: `q${++counters.q}`,
        text: quote.text,
        speakerId: quote.speaker.entityId,
        ...(source ? { source } : {}),
        attribution: linker.runs(
          quote.attribution,
          mentions,
          mentions.find((m) => m.start === quote.speaker.start),
        ),
      })
      nlpInput.push({ text: quote.attribution, known: mentions })
      continue
    }
    if (found.kind === 'unattributed') warnings.push(`line ${item.line}: quote ${found.reason}`)
    const quoted = quotedSpans(item.text)
    const mentions = reader
      .find(item.text)
      .filter((m) => !quoted.some((q) => m.start >= q.start && m.end <= q.end))
    body.push({
      type: 'paragraph',
      id: `p${++counters.p}`,
      content: linker.runs(item.text, mentions),
    })
    nlpInput.push({ text: item.text, known: mentions })
  }
  if (body.at(-1)?.type === 'ad') {
    body.pop()
    counters.ad--
    warnings.push('ad marker after the last paragraph, dropped')
  }

  if (markers === 0) {
    // A slot goes between paragraphs only: beside a picture is beside a callout.
    const kinds = body.map((b) => (b.type === 'paragraph' ? 'paragraph' : 'quote'))
    adSlotPositions(kinds)
      .reverse()
      .forEach((gap, i, all) =>
        body.splice(gap, 0, { type: 'ad', id: `ad${all.length - i}`, label: AD_LABEL }),
      )
  }

  const changedAt = updateTime(published, options.updatedAt ?? options.now ?? new Date())
  const draft = inContractOrder({
    slug: options.slug ?? slugify(wire.headline.text),
    headline: wire.headline.text,
    standfirst: wire.standfirst.text,
    section: options.section,
    publishedAt: toIsoSeconds(published),
    updatedAt: options.updatedAt || corrections.length > 0 ? changedAt : undefined,
    credit: wire.credit.text,
    image,
    byline,
    body,
    corrections: corrections.map(({ text }) => ({ at: changedAt, text })),
  })
  const checked = v.safeParse(ArticleSchema, draft)
  if (!checked.success) {
    throw new WireError(
      file,
      1,
      `the article does not meet the contract: ${checked.issues.map((i) => i.message).join('; ')}`,
    )
  }

  const report: StoryReport = {
    file,
    slug: draft.slug,
    // A string of its own: the headline is a line `split` cut from the wire copy, which V8 keeps
    // whole while any cut from it lives: a batch's reports held every story's copy (2.8 KB each).
    headline: JSON.parse(JSON.stringify(draft.headline)) as string,
    paragraphs: counters.p,
    quotes: body.flatMap((b) =>
      b.type === 'quote'
        ? [
            {
              id: b.id,
              speakerId: b.speakerId,
              speaker: matcher.entities.get(b.speakerId)?.name ?? b.speakerId,
              ...(b.source ? { source: b.source } : {}),
            },
          ]
        : [],
    ),
    adBreaks: {
      count: body.filter((b) => b.type === 'ad').length,
      placedBy: markers > 0 ? 'markers' : 'rule',
    },
    entities: [...linker.linked].map(([id, name]) => ({ id, name })),
    suggestions: options.suggest ? options.suggest(nlpInput, matcher.names) : [],
    warnings,
  }
  return { article: draft, report }
}

/** An update's time: never before publication (copy corrected before it went out counts then). */
export const updateTime = (published: Date | string, at: Date) =>
  toIsoSeconds(new Date(Math.max(new Date(published).getTime(), at.getTime())))

/** The article with its keys in the contract's order, optional ones only when they hold something. */
export function inContractOrder(
  article: Omit<Article, 'updatedAt' | 'corrections' | 'byline' | 'image'> & {
    updatedAt?: string | undefined
    corrections?: Article['corrections'] | undefined
    byline?: Article['byline'] | undefined
    image?: Article['image'] | undefined
  },
): Article {
  const { slug, headline, standfirst, section, publishedAt, updatedAt, credit, byline, body } =
    article
  const { image } = article
  const { corrections } = article
  return {
    slug,
    headline,
    standfirst,
    section,
    publishedAt,
    ...(updatedAt === undefined ? {} : { updatedAt }),
    credit,
    ...(image ? { image } : {}),
    ...(byline?.length ? { byline } : {}),
    body,
    ...(corrections?.length ? { corrections } : {}),
  }
}

/**
 * A story re-made from its copy, as an update of the story already published at its address: it
 * keeps its first publication time (unless `republish`) and every correction already made (one the
 * copy repeats keeps its time). If nothing else changed, it is the published story, unchanged;
 * otherwise it is updated at `at`.
 */
export function asUpdateOf(previous: Article, next: Article, at: Date, republish = false): Article {
  const publishedAt = republish ? next.publishedAt : previous.publishedAt
  const known = new Set(previous.corrections?.map((c) => c.text))
  const changedAt = updateTime(publishedAt, at)
  const corrections = [
    ...(previous.corrections ?? []),
    ...(next.corrections ?? [])
      .filter((c) => !known.has(c.text))
      .map((c) => ({ ...c, at: changedAt })),
  ]
  const candidate = inContractOrder({
    ...next,
    publishedAt,
    updatedAt: previous.updatedAt,
    corrections,
  })
  if (serializeArticle(candidate) === serializeArticle(inContractOrder(previous))) return previous
  return inContractOrder({ ...candidate, updatedAt: changedAt })
}

/** The bytes of a content file: stable key order, two-space indent, final newline. */
export const serializeArticle = (article: Article) => `${JSON.stringify(article, null, 2)}\n`
