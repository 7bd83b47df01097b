// The content build: validates every content file against the contract, then writes the static
// JSON API the reader fetches. Nothing is written unless every file is valid. A rebuild reuses
// what it learnt about unchanged stories and rewrites only the files whose content changed.
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { filesUnder, readFile, rename, stat, writeWhole } from '../lib/fs'
import { removeLeftovers, workingName } from '../lib/leftovers'
import { ENCODINGS, removeServed, writeServedAsync } from '../lib/served'
import { siteWriter } from '../lib/siteWriter'
import { mostShared } from './related'
import os from 'node:os'
import path from 'node:path'
import * as v from 'valibot'
import {
  altProblem,
  ArticleSchema,
  AuthorsSchema,
  EntitySchema,
  GazetteerSchema,
  SectionsSchema,
  type Article,
  type ArticleDocument,
  type ArticlePage,
  type ArticleSummary,
  type Author,
  type AuthorStoriesPage,
  type Front,
  type Image,
  type Rendition,
  type Section,
  type SectionStoriesPage,
  type Entity,
  type GazetteerEntry,
  type EntityDocument,
  type EntityQuote,
  type EntityStoriesPage,
  type InlineRun,
  type Withdrawal,
  WithdrawnStorySchema,
} from '../../src/content/schema'
import { apiPaths } from '../../src/api/apiPaths'
import {
  makeRenditions,
  planImage,
  type RenderedImage,
  type RenditionMade,
} from '../images/renditions'
import { apiFileOf, apiFiles } from '../../src/app/siteMap'
import { issuePath } from '../../src/content/issuePath'
import {
  LAYOUT,
  patchSearchIndex,
  PostingsBuilder,
  readSearchIndex,
  searchIndexBuilder,
  searchIndexEntries,
  searchIndexFiles,
  storySearchKey,
  updateSearchIndex,
  type DocChange,
  type SearchIndex,
  type SearchLayout,
  type WithdrawnPlace,
} from '../search/index'
import { PostingsRuns } from '../search/postingsRuns'
import {
  copyStoredCache,
  freshStoredCache,
  openStoredCache,
  patchStoredCache,
  readStoredCache,
  saveStoredCache,
  type FreshCache,
  type OpenedCache,
  type StoredCache,
  type StoredPatch,
} from './cacheStore'
import { quoteStore, type QuoteStore, type StoredQuote } from './quoteStore'
import { insertDated, newestFirst, oldestFirst, sortDated, type Dated } from '../lib/dated'
import { fileStamps, stampOf } from '../lib/fileStamps'
import { lowerBound } from '../lib/lowerBound'
import { NameList, type Names } from './nameList'
import type { RecordFile } from './recordFile'

export interface ContentProblem {
  file: string
  /** JSON path inside the file, e.g. `$.body[3].content[0].entityId`. */
  path: string
  message: string
}

export class ContentError extends Error {
  readonly problems: ContentProblem[]
  constructor(found: ContentProblem[]) {
    // Files are read in parallel: list problems by file, each file's in the order found.
    const problems = [...found].sort((a, b) => a.file.localeCompare(b.file))
    super(
      `${problems.length} content problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${p.file}: ${p.path}: ${p.message}`).join('\n'),
    )
    this.name = 'ContentError'
    this.problems = problems
  }
}

export interface BuildOptions {
  contentDir: string
  outDir: string
  pageSize?: number
  relatedCount?: number
  /**
   * How the search index is cut by document range: the commonest words' lists into parts, the
   * documents' groups into files (default: LAYOUT in scripts/search/index.ts). Tests set a small
   * one, so that a small archive has such words and several such files.
   */
  searchLayout?: SearchLayout
  /** Where to remember unchanged stories between builds; no file means a full build every time. */
  cacheFile?: string
  /** Ignore the cache and write everything. */
  full?: boolean
  /**
   * Leave saving the cache to the caller (`report.saveCache()`), for when more work depends on
   * this build: if that work fails, the next build sees the same changes again.
   */
  deferCache?: boolean
  /** Where image renditions go (default: `images/` beside outDir, so the site serves /images/). */
  imagesDir?: string
  /**
   * The build's clock: a story published after it is under embargo, and left out (default: now).
   * A build or refresh after that time publishes it.
   */
  now?: Date
  /**
   * The story files (`<slug>.json`) the newsroom's commands changed since the last build, from
   * their change log (scripts/content/changeLog.ts): an edit or withdrawal in place then looks at
   * these alone, not at every story file, and says so (`partial` in the report). The caller must
   * build again without them, which looks at every file: the log is never trusted alone.
   */
  changedStories?: readonly string[]
  /**
   * Write each file's gzip and Brotli copies beside it (scripts/lib/served.ts): for a build into
   * a site a server already sends, as a refresh does, and for `npm run build`, whose full build
   * then makes them on its writer thread, beside the work of the main one (docs/decisions/045).
   */
  compress?: boolean
}

export interface BuildReport {
  mode: 'full' | 'incremental'
  articles: number
  entities: number
  /** Files written by this build (all of them in a full build). */
  files: number
  /** Files removed because their story or page is gone. */
  removed: number
  bytes: number
  /** API files written or removed, relative to outDir. */
  changed: string[]
  /** Records this build as the cache's starting point; done already unless `deferCache`. */
  saveCache: () => Promise<void>
  /**
   * Every story, newest first: for the feeds (loaded when asked for, after an edit in place). A
   * full build reads them from its store, which closes once its cache is saved: ask before
   * (`deferCache`).
   */
  summaries: () => ArticleSummary[]
  /** Every file of the API after this build, relative to outDir, sorted: for the sitemap. */
  apiFiles: () => string[]
  /**
   * The stories an edit in place changed (see `editInPlace`), each one's summary before and after:
   * the feeds that show them can be patched. Undefined after a build of any other kind.
   */
  edited?: readonly { before: ArticleSummary; after: ArticleSummary }[]
  /**
   * The stories withdrawn in place (see `withdrawInPlace`), by their summaries as they were
   * listed: the feeds that show them can be patched. Undefined after a build of any other kind.
   */
  withdrawn?: readonly ArticleSummary[]
  /**
   * The stories published in place (see `publishInPlace`), oldest first: the feeds can take them
   * in. Undefined after a build of any other kind.
   */
  published?: readonly ArticleSummary[]
  /**
   * Only the story files named in `changedStories` were looked at (an edit or withdrawal in
   * place): a build without names must follow, to find what changed behind the log's back.
   */
  partial?: boolean
  /** Stories under embargo, left out of this build: each one's slug and publication time. */
  embargoed: { slug: string; publishedAt: string }[]
  /** Things in the content the desk should look at, which do not stop the build. */
  warnings: string[]
  /** Image renditions this build made (none when every one existed already). */
  renditions: RenditionMade[]
  /**
   * Milliseconds each step took, in order (read, derive, render, search, write; cache once it is
   * saved): where a slow refresh spends its time.
   */
  timings: Record<string, number>
}

/** Timings as a reader takes them in: `read 120, derive 30, …` (milliseconds). */
export const stepTimes = (timings: Readonly<Record<string, number>>) =>
  Object.entries(timings)
    .map(([step, ms]) => `${step} ${ms}`)
    .join(', ')

/** Times steps one after another into `timings` (BuildReport's, which a refresh adds to). */
export function stopwatch(timings: Record<string, number>) {
  let last = performance.now()
  return (step: string) => {
    const now = performance.now()
    timings[step] = Math.round((timings[step] ?? 0) + now - last)
    last = now
  }
}

// Read on this thread, as the stats before it are: a story file is a few KB, and through libuv's
// pool each read took four round trips that this thread waited for, one story after another as a
// full build writes each story's document (docs/decisions/065).
const readJson = (file: string, label: string, problems: ContentProblem[]) =>
  parsedJson(() => readFileSync(file, 'utf8'), label, problems)

/** JSON from `read`, or a problem naming the file when it cannot be read or parsed. */
function parsedJson(read: () => string, label: string, problems: ContentProblem[]) {
  try {
    return { ok: true as const, value: JSON.parse(read()) as unknown }
  } catch (error) {
    problems.push({
      file: label,
      path: '$',
      message: `not valid JSON (${(error as Error).message})`,
    })
    return { ok: false as const }
  }
}

function parseWith<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  label: string,
  problems: ContentProblem[],
): v.InferOutput<S> | undefined {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  for (const issue of result.issues) {
    problems.push({ file: label, path: issuePath(issue), message: issue.message })
  }
  return undefined
}

/** Entity ids an article refers to, in reading order, each with the JSON path of its first use. */
function entityRefs(article: Article): { id: string; path: string }[] {
  const refs: { id: string; path: string }[] = []
  const runs = (list: InlineRun[], at: string) =>
    list.forEach((run, i) => {
      if (run.type === 'entity') refs.push({ id: run.entityId, path: `${at}[${i}].entityId` })
    })
  article.body.forEach((block, b) => {
    const at = `$.body[${b}]`
    switch (block.type) {
      case 'paragraph':
        runs(block.content, `${at}.content`)
        break
      case 'quote':
        refs.push({ id: block.speakerId, path: `${at}.speakerId` })
        runs(block.attribution ?? [], `${at}.attribution`)
        break
      case 'ad':
        break
    }
  })
  return refs
}

/** What the checks and an edit need of the gazetteer: an entry by id, and how many there are. */
interface EntityLookup {
  get(id: string): Entity | undefined
  has(id: string): boolean
  readonly size: number
}

/** What stories refer to, each checked before any story: entities, sections and authors. */
interface Registers {
  entities: EntityLookup
  /** By name, as stories name them. */
  sections: ReadonlyMap<string, Section>
  authors: ReadonlyMap<string, Author>
}

/** The pictures of an article, each with the JSON path that holds it. */
function imageRefs(article: Article): (Image & { at: string })[] {
  const refs = article.image ? [{ ...article.image, at: '$.image' }] : []
  article.body.forEach((block, b) => {
    if (block.type === 'image') refs.push({ ...block, at: `$.body[${b}]` })
  })
  return refs
}

/**
 * Pictures for one build: each file's renditions made once (scripts/images/renditions.ts, which
 * skips those that exist), and put into the stories that show it. A file that is missing or
 * cannot serve the layout is a problem of each story that uses it, named with its field.
 *
 * A story needs only its picture's size and names, read from the file's header: the renditions
 * are made meanwhile, while the build reads and writes on (AVIF's encoder is most of a fresh
 * build's first 20 s), and `finished` waits for them before anything goes into place. A picture
 * whose pixels then fail to encode is a problem of each story that shows it, as before.
 */
function pictures(contentDir: string, imagesDir: string) {
  const made: RenditionMade[] = []
  const planned = new Map<string, Promise<RenderedImage>>()
  const making: Promise<void>[] = []
  const failed = new Map<string, string>()
  /** Pictures whose renditions are all made: their stories need not be noted. */
  const done = new Set<string>()
  /**
   * Which stories show each picture not made yet, and where: the problems of one that fails to
   * encode. Forgotten once it is made (a full build's every pictured story would otherwise be
   * held here to its end). Each as its file's name, which the build holds anyway, and its field,
   * one string for each field: a label and a problem a story were 107 MB of a million-story
   * build's heap (docs/decisions/071).
   */
  const shownBy = new Map<string, string[]>()
  const fields = new Map<string, string>()
  const sourceDir = path.join(contentDir, 'images')
  const articlesDir = path.join(contentDir, 'articles')
  const labelOf = (name: string) => rel(path.join(articlesDir, name))
  // As many pictures at once as there are cores: more encoders than cores only queue for sharp's
  // threads (and make each one's time meaningless).
  let running = 0
  const waiting: (() => void)[] = []
  const oneAtATimePerCore = async <T>(task: () => Promise<T>): Promise<T> => {
    while (running >= os.availableParallelism()) await new Promise<void>((r) => waiting.push(r))
    running++
    try {
      return await task()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
  const plan = (file: string) => {
    let pending = planned.get(file)
    if (!pending) {
      const source = path.join(sourceDir, file)
      const plan = stat(source)
        .catch(() => {
          throw new Error(`${rel(source)} does not exist: add the picture to ${rel(sourceDir)}/`)
        })
        .then(() => planImage(source))
      making.push(
        plan.then(
          (image) =>
            oneAtATimePerCore(() => makeRenditions(image, imagesDir)).then(
              (result) => {
                made.push(...result)
                done.add(file)
                shownBy.delete(file)
              },
              (error: unknown) => void failed.set(file, (error as Error).message),
            ),
          () => undefined, // reported by each story that uses it
        ),
      )
      pending = plan.then(({ image }) => image)
      pending.catch(() => undefined) // reported by each story that uses it
      planned.set(file, pending)
    }
    return pending
  }
  /** The article in `name` (a file of the content's articles) with its pictures' renditions. */
  async function apply(article: Article, name: string, problems: ContentProblem[]) {
    const refs = imageRefs(article)
    if (refs.length === 0) return article
    const renditions = new Map<string, Rendition>()
    for (const ref of refs) {
      const at = `${ref.at}.file`
      try {
        const image = await plan(ref.file)
        renditions.set(ref.file, {
          name: image.name,
          width: image.width,
          height: image.height,
          widths: image.widths,
        })
        if (!done.has(ref.file)) {
          const shown = shownBy.get(ref.file) ?? []
          if (!fields.has(at)) fields.set(at, at)
          shown.push(name, fields.get(at) as string)
          shownBy.set(ref.file, shown)
        }
      } catch (error) {
        problems.push({ file: labelOf(name), path: at, message: (error as Error).message })
      }
    }
    const withRendition = <T extends { file: string }>(image: T) => {
      const rendition = renditions.get(image.file)
      return rendition ? { ...image, rendition } : image
    }
    return {
      ...article,
      ...(article.image ? { image: withRendition(article.image) } : {}),
      body: article.body.map((block) => (block.type === 'image' ? withRendition(block) : block)),
    }
  }
  /**
   * Waits for every rendition under way; throws a ContentError naming each story that shows a
   * picture that could not be made. Any number of times: a picture planned since is waited for.
   */
  async function finished() {
    await settled()
    const problems = new Map<string, ContentProblem>()
    for (const [file, message] of failed) {
      const shown = shownBy.get(file) ?? []
      // A story read again to be written was noted twice: named once.
      for (let i = 0; i < shown.length; i += 2) {
        const [name = '', at = ''] = [shown[i], shown[i + 1]]
        problems.set(`${file}\0${name}\0${at}`, { file: labelOf(name), path: at, message })
      }
    }
    if (problems.size > 0) throw new ContentError([...problems.values()])
  }
  /** Waits for every rendition under way, whether made or not. */
  async function settled() {
    for (let seen = 0; seen < making.length;) {
      const batch = making.slice(seen)
      seen = making.length
      await Promise.all(batch)
    }
  }
  return { apply, made, finished, settled }
}

/** Each picture's last change (`mtime:size`), by file name: a story whose picture changed is read again. */
async function stampImages(contentDir: string): Promise<Map<string, string>> {
  const dir = path.join(contentDir, 'images')
  const names = await readdir(dir).catch(() => [])
  const stamps = new Map<string, string>()
  await inBatches(names, async (name) => {
    const info = await stat(path.join(dir, name))
    if (info.isFile()) stamps.set(name, `${info.mtimeMs}:${info.size}`)
  })
  return stamps
}

function checkArticle(
  article: Article,
  label: string,
  fileSlug: string,
  { entities, sections, authors }: Registers,
  problems: ContentProblem[],
) {
  const add = (p: string, message: string) => problems.push({ file: label, path: p, message })
  if (article.slug !== fileSlug) {
    add('$.slug', `"${article.slug}" must match the file name "${fileSlug}.json"`)
  }
  const ids = new Set<string>()
  article.body.forEach((block, b) => {
    if (ids.has(block.id)) add(`$.body[${b}].id`, `duplicate block id "${block.id}"`)
    ids.add(block.id)
    if (block.type === 'quote' && block.attribution) {
      const linksSpeaker = block.attribution.some(
        (run) => run.type === 'entity' && run.entityId === block.speakerId,
      )
      if (!linksSpeaker) {
        add(`$.body[${b}].attribution`, `must link the speaker "${block.speakerId}"`)
      }
    }
  })
  for (const ref of entityRefs(article)) {
    if (!entities.has(ref.id)) add(ref.path, `unknown entity "${ref.id}" (not in entities.json)`)
  }
  if (!sections.has(article.section)) {
    const names = [...sections.keys()].map((name) => `"${name}"`).join(', ')
    const known = names ? `content/sections.json has ${names}` : 'content/sections.json has none'
    add('$.section', `unknown section "${article.section}" (${known})`)
  }
  article.byline?.forEach((id, i) => {
    if (!authors.has(id)) add(`$.byline[${i}]`, `unknown author "${id}" (not in authors.json)`)
    else if (article.byline?.indexOf(id) !== i) add(`$.byline[${i}]`, `"${id}" is named twice`)
  })
  for (const image of imageRefs(article)) {
    const problem = altProblem(image)
    if (problem) add(`${image.at}.alt`, problem)
    if (image.rendition)
      add(`${image.at}.rendition`, 'is written by the content build: leave it out')
  }
  checkTimes(article, add)
}

/** A story is changed after it is published, and each correction is one of its changes. */
function checkTimes(article: Article, add: (path: string, message: string) => void) {
  // By instant, not by string: "14:00+02:00" is earlier than "13:00Z".
  const instant = Date.parse
  const published = instant(article.publishedAt)
  const { updatedAt, corrections = [] } = article
  if (updatedAt !== undefined && instant(updatedAt) < published) {
    add('$.updatedAt', `${updatedAt} is before the story was published (${article.publishedAt})`)
  }
  corrections.forEach((correction, i) => {
    if (instant(correction.at) < published)
      add(`$.corrections[${i}].at`, `${correction.at} is before the story was published`)
  })
  const latest = corrections.map((c) => c.at).sort((a, b) => instant(b) - instant(a))[0]
  if (latest !== undefined && (updatedAt === undefined || instant(latest) > instant(updatedAt))) {
    add(
      '$.updatedAt',
      `must be present and no earlier than the latest correction (${latest}): a correction updates the story`,
    )
  }
}

/**
 * The gazetteer's rules: ids are unique, no two entities share a name, and each `ambiguous` entry
 * is one of the entity's aliases. An alias shared with another entity (a town and its club, two
 * people's surname) is allowed, with a warning: ingest links it only where the story has named
 * one of them in full first.
 */
export function checkGazetteer(
  list: readonly GazetteerEntry[],
  label: string,
  problems: ContentProblem[],
  warnings: string[] = [],
) {
  const seenIds = new Set<string>()
  // Each name (case aside) and who has it: as a name, or as an alias.
  const owners = new Map<string, { id: string; asName: boolean; at: string }[]>()
  list.forEach((entity, i) => {
    if (seenIds.has(entity.id)) {
      problems.push({ file: label, path: `$[${i}].id`, message: `duplicate id "${entity.id}"` })
    }
    seenIds.add(entity.id)
    ;[entity.name, ...entity.aliases].forEach((name, n) => {
      const key = name.toLocaleLowerCase('en')
      const at = n === 0 ? `$[${i}].name` : `$[${i}].aliases[${n - 1}]`
      const others = (owners.get(key) ?? []).filter((o) => o.id !== entity.id)
      const clash = others.find((o) => o.asName && n === 0)
      if (clash) {
        // Two entities with one name: no story could ever tell them apart.
        problems.push({ file: label, path: at, message: `"${name}" already names "${clash.id}"` })
      } else if (others.length > 0 && !owners.get(key)?.some((o) => o.id === entity.id)) {
        const ids = [...new Set(others.map((o) => `"${o.id}"`))].join(', ')
        warnings.push(
          `${label} ${at}: "${name}" also names ${ids}; it is linked only where the story has named one of them in full`,
        )
      }
      owners.set(key, [...(owners.get(key) ?? []), { id: entity.id, asName: n === 0, at }])
    })
    const aliases = new Set(entity.aliases)
    entity.ambiguous?.forEach((alias, n) => {
      if (!aliases.has(alias)) {
        problems.push({
          file: label,
          path: `$[${i}].ambiguous[${n}]`,
          message: `"${alias}" is not one of this entity's aliases`,
        })
      }
    })
  })
}

export function summarize(article: Article): ArticleSummary {
  const { slug, headline, standfirst, section, publishedAt, updatedAt, image } = article
  return {
    slug,
    headline,
    standfirst,
    section,
    publishedAt,
    ...(updatedAt === undefined ? {} : { updatedAt }),
    // Lists show the lead image, once the build has made its renditions.
    ...(image?.rendition
      ? {
          image: {
            alt: image.alt,
            ...(image.focus ? { focus: image.focus } : {}),
            rendition: image.rendition,
          },
        }
      : {}),
  }
}

/** One page of a list, as its API file has it (ArticlePageSchema and friends). */
export interface ListPageOf<T> {
  page: number
  /** How many stories the list has: on page 1 alone. */
  totalItems?: number
  /** The page of the next older stories; none on the oldest. */
  older?: number
  /** The page of the next newer stories; none on page 1, which has the newest. */
  newer?: number
  items: T[]
}

/**
 * Where a list's place `i` (0 the newest) is, among `count` places: its page number. Page 1 holds
 * the newest places; the pages after it are numbered from the oldest, `pageSize` places each, so
 * a page once full never changes when a story is published (docs/decisions/037).
 */
export function pageOfPlace(i: number, count: number, pageSize: number): number {
  const archived = Math.max(0, Math.floor(count / pageSize) - 1)
  const newest = count - archived * pageSize
  return i < newest ? 1 : Math.floor((count - 1 - i) / pageSize) + 2
}

/**
 * A list's pages, newest first (see `pageOfPlace`): page 1 holds between one and two pages' worth
 * of the newest places, then pages `n`, `n - 1` … 2 hold `pageSize` each down to the oldest. A
 * story published rewrites page 1, and when page 1 fills, writes one page and relinks the one
 * before it; no other page moves. A withdrawn story (`undefined`) keeps its place, and its page
 * shows one story fewer: withdrawing a story rewrites its page and page 1 (its total), no other.
 */
export function paginate<T>(places: Ordered<T | undefined>, pageSize: number): ListPageOf<T>[] {
  return [...pagesIn(places, pageSize)]
}

/**
 * The same pages, each made as it is asked for: a full build writes each before the next is
 * made, and every page of the latest list at once was 20 MB of a million-story build's heap
 * (docs/decisions/071).
 */
export function* pagesIn<T>(
  places: Ordered<T | undefined>,
  pageSize: number,
): Generator<ListPageOf<T>> {
  const count = places.length
  const archived = Math.max(0, Math.floor(count / pageSize) - 1)
  const present = (from: number, to: number) => {
    const items: T[] = []
    for (let i = from; i < to; i++) {
      const item = places.at(i)
      if (item !== undefined) items.push(item)
    }
    return items
  }
  let totalItems = 0
  for (let i = 0; i < count; i++) if (places.at(i) !== undefined) totalItems++
  const newest = count - archived * pageSize
  yield listPage({
    page: 1,
    totalItems,
    older: archived > 0 ? archived + 1 : undefined,
    items: present(0, newest),
  })
  for (let page = archived + 1; page >= 2; page--) {
    const to = count - (page - 2) * pageSize
    yield listPage({
      page,
      older: page > 2 ? page - 1 : undefined,
      newer: page <= archived ? page + 1 : 1,
      items: present(to - pageSize, to),
    })
  }
}

/** The fields of a list's page itself, beside what a list's file says of whom it lists. */
const LIST_FIELDS = new Set(['page', 'totalItems', 'older', 'newer', 'items'])

/** A list's page with its fields in one order, whoever makes it: files compare byte for byte. */
function listPage<T>(page: {
  page: number
  totalItems?: number | undefined
  older?: number | undefined
  newer?: number | undefined
  items: T[]
}): ListPageOf<T> {
  const { totalItems, older, newer } = page
  return {
    page: page.page,
    ...(totalItems === undefined ? {} : { totalItems }),
    ...(older === undefined ? {} : { older }),
    ...(newer === undefined ? {} : { newer }),
    items: page.items,
  }
}

/** Where a withdrawn story stood in the lists: it keeps its place there (see `paginate`). */
interface Slot {
  readonly slug: string
  readonly publishedAt: string
  /** Its section's name, as a story's summary has it. */
  readonly section: string
  readonly byline: readonly string[]
  readonly entityIds: readonly string[]
}

/**
 * Items in an order, each asked for by its index: an array, or a list that makes each item as it
 * is asked for (a full build's stories, `Picked` from its table).
 */
export interface Ordered<T> {
  readonly length: number
  at(index: number): T | undefined
}

/** Stories in an order: newest first, or a list's. */
type StoryList = Ordered<StoryFacts> & Iterable<StoryFacts>

/**
 * A list's stories with the places of the withdrawn ones among them (`undefined`), newest first:
 * each withdrawn story's place found by a binary search, and the stories asked for from the list
 * as they are wanted, not copied (a full build's lists are as long as the archive).
 */
function withSlots(list: StoryList, slots: readonly Slot[]): Ordered<StoryFacts> {
  if (slots.length === 0) return list
  const dated = (facts: StoryFacts | undefined): Dated =>
    facts?.summary ?? { slug: '', publishedAt: '' }
  // No two share a slug (a withdrawn story is not published), so the order is strict: each slot's
  // place is where it goes among the stories, after the slots newer than it.
  const at = [...slots]
    .sort(newestFirst)
    .map((slot, k) => lowerBound(list.length, (i) => newestFirst(dated(list.at(i)), slot) < 0) + k)
  return {
    length: list.length + slots.length,
    at(index) {
      if (index < 0 || index >= this.length) return undefined
      const before = lowerBound(at.length, (k) => (at[k] as number) < index)
      return at[before] === index ? undefined : list.at(index - before)
    },
  }
}

/**
 * Stories picked from a list by their indexes in it, in that order, 4 bytes a story: some of a
 * list's, or a full build's stories in an order by their places in its table (`TableStories`),
 * each story's facts made as they are asked for, where an array of every story's facts held an
 * object a story.
 */
class Picked implements StoryList {
  constructor(
    readonly from: Pick<Ordered<StoryFacts>, 'at'>,
    readonly picks: Int32Array,
  ) {}
  get length() {
    return this.picks.length
  }
  at(index: number) {
    const i = this.picks.at(index)
    return i === undefined ? undefined : this.from.at(i)
  }
  *[Symbol.iterator]() {
    for (const i of this.picks) {
      const facts = this.from.at(i)
      if (facts) yield facts
    }
  }
}

/** What the build needs to know about a story beyond its own page; cached between builds. */
interface StoryFacts {
  readonly mtimeMs: number
  readonly size: number
  readonly summary: ArticleSummary
  readonly entityIds: readonly string[]
  /** The files of its pictures, in content/images/. */
  readonly images: readonly string[]
  /** Its authors' ids. */
  readonly byline: readonly string[]
  /** Its quotes; in a full build's own facts, `IN_STORE`: the build's QuoteStore has them. */
  readonly quotes: readonly StoredQuote[]
  /** Slugs of the related stories last written into this story's page. */
  readonly related?: readonly string[] | undefined
  /**
   * The next few in the same ranking (RELATED_SPARES): when a related story is withdrawn, the one
   * that takes its place, without ranking the stories of every entity again.
   */
  readonly spare?: readonly string[] | undefined
  /** Whether more stories than these share an entity with it (the ranking was cut short). */
  readonly moreRanked?: boolean | undefined
  /** Its place in the search index's order of stories (after the gazetteer's documents). */
  readonly doc?: number | undefined
  /** A hash of what the search index takes from the story: a correction changes none of it. */
  readonly search: string
}

interface BuildCache {
  readonly version: number
  readonly outIdentity: string
  /** The identity of the folder of pictures' renditions ('' when there was none). */
  readonly imagesIdentity: string
  readonly settings: string
  /** Of the gazetteer, the sections and the authors. */
  readonly registersHash: string
  /** Their files' stamps (`registerStamps`) when they were read. */
  readonly registersStamps: string
  /** The gazetteer's entries by id, as JSON. */
  readonly entities: Readonly<Record<string, string>>
  readonly stories: Readonly<Record<string, StoryFacts>>
  /** API file -> hash of its bytes, for everything the last build wrote. */
  readonly outputs: Readonly<Record<string, string>>
  /** Each picture's `mtime:size` when the stories that show it were last read. */
  readonly images: Readonly<Record<string, string>>
  /** The withdrawn stories' places, which the search index keeps. */
  readonly withdrawn: readonly WithdrawnPlace[]
  /** Stories under embargo, left out: an edit in place needs them unchanged, and still held. */
  readonly held: readonly Held[]
  /** What the desk was told of the registers. */
  readonly warnings: readonly string[]
}

/** A story under embargo as a build left it out: its file's stamp, and when it is due. */
interface Held {
  readonly name: string
  readonly stamp: string
  readonly publishedAt: string
}

const CACHE_VERSION = 11
/** A full build's facts' quotes: kept in its QuoteStore, out of the heap, until the cache's rows. */
const IN_STORE: readonly StoredQuote[] = Object.freeze([])
/** One empty list for every story's empty lists: 100,000 empty arrays are 3 MB of heap. */
const NONE: readonly never[] = Object.freeze([])
const listOf = <T>(list: readonly T[]): readonly T[] => (list.length === 0 ? NONE : list)
const hash = (text: string) => createHash('sha1').update(text).digest('base64url')
const slugOf = (name: string) => name.slice(0, -'.json'.length)
/**
 * Each story's key, made once: a full build's lists name each story a dozen times (1.1 million
 * names at 100,000 stories, held until its cache is saved), and a key made anew each time was a
 * string of its own.
 */
const keys = new WeakMap<ArticleSummary, string>()
function keyOf(summary: ArticleSummary) {
  if (summary instanceof TableSummary) return summary.key
  let key = keys.get(summary)
  if (key === undefined) {
    key = `${summary.slug}.json`
    keys.set(summary, key)
  }
  return key
}
/** The stories a list shows, by their keys in the cache (their files' names). */
const keysOf = (summaries: readonly ArticleSummary[]) => summaries.map(keyOf)

/** The place of a file's name among names sorted as `listArticles` sorts them, or -1. */
function placeAmong(names: Names, name: string): number {
  if (names instanceof NameList) return names.find(name)
  const place = lowerBound(names.length, (i) => (names.at(i) as string) < name)
  return names.at(place) === name ? place : -1
}

/**
 * What a full build's table keeps of a story, in its file (`FactsTable`): everything in its facts
 * but its summary (in the store's file) and its place in the search index.
 */
interface FactsRecord {
  readonly mtimeMs: number
  readonly size: number
  readonly publishedAt: string
  readonly section: string
  readonly search: string
  readonly entityIds: readonly string[]
  readonly byline: readonly string[]
  readonly images: readonly string[]
  /** Related stories, then the spares, as places among the names. */
  readonly ranked: readonly number[]
  /** How many of them are related: -1 not set. */
  readonly relatedCount: number
  /** `moreRanked`: 0 not set, 1 false, 2 true. */
  readonly moreRanked: number
}

/** A record's fields in the order its file has them, as a JSON array. */
const RECORD_FIELDS = [
  'mtimeMs',
  'size',
  'publishedAt',
  'section',
  'search',
  'entityIds',
  'byline',
  'images',
  'ranked',
  'relatedCount',
  'moreRanked',
] as const satisfies readonly (keyof FactsRecord)[]

const recordText = (record: FactsRecord) =>
  JSON.stringify(RECORD_FIELDS.map((field) => record[field]))

function recordOf(text: string): FactsRecord {
  const values = JSON.parse(text) as unknown[]
  return Object.fromEntries(
    RECORD_FIELDS.map((field, i) => [field, values[i]]),
  ) as unknown as FactsRecord
}

/** How many records a table keeps parsed: the last few stories asked about. */
const RECENT = 256

/**
 * A full build's facts of every story, by the story's place among the names, each story's in a
 * record in a file beside the build's store (`RecordFile`), read back as they are asked for: in
 * memory, where each record is, its summary's place and its place in the search index, 28 bytes
 * a story. In columns in memory (decision 064), they were a quarter of a kilobyte a story, and the
 * objects over them another hundred bytes, grown with the archive (docs/decisions/075). Each
 * story's facts are an object over its place (`TableFacts`), its summary another, made when asked
 * for (`TableSummary`), whose words are in the build's store (docs/decisions/057).
 */
class FactsTable {
  readonly #records: RecordFile
  readonly #at: Float64Array
  readonly #length: Uint32Array
  /** Where each summary is in the store, and its length. */
  readonly summaryAt: Float64Array
  readonly summaryLength: Uint32Array
  /** `doc`: -1 not set. */
  readonly doc: Int32Array
  // The last records read, parsed, by place modulo RECENT: a story's facts are asked for a field
  // at a time, several in a row.
  readonly #recentPlace = new Int32Array(RECENT).fill(-1)
  readonly #recent: (FactsRecord | undefined)[] = Array.from({ length: RECENT }, () => undefined)

  constructor(
    /** The names, sorted as `listArticles` sorts them. */
    readonly names: NameList,
    readonly store: QuoteStore,
  ) {
    const size = names.length
    this.#records = store.facts
    this.#at = new Float64Array(size)
    this.#length = new Uint32Array(size)
    this.summaryAt = new Float64Array(size)
    this.summaryLength = new Uint32Array(size)
    this.doc = new Int32Array(size).fill(-1)
  }

  /** The record of the story at this place (kept by `keep`). */
  record(place: number): FactsRecord {
    const slot = place % RECENT
    if (this.#recentPlace[slot] === place) return this.#recent[slot] as FactsRecord
    const length = this.#length[place] ?? 0
    if (length === 0) throw new Error(`the build's table has no story at ${place}`)
    const record = recordOf(this.#records.read([this.#at[place] ?? 0, length]))
    this.#recentPlace[slot] = place
    this.#recent[slot] = record
    return record
  }

  /** Its record with these fields changed. */
  update(place: number, fields: Partial<FactsRecord>) {
    this.#put(place, { ...this.record(place), ...fields })
  }

  #put(place: number, record: FactsRecord) {
    const text = recordText(record)
    const length = this.#length[place] ?? 0
    const [at, bytes] =
      length === 0
        ? this.#records.append(text)
        : this.#records.replace([this.#at[place] ?? 0, length], text)
    this.#at[place] = at
    this.#length[place] = bytes
    const slot = place % RECENT
    this.#recentPlace[slot] = place
    this.#recent[slot] = record
  }

  /** A story's facts put in its place (its quotes already in the store), and their object. */
  keep(place: number, facts: StoryFacts): TableFacts {
    const [at, length] = this.store.hold(facts.summary)
    this.summaryAt[place] = at
    this.summaryLength[place] = length
    this.#put(place, {
      mtimeMs: facts.mtimeMs,
      size: facts.size,
      publishedAt: facts.summary.publishedAt,
      section: facts.summary.section,
      search: facts.search,
      entityIds: facts.entityIds,
      byline: facts.byline,
      images: facts.images,
      ranked: NONE,
      relatedCount: -1,
      moreRanked: 0,
    })
    return new TableFacts(this, place)
  }

  /** The place of the story of this file's name among the names, or -1. */
  find(name: string): number {
    return placeAmong(this.names, name)
  }

  /** The place of the story of this slug among the names. */
  placeOf(slug: string): number {
    const place = this.find(`${slug}.json`)
    if (place < 0) throw new Error(`the build has no story ${slug}`)
    return place
  }

  /** The name of the story at this place (a place among the names). */
  nameAt(place: number) {
    return this.names.at(place) as string
  }

  slugAt(place: number) {
    return slugOf(this.nameAt(place))
  }
}

/** A full build's facts of a story: its place in the build's table (`FactsTable`). */
class TableFacts implements StoryFacts {
  constructor(
    readonly table: FactsTable,
    readonly place: number,
  ) {}
  get #record() {
    return this.table.record(this.place)
  }
  get mtimeMs() {
    return this.#record.mtimeMs
  }
  get size() {
    return this.#record.size
  }
  get summary(): TableSummary {
    return new TableSummary(this.table, this.place)
  }
  get quotes() {
    return IN_STORE
  }
  get search() {
    return this.#record.search
  }
  set search(hash: string) {
    this.table.update(this.place, { search: hash })
  }
  get entityIds(): readonly string[] {
    return listOf(this.#record.entityIds)
  }
  set entityIds(ids: readonly string[]) {
    this.table.update(this.place, { entityIds: ids })
  }
  get byline(): readonly string[] {
    return listOf(this.#record.byline)
  }
  set byline(ids: readonly string[]) {
    this.table.update(this.place, { byline: ids })
  }
  get images(): readonly string[] {
    return listOf(this.#record.images)
  }
  set images(files: readonly string[]) {
    this.table.update(this.place, { images: files })
  }
  #ranked(from: number, to?: number) {
    return listOf(this.#record.ranked.slice(from, to).map((place) => this.table.slugAt(place)))
  }
  get related(): readonly string[] | undefined {
    const count = this.#record.relatedCount
    return count < 0 ? undefined : this.#ranked(0, count)
  }
  /** The summaries of its related stories (none where none are set). */
  relatedSummaries(): TableSummary[] {
    const { ranked, relatedCount } = this.#record
    return ranked.slice(0, Math.max(0, relatedCount)).map((at) => new TableSummary(this.table, at))
  }
  set related(slugs: readonly string[] | undefined) {
    const { ranked, relatedCount } = this.#record
    this.rank(
      (slugs ?? NONE).map((slug) => this.table.placeOf(slug)),
      relatedCount < 0 ? NONE : ranked.slice(relatedCount),
    )
    if (!slugs) this.table.update(this.place, { relatedCount: -1 })
  }
  get spare(): readonly string[] | undefined {
    const count = this.#record.relatedCount
    return count < 0 ? undefined : this.#ranked(count)
  }
  set spare(slugs: readonly string[] | undefined) {
    const { ranked, relatedCount } = this.#record
    const related = ranked.slice(0, Math.max(0, relatedCount))
    // Forgotten (`forgetCached`): the related stories stay as they are.
    if (!slugs?.length) this.table.update(this.place, { ranked: related })
    else
      this.rank(
        related,
        slugs.map((slug) => this.table.placeOf(slug)),
      )
  }
  /** Its related stories and the spares after them, by their places among the names. */
  rank(related: readonly number[], spare: readonly number[], moreRanked?: boolean) {
    this.table.update(this.place, {
      ranked: [...related, ...spare],
      relatedCount: related.length,
      ...(moreRanked === undefined ? {} : { moreRanked: moreRanked ? 2 : 1 }),
    })
  }
  get moreRanked() {
    const more = this.#record.moreRanked
    return more ? more === 2 : undefined
  }
  set moreRanked(more: boolean | undefined) {
    this.table.update(this.place, { moreRanked: more === undefined ? 0 : more ? 2 : 1 })
  }
  get doc() {
    const doc = this.table.doc[this.place] ?? -1
    return doc < 0 ? undefined : doc
  }
  set doc(doc: number | undefined) {
    this.table.doc[this.place] = doc ?? -1
  }
  /** Its fields as `factsOf` makes them, in that order: what the cache's row holds. */
  toJSON(): StoryFacts {
    return {
      mtimeMs: this.mtimeMs,
      size: this.size,
      summary: this.summary,
      search: this.search,
      entityIds: this.entityIds,
      images: this.images,
      byline: this.byline,
      quotes: this.quotes,
      related: this.related,
      spare: this.spare,
      moreRanked: this.moreRanked,
      doc: this.doc,
    }
  }
}

/**
 * A full build's stories by their files' names: each story's facts by its place among the names,
 * found by a binary search of them, in their order. A map's entry for each story was about 40
 * bytes more (42 MB of a million-story build's heap, docs/decisions/072); each story's facts are an
 * object made as they are asked for, over its place, not one held a story (docs/decisions/075).
 */
class TableStories implements ReadonlyMap<string, StoryFacts> {
  /** 1 where a story is among these. */
  readonly #present: Uint8Array
  #size = 0

  constructor(readonly table: FactsTable) {
    this.#present = new Uint8Array(table.names.length)
  }

  get size() {
    return this.#size
  }

  get(name: string): StoryFacts | undefined {
    return this.at(this.table.find(name))
  }

  /** The facts of the story at this place among the names, if it is one of these stories. */
  at(place: number): TableFacts | undefined {
    return this.#present[place] ? new TableFacts(this.table, place) : undefined
  }

  /**
   * These stories' places in an order of `sortDated`'s (the same comparison: time, then slug),
   * each time parsed once into an array: no object made a story, where sortDated made an entry, a
   * slug, a summary and its time's string for each, all held while a million stories were sorted
   * (docs/decisions/072).
   */
  byDate(order: 'newest first' | 'oldest first'): Int32Array {
    const { table } = this
    const places = new Int32Array(this.#size)
    const times = new Float64Array(this.#size)
    let count = 0
    this.#present.forEach((present, place) => {
      if (!present) return
      places[count] = place
      times[count++] = Date.parse(table.record(place).publishedAt)
    })
    const sign = order === 'oldest first' ? 1 : -1
    const slugAt = (i: number) => table.slugAt(places[i] ?? 0)
    return Int32Array.from(places.keys())
      .sort(
        (a, b) => sign * ((times[a] ?? 0) - (times[b] ?? 0)) || slugAt(a).localeCompare(slugAt(b)),
      )
      .map((i) => places[i] ?? 0)
  }

  has(name: string) {
    return this.get(name) !== undefined
  }

  /** A story's facts, kept in their place (`FactsTable.keep`). */
  put(facts: TableFacts) {
    if (facts.table !== this.table) throw new Error("the facts are not those of the build's table")
    if (!this.#present[facts.place]) this.#size++
    this.#present[facts.place] = 1
  }

  /** A story's facts, in their place in the table (`put`, its name checked against its place). */
  set(name: string, facts: StoryFacts) {
    if (!(facts instanceof TableFacts) || facts.place !== this.table.find(name))
      throw new Error(`the facts of ${name} are not those of its place in the build's table`)
    this.put(facts)
    return this
  }

  delete(name: string) {
    const place = this.table.find(name)
    if (!this.#present[place]) return false
    this.#present[place] = 0
    this.#size--
    return true
  }

  /** Each story's facts, in the order of their places (the names' order). */
  *inOrder(): Generator<TableFacts> {
    for (const [place, present] of this.#present.entries())
      if (present) yield new TableFacts(this.table, place)
  }

  *entries(): MapIterator<[string, StoryFacts]> {
    for (const facts of this.inOrder()) yield [this.table.nameAt(facts.place), facts]
  }

  *keys(): MapIterator<string> {
    for (const [name] of this.entries()) yield name
  }

  *values(): MapIterator<StoryFacts> {
    yield* this.inOrder()
  }

  [Symbol.iterator]() {
    return this.entries()
  }

  forEach(each: (facts: StoryFacts, name: string, map: ReadonlyMap<string, StoryFacts>) => void) {
    for (const [name, facts] of this.entries()) each(facts, name, this)
  }
}

/**
 * A full build's summary of a story, over its place: what its lists are sorted and filed by (slug,
 * time, section) from the build's table, the rest read back from the build's store each time the
 * summary is written out (`JSON.stringify` calls `toJSON`: a list's file is the same as with the
 * summary itself) or asked for.
 */
class TableSummary implements ArticleSummary {
  constructor(
    readonly table: FactsTable,
    readonly place: number,
  ) {}
  /** Its story's key: the name of its file, the string the build's maps are keyed by. */
  get key() {
    return this.table.nameAt(this.place)
  }
  get slug() {
    return this.table.slugAt(this.place)
  }
  get section() {
    return this.table.record(this.place).section
  }
  get publishedAt() {
    return this.table.record(this.place).publishedAt
  }
  toJSON(): ArticleSummary {
    const { table, place } = this
    return table.store.summary(
      table.summaryAt[place] as number,
      table.summaryLength[place] as number,
    )
  }
  get headline() {
    return this.toJSON().headline
  }
  get standfirst() {
    return this.toJSON().standfirst
  }
  get updatedAt() {
    return this.toJSON().updatedAt
  }
  get image() {
    return this.toJSON().image
  }
}

/** The entities a story links or quotes, each once. */
const entityIdsOf = (article: Article) => [...new Set(entityRefs(article).map((ref) => ref.id))]

/**
 * What the build keeps of a story. `same` gives the registers' own string for an id: a story's
 * ids are copies made as its file was parsed, and the cache holds its stories' facts. `keep` gives
 * what the facts hold of its quotes: a full build's store takes them (`IN_STORE`). A full build
 * puts the rest in its table (`FactsTable.keep`).
 */
function factsOf(
  article: Article,
  mtimeMs: number,
  size: number,
  same = (id: string) => id,
  keep = (quotes: readonly StoredQuote[]) => quotes,
): StoryFacts {
  return {
    mtimeMs,
    size,
    summary: summarize(article),
    search: hash(storySearchKey(article)),
    entityIds: entityIdsOf(article).map(same),
    images: listOf(imageRefs(article).map((ref) => ref.file)),
    byline: listOf((article.byline ?? []).map(same)),
    quotes: keep(
      article.body.flatMap((block) =>
        block.type === 'quote'
          ? [
              {
                quoteId: block.id,
                text: block.text,
                ...(block.source ? { source: block.source } : {}),
                speakerId: same(block.speakerId),
              },
            ]
          : [],
      ),
    ),
    // Set later (`withFields`), but made here, in the order they are set: fields added to an
    // object after it is made go to a second array of its own (6.7 MB of a full build's heap at
    // 100,000 stories). JSON leaves a field that is undefined out: the cache's rows are the same.
    related: undefined,
    spare: undefined,
    moreRanked: undefined,
    doc: undefined,
  }
}

async function folderIdentity(dir: string): Promise<string | undefined> {
  const info = await stat(dir).catch(() => undefined)
  return info?.isDirectory() ? `${info.ino}:${info.birthtimeMs}` : undefined
}

/**
 * The code the cached facts and outputs came from: a change to it invalidates the cache. The site
 * map is here because it lays out the output. A file that cannot be read stops the build; hashing
 * anything else would let the cache outlive the code it came from.
 */
async function codeHash(): Promise<string> {
  const files = [
    '../../src/content/schema.ts',
    '../../src/app/siteMap.ts',
    '../../src/api/apiPaths.ts',
    '../../src/search/schema.ts',
    '../../src/search/words.ts',
    '../search/index.ts',
    '../search/postingsRuns.ts',
    './build.ts',
    './cacheStore.ts',
    '../lib/dated.ts',
    '../images/renditions.ts',
  ]
  const texts = await Promise.all(
    files.map((f) =>
      readFile(new URL(f, import.meta.url), 'utf8').catch((error: unknown) => {
        throw new Error(`content build: cannot read its own code ${f} to key the cache`, {
          cause: error,
        })
      }),
    ),
  )
  return hash(texts.join('\n'))
}

/** The last build's cache (scripts/content/cacheStore.ts), if it is of this version. */
function readCache(file: string | undefined): BuildCache | undefined {
  const stored = file === undefined ? undefined : readStoredCache<StoryFacts>(file)
  if (stored?.version !== CACHE_VERSION) return undefined
  const { meta } = stored
  try {
    return {
      version: stored.version,
      outIdentity: meta.outIdentity ?? '',
      imagesIdentity: meta.imagesIdentity ?? '',
      settings: meta.settings ?? '',
      registersHash: meta.registersHash ?? '',
      registersStamps: meta.registersStamps ?? '',
      entities: stored.entities,
      stories: stored.stories,
      outputs: stored.outputs,
      images: stored.images,
      withdrawn: JSON.parse(meta.withdrawn ?? '[]') as WithdrawnPlace[],
      held: JSON.parse(meta.held ?? '[]') as Held[],
      warnings: JSON.parse(meta.warnings ?? '[]') as string[],
    }
  } catch {
    return undefined
  }
}

/** The cache as the store keeps it: the same objects, so that it can tell which changed. */
const toStored = (cache: BuildCache): StoredCache<StoryFacts> => ({
  version: cache.version,
  meta: {
    outIdentity: cache.outIdentity,
    imagesIdentity: cache.imagesIdentity,
    settings: cache.settings,
    registersHash: cache.registersHash,
    registersStamps: cache.registersStamps,
    withdrawn: JSON.stringify(cache.withdrawn),
    held: JSON.stringify(cache.held),
    warnings: JSON.stringify(cache.warnings),
  },
  stories: cache.stories,
  outputs: cache.outputs,
  images: cache.images,
  entities: cache.entities,
})

function readArticle(file: string, label: string, problems: ContentProblem[]) {
  const json = readJson(file, label, problems)
  return json.ok ? parseWith(ArticleSchema, json.value, label, problems) : undefined
}

const rel = (file: string) => path.relative(process.cwd(), file) || file

/**
 * The stories withdrawn from the site (`content/withdrawn/`, which may be absent), by slug: each
 * checked as a story is, and never also published.
 */
async function readWithdrawn(
  contentDir: string,
  published: Pick<ReadonlySet<string>, 'has'>,
  registers: Registers,
  problems: ContentProblem[],
): Promise<{ withdrawn: Map<string, Withdrawal>; slots: Slot[] }> {
  const dir = path.join(contentDir, 'withdrawn')
  const names = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.json')).sort()
  const withdrawn = new Map<string, Withdrawal>()
  const slots: Slot[] = []
  for (const name of names) {
    const file = path.join(dir, name)
    const json = readJson(file, rel(file), problems)
    const record = json.ok && parseWith(WithdrawnStorySchema, json.value, rel(file), problems)
    if (!record) continue
    const slug = slugOf(name)
    const before = problems.length
    checkArticle(record.article, rel(file), slug, registers, problems)
    // The same checks, at the article's place in the record.
    for (const problem of problems.slice(before))
      problem.path = problem.path.replace('$', '$.article')
    if (published.has(name)) {
      problems.push({
        file: rel(file),
        path: '$',
        message: `the story is withdrawn and published at once (content/articles/${name}): keep one`,
      })
    }
    withdrawn.set(slug, { slug, withdrawnAt: record.withdrawnAt, reason: record.reason })
    const { publishedAt, section, byline = [] } = record.article
    slots.push({ slug, publishedAt, section, byline, entityIds: entityIdsOf(record.article) })
  }
  return { withdrawn, slots }
}

async function loadGazetteer(contentDir: string, problems: ContentProblem[]) {
  const file = path.join(contentDir, 'entities.json')
  let text = ''
  try {
    text = await readFile(file, 'utf8')
  } catch {
    problems.push({ file: rel(file), path: '$', message: 'file is missing' })
  }
  const json = text ? parsedJson(() => text, rel(file), problems) : undefined
  const gazetteer = (json?.ok && parseWith(GazetteerSchema, json.value, rel(file), problems)) || []
  const warnings: string[] = []
  checkGazetteer(gazetteer, rel(file), problems, warnings)
  // What links an entity is ingest's business: readers get the entity without it.
  const entities = new Map(
    gazetteer.map((entry): [string, Entity] => [entry.id, v.parse(EntitySchema, entry)]),
  )
  return { entities, text, warnings }
}

/**
 * A register of the site (content/sections.json, content/authors.json): a list of entries, each
 * with an id and a name, neither of them shared.
 */
async function loadRegister<S extends v.GenericSchema<unknown, { id: string; name: string }[]>>(
  file: string,
  schema: S,
  problems: ContentProblem[],
): Promise<{ list: v.InferOutput<S>; text: string }> {
  const label = rel(file)
  const text = await readFile(file, 'utf8').catch(() => {
    problems.push({ file: label, path: '$', message: 'file is missing' })
    return ''
  })
  if (!text) return { list: [], text }
  const json = parsedJson(() => text, label, problems)
  const list = (json.ok && parseWith(schema, json.value, label, problems)) || []
  for (const key of ['id', 'name'] as const) {
    const seen = new Set<string>()
    list.forEach((entry, i) => {
      if (seen.has(entry[key]))
        problems.push({
          file: label,
          path: `$[${i}].${key}`,
          message: `duplicate ${key} "${entry[key]}"`,
        })
      seen.add(entry[key])
    })
  }
  return { list, text }
}

const REGISTER_FILES = ['entities.json', 'sections.json', 'authors.json'] as const

/**
 * The register files' `mtime:size`, taken before they are read: a file changed as it is read then
 * shows another stamp at the next build, which reads it again.
 */
async function registerStamps(contentDir: string): Promise<string> {
  const stamps = await Promise.all(
    REGISTER_FILES.map((name) =>
      stat(path.join(contentDir, name)).then(
        (info) => `${info.mtimeMs}:${info.size}`,
        () => '',
      ),
    ),
  )
  return JSON.stringify(stamps)
}

/**
 * The gazetteer as the cache keeps it, each entry parsed when first asked for: an edit's stories
 * name a few of its entities, and reading, hashing and parsing 10,000 of them took 60 ms of an
 * edit at 100,000 stories, against 25 ms for 1,000 at 10,000.
 */
function storedEntities(store: OpenedCache): EntityLookup {
  const read = new Map<string, Entity | undefined>()
  const get = (id: string) => {
    if (!read.has(id)) {
      const row = store.entity(id)
      read.set(id, row === undefined ? undefined : (JSON.parse(row) as Entity))
    }
    return read.get(id)
  }
  return { get, has: (id) => get(id) !== undefined, size: store.entityCount() }
}

/**
 * The registers for an edit, if they are those of the last build: when their files' stamps are
 * those it read, the gazetteer from the cache and the two small registers from their files;
 * otherwise all three read, and the same only if their hash is the build's (then `stamps` is new).
 */
async function editRegisters(contentDir: string, store: OpenedCache) {
  const { meta } = store
  const stamps = await registerStamps(contentDir)
  if (stamps !== meta.registersStamps) {
    const registers = await checkedRegisters(contentDir, meta.registersHash)
    return registers && { registers, stamps }
  }
  const read = (name: string) =>
    readFile(path.join(contentDir, name), 'utf8').catch(() => undefined)
  const [sections, authors] = await Promise.all([read('sections.json'), read('authors.json')])
  if (sections === undefined || authors === undefined) return undefined
  const registers: Registers = {
    entities: storedEntities(store),
    ...listedRegisters(sections, authors),
  }
  return { registers, stamps }
}

/** The sections and the authors, from their files' texts as the last build checked them. */
const listedRegisters = (sections: string, authors: string) => ({
  sections: new Map((JSON.parse(sections) as Section[]).map((section) => [section.name, section])),
  authors: new Map((JSON.parse(authors) as Author[]).map((author) => [author.id, author])),
})

/**
 * The registers as the last build checked them, when their files hash as the cache says (else
 * undefined): parsed, not checked again, for an edit in place. Entities are as the gazetteer has
 * them, with what links them: EntitySchema gives one as readers get it.
 */
async function checkedRegisters(contentDir: string, registersHash: string | undefined) {
  const texts = await Promise.all(
    REGISTER_FILES.map((name) =>
      readFile(path.join(contentDir, name), 'utf8').catch(() => undefined),
    ),
  )
  const [gazetteer, sections, authors] = texts
  if (gazetteer === undefined || sections === undefined || authors === undefined) return undefined
  if (hash([gazetteer, sections, authors].join('\n')) !== registersHash) return undefined
  const entries = JSON.parse(gazetteer) as GazetteerEntry[]
  const registers: Registers = {
    entities: new Map(entries.map((entry) => [entry.id, entry])),
    ...listedRegisters(sections, authors),
  }
  return registers
}

/** Everything stories refer to, checked, and a hash of it: a change to any means a full build. */
async function loadRegisters(contentDir: string, problems: ContentProblem[]) {
  const [gazetteer, sections, authors] = await Promise.all([
    loadGazetteer(contentDir, problems),
    loadRegister(path.join(contentDir, 'sections.json'), SectionsSchema, problems),
    loadRegister(path.join(contentDir, 'authors.json'), AuthorsSchema, problems),
  ])
  const registers = {
    entities: gazetteer.entities,
    sections: new Map(sections.list.map((section) => [section.name, section])),
    authors: new Map(authors.list.map((author) => [author.id, author])),
  }
  return {
    registers,
    registersHash: hash([gazetteer.text, sections.text, authors.text].join('\n')),
    warnings: gazetteer.warnings,
  }
}

async function listArticles(articlesDir: string, problems: ContentProblem[]) {
  try {
    return (await readdir(articlesDir)).filter((f) => f.endsWith('.json')).sort()
  } catch {
    problems.push({ file: rel(articlesDir), path: '$', message: 'folder is missing' })
    return []
  }
}

/** Loads and validates all content; throws ContentError listing every problem found. */
export async function loadContent(contentDir: string) {
  const problems: ContentProblem[] = []
  const { registers } = await loadRegisters(contentDir, problems)
  const articlesDir = path.join(contentDir, 'articles')
  const articles: Article[] = []
  for (const name of await listArticles(articlesDir, problems)) {
    const file = path.join(articlesDir, name)
    const article = readArticle(file, rel(file), problems)
    if (!article) continue
    checkArticle(article, rel(file), slugOf(name), registers, problems)
    articles.push(article)
  }
  if (problems.length > 0) throw new ContentError(problems)
  articles.sort((a, b) => newestFirst(a, b))
  return { articles, entities: registers.entities }
}

/**
 * Builds the static JSON API into outDir. A full build writes every file to a fresh folder, then
 * renames each into place; with a valid cache, only stories whose file changed are read, and only
 * files whose bytes change are written. Either way each file is replaced whole, so a server
 * answering from outDir during a build never sends half a file or a 404 (docs/decisions/015).
 */
export async function buildContent(options: BuildOptions): Promise<BuildReport> {
  const { pageSize = 20, relatedCount = 4, searchLayout = LAYOUT } = options
  // A change to the contract or to this build invalidates everything it learnt before.
  const settings = JSON.stringify({ pageSize, relatedCount, searchLayout, code: await codeHash() })
  const settled = { ...options, pageSize, relatedCount, searchLayout, settings }
  const tried: Record<string, number> = {}
  const inPlace = await editInPlace(settled, tried)
  if (inPlace) return inPlace
  // Not an edit in place: the time it took to tell, then the whole build's steps.
  const timings: Record<string, number> = {}
  const spent = Object.values(tried).reduce((sum, ms) => sum + ms, 0)
  if (spent > 0) timings['in place?'] = spent
  const lap = stopwatch(timings)
  const content = await readAndValidate(options, settings)
  lap('read')
  const derived = deriveFacts(content)
  const related = relatedStories(content, derived, relatedCount)
  lap('derive')
  const written = await writeApi(settled, content, derived, related, timings)
  return {
    mode: content.cache ? 'incremental' : 'full',
    articles: content.stories.size,
    entities: content.entities.size,
    ...written,
    summaries: () => Array.from(derived.ordered, (facts) => facts.summary),
    embargoed: content.embargoed,
    warnings: content.warnings,
    renditions: content.pictures.made,
    timings,
  }
}

/** A story an edit in place read again: its facts before and after. */
interface EditedStory {
  name: string
  article: Article
  before: StoryFacts
  after: StoryFacts
}

/**
 * An edit that moves nothing, at the cost of what it touches (docs/decisions/033): the same stories
 * as the last build, the same pictures and withdrawals, and each story whose file changed still
 * dated, filed, bylined, linked and quoted as before. Then no list gains, loses or reorders a story,
 * and no related list changes: the story's page is written again, each file that shows its summary
 * (the cache's `shows`) gets the new one in its place, and the search index is patched. Nothing is
 * read of the archive but each story file's stamp, which the cache is checked against, and the few
 * rows and files the change touches. Undefined when the change is of any other kind, or anything
 * is not as the cache says (a file that is not the one it hashed): the whole build then runs,
 * and reports any problem.
 */
async function editInPlace(
  options: WriteOptions,
  timings: Record<string, number>,
): Promise<BuildReport | undefined> {
  const { outDir, cacheFile } = options
  if (options.full || !cacheFile) return undefined
  const store = openStoredCache(cacheFile)
  if (!store) return undefined
  const lap = stopwatch(timings)
  const images = pictures(options.contentDir, imagesDirOf(options))
  try {
    const found = await editedStories(options, store, images)
    lap('read')
    if (!found) return undefined
    const { registers, warnings, edited, gone, added } = found
    const written =
      gone.length > 0
        ? await withdrawInPlace(options, store, registers, gone, found.places)
        : added.length > 0
          ? await publishInPlace(options, store, registers, added, found.slots)
          : await writeInPlace(options, store, registers.entities, registers.authors, edited)
    lap('patch')
    if (!written) return undefined
    await images.finished()
    const { files, stale } = written
    const report = await writeChanged(outDir, files, stale, options.compress ?? false)
    lap('write')
    const patch: StoredPatch<StoryFacts> = {
      stories: written.stories,
      outputs: new Map<string, string | undefined>([
        ...[...files].map(([file, text]): [string, string] => [file, hash(text)]),
        ...stale.map((file): [string, undefined] => [file, undefined]),
      ]),
      shows: written.shows,
      meta: { withdrawn: JSON.stringify(found.places), registersStamps: found.registersStamps },
    }
    // eslint-disable-next-line @typescript-eslint/require-await -- the caller awaits it either way
    const saveCache = async () => {
      const saved = stopwatch(timings)
      patchStoredCache(cacheFile, patch, stampOf)
      saved('cache')
    }
    if (!options.deferCache) await saveCache()
    // The whole archive's lists, only for a caller that cannot do with the stories edited.
    const everything = () => {
      const cache = readCache(cacheFile)
      const stories = new Map(Object.entries(cache?.stories ?? {}))
      for (const [name, facts] of patch.stories)
        if (facts === undefined) stories.delete(name)
        else stories.set(name, facts)
      const outputs = new Map(Object.entries(cache?.outputs ?? {}))
      for (const [file, digest] of patch.outputs)
        if (digest === undefined) outputs.delete(file)
        else outputs.set(file, digest)
      return { stories, outputs }
    }
    return {
      mode: 'incremental',
      articles: found.articles,
      entities: registers.entities.size,
      ...report,
      saveCache,
      summaries: () =>
        sortDated(
          [...everything().stories.values()].map((facts) => facts.summary),
          (summary) => summary,
          'newest first',
        ),
      apiFiles: () => [...everything().outputs.keys()].sort(),
      ...(gone.length > 0
        ? { withdrawn: gone.map(({ facts }) => facts.summary) }
        : added.length > 0
          ? { published: added.map(({ facts }) => facts.summary) }
          : {
              edited: edited.map(({ before, after }) => ({
                before: before.summary,
                after: after.summary,
              })),
            }),
      ...(options.changedStories ? { partial: true } : {}),
      embargoed: found.embargoed,
      warnings,
      renditions: images.made,
      timings,
    }
  } finally {
    store.close()
    // An edit that is not one for this path leaves no picture half made for the whole build,
    // which would make it again beside it.
    await images.settled()
  }
}

/** What of a story an edit in place leaves as it was: everything that places it in a list. */
const placing = (facts: StoryFacts) =>
  JSON.stringify([
    facts.summary.publishedAt,
    facts.summary.section,
    facts.byline,
    facts.entityIds,
    facts.images,
    facts.quotes,
  ])

/** The stories whose files changed since the cache, when each is an edit in place. */
async function editedStories(
  options: WriteOptions,
  store: OpenedCache,
  images: ReturnType<typeof pictures>,
) {
  const { contentDir, outDir } = options
  const { meta } = store
  if (store.version !== CACHE_VERSION || meta.settings !== options.settings) return undefined
  const articlesDir = path.join(contentDir, 'articles')
  const imagesDir = imagesDirOf(options)
  const now = (options.now ?? new Date()).getTime()
  // A withdrawal shows in the count of withdrawn stories, a story published or deleted in the
  // folder's: a story published, deleted or put back is not a change in place, and the files
  // need not all be looked at. Stories withdrawn since are (`withdrawInPlace`): as many story
  // files fewer as records more.
  const countOf = (list: string[]) => list.filter((name) => name.endsWith('.json')).length
  const withdrawals = await readdir(path.join(contentDir, 'withdrawn')).catch(() => [])
  const newlyWithdrawn =
    countOf(withdrawals) - (JSON.parse(meta.withdrawn ?? '[]') as unknown[]).length
  if (newlyWithdrawn < 0) return undefined
  // Every story file the cache knows (those under embargo too) is stamped, half on another
  // thread, while the folder is listed and the registers are read. Or, when the caller names the
  // files the newsroom's commands changed, those alone: the caller then builds again without
  // names, which looks at every file (docs/decisions/036).
  const named = options.changedStories
  const everyHeld = JSON.parse(meta.held ?? '[]') as Held[]
  const held = everyHeld.filter((story) => Date.parse(story.publishedAt) > now)
  // A story under embargo come due is published, not edited (the folder's count tells it too).
  if (named && held.length !== everyHeld.length) return undefined
  const { stamps, added: addedNames } = named
    ? namedStamps(store, named, held)
    : { stamps: store.stamps(), added: [] }
  // Stories under embargo are looked at too, those named alone when the caller names any.
  const looked = named ? held.filter((story) => named.includes(story.name)) : held
  const known = [
    ...stamps.map(([name]) => name),
    ...looked.map((story) => story.name),
    ...addedNames,
  ]
  const stop = new AbortController()
  const listing = named
    ? undefined
    : readdir(articlesDir)
        .catch(() => [])
        .then((names) => {
          if (countOf(names) !== known.length - newlyWithdrawn) stop.abort()
          return names
        })
  const stamping = fileStamps(articlesDir, known, stop.signal)
  const [checked, outIdentity, imagesIdentity, pictureStamps] = await Promise.all([
    editRegisters(contentDir, store),
    folderIdentity(outDir),
    folderIdentity(imagesDir),
    stampImages(contentDir),
  ])
  const [names, current] = await Promise.all([listing, stamping])
  if (
    !current ||
    stop.signal.aborted ||
    !checked ||
    meta.outIdentity !== outIdentity ||
    meta.imagesIdentity !== (imagesIdentity ?? '')
  )
    return undefined
  const { registers, stamps: registersStamps } = checked
  const problems: ContentProblem[] = []
  // The desk heard of these at the build that checked the gazetteer; a refresh says them again.
  const warnings = JSON.parse(meta.warnings ?? '[]') as string[]
  // The same pictures as the cache's: a changed one changes the stories that show it.
  const cachedImages = Object.entries(store.images())
  if (
    cachedImages.length !== pictureStamps.size ||
    cachedImages.some(([file, stamp]) => pictureStamps.get(file) !== stamp)
  )
    return undefined
  // The same stories: as many files as the cache knows, each of them there (so none new, none
  // gone), and those under embargo unchanged and not yet due.
  if (names && countOf(names) !== known.length - newlyWithdrawn) return undefined
  const changed: { name: string; stamp: string }[] = []
  const goneNames = new Set<string>()
  const newNames: { name: string; stamp: string }[] = []
  for (const [i, name] of known.entries()) {
    const stamp = current[i]
    if (i >= stamps.length + looked.length) {
      if (stamp === undefined) return undefined
      newNames.push({ name, stamp })
      continue
    }
    const was = i < stamps.length ? stamps[i]?.[1] : looked[i - stamps.length]?.stamp
    if (stamp === undefined && i < stamps.length && goneNames.size < newlyWithdrawn) {
      goneNames.add(name)
      continue
    }
    if (stamp === undefined || (stamp !== was && i >= stamps.length)) return undefined
    if (stamp !== was) changed.push({ name, stamp })
  }
  // One kind of change at a time: stories withdrawn, stories published, or stories edited.
  const kinds = [goneNames.size, newNames.length, changed.length].filter((n) => n > 0).length
  if (goneNames.size !== newlyWithdrawn || kinds > 1 || newNames.length > MAX_PUBLISHED_IN_PLACE)
    return undefined
  const published = new Set(known.filter((name) => !goneNames.has(name)))
  // The same withdrawals as before, and those of the stories gone: each in its place, and each
  // earlier record what its address says already. Then nothing that no story file shows has
  // changed either, and a refresh with nothing to do costs a look at each file, not a build (4.9 s
  // at 100,000 stories).
  const { withdrawn, slots } = await readWithdrawn(contentDir, published, registers, problems)
  if (problems.length > 0) return undefined
  const earlier = slots.filter((slot) => !goneNames.has(`${slot.slug}.json`))
  if (JSON.stringify(withdrawnPlaces({ slots: earlier })) !== (meta.withdrawn ?? '[]'))
    return undefined
  for (const withdrawal of withdrawn.values())
    if (
      !goneNames.has(`${withdrawal.slug}.json`) &&
      store.output(apiPaths.withdrawn(withdrawal.slug)) !== hash(JSON.stringify(withdrawal))
    )
      return undefined
  // Each story withdrawn since, placed by its record as the cache placed it: it keeps its places.
  const gone: GoneStory[] = []
  for (const name of goneNames) {
    const facts = store.story(name) as StoryFacts | undefined
    const slot = slots.find((s) => `${s.slug}.json` === name)
    const withdrawal = withdrawn.get(slugOf(name))
    if (!facts || !slot || !withdrawal || facts.doc === undefined) return undefined
    const placed = [facts.summary.publishedAt, facts.summary.section, facts.byline, facts.entityIds]
    const kept = [slot.publishedAt, slot.section, slot.byline, slot.entityIds]
    if (JSON.stringify(placed) !== JSON.stringify(kept)) return undefined
    gone.push({ name, facts, withdrawal })
  }
  // Each changed story read, checked, and placed as it was.
  const edited: EditedStory[] = []
  for (const { name, stamp } of changed) {
    const before = store.story(name) as StoryFacts | undefined
    const file = path.join(articlesDir, name)
    const parsed = readArticle(file, rel(file), problems)
    if (!before || !parsed) return undefined
    checkArticle(parsed, rel(file), slugOf(name), registers, problems)
    const article = await images.apply(parsed, name, problems)
    if (problems.length > 0) return undefined
    const [mtimeMs = NaN, size = NaN] = stamp.split(':').map(Number)
    const fresh = factsOf(article, mtimeMs, size)
    if (placing(fresh) !== placing(before) || Date.parse(fresh.summary.publishedAt) > now)
      return undefined
    const after: StoryFacts = {
      ...fresh,
      ...(before.related ? { related: before.related } : {}),
      ...(before.spare ? { spare: before.spare, moreRanked: before.moreRanked } : {}),
      ...(before.doc === undefined ? {} : { doc: before.doc }),
    }
    edited.push({ name, article, before, after })
  }
  // Each story published since, read and checked: published now, not under embargo.
  const added: AddedStory[] = []
  for (const { name, stamp } of newNames) {
    const file = path.join(articlesDir, name)
    const parsed = readArticle(file, rel(file), problems)
    if (!parsed) return undefined
    checkArticle(parsed, rel(file), slugOf(name), registers, problems)
    const article = await images.apply(parsed, name, problems)
    if (problems.length > 0) return undefined
    const [mtimeMs = NaN, size = NaN] = stamp.split(':').map(Number)
    const facts = factsOf(article, mtimeMs, size)
    if (Date.parse(facts.summary.publishedAt) > now) return undefined
    added.push({ name, article, facts })
  }
  const embargoed = held.map(({ name, publishedAt }) => ({
    slug: slugOf(name),
    publishedAt,
  }))
  return {
    registers,
    registersStamps,
    warnings,
    edited,
    gone,
    added,
    slots,
    places: withdrawnPlaces({ slots }),
    articles: (named ? store.storyCount() : stamps.length) - gone.length + added.length,
    embargoed,
  }
}

/** At most this many stories published at once go in place; more make the whole build. */
const MAX_PUBLISHED_IN_PLACE = 50

/**
 * The cache's stamps of the story files named (none under embargo), and the names it does not
 * know: stories published since (or restored, which the count of withdrawals tells apart).
 */
function namedStamps(store: OpenedCache, named: readonly string[], held: readonly Held[]) {
  const heldNames = new Set(held.map((story) => story.name))
  const stamps: [string, string][] = []
  const added: string[] = []
  for (const name of new Set(named)) {
    if (heldNames.has(name)) continue
    const stamp = store.stamp(name)
    if (stamp === undefined) added.push(name)
    else stamps.push([name, stamp])
  }
  return { stamps, added }
}

/** A story published since the last build: its file read and checked, and its facts. */
interface AddedStory {
  name: string
  article: Article
  facts: StoryFacts
}

/** A story withdrawn since the last build, as the cache knows it, and its record's API file. */
interface GoneStory {
  name: string
  facts: StoryFacts
  withdrawal: Withdrawal
}

/**
 * The files an edit in place writes: each edited story's page, the files that show its summary
 * with the new one in its place, and the search index's files that change (with those it drops).
 * Undefined when a file to patch is not the one the cache hashed.
 */
async function writeInPlace(
  options: WriteOptions,
  store: OpenedCache,
  entities: EntityLookup,
  authors: ReadonlyMap<string, Author>,
  edited: readonly EditedStory[],
): Promise<InPlaceWrite | undefined> {
  const { outDir } = options
  const out: Map<string, string> = new Map()
  const put = (file: string, value: unknown) => {
    const text = JSON.stringify(value)
    if (store.output(file) !== hash(text)) out.set(file, text)
  }
  /** A file as the last build wrote it, or undefined when it is not. */
  const lastWritten = async (file: string) => {
    const text = await readFile(path.join(outDir, file), 'utf8').catch(() => undefined)
    return text !== undefined && hash(text) === store.output(file)
      ? (JSON.parse(text) as unknown)
      : undefined
  }
  const bySlug = new Map(edited.map((story) => [story.after.summary.slug, story]))
  const summaryOf = (slug: string) =>
    bySlug.get(slug)?.after.summary ??
    (store.story(`${slug}.json`) as StoryFacts | undefined)?.summary

  // Each story's page, its related stories as they were.
  for (const { name, article, after } of edited) {
    const related = (after.related ?? []).map(summaryOf)
    if (related.some((summary) => !summary)) return undefined
    const doc: ArticleDocument = {
      article,
      // As readers get them: the gazetteer's entries have what links them too.
      entities: after.entityIds.flatMap((id) => {
        const entry = entities.get(id)
        return entry ? [v.parse(EntitySchema, entry)] : []
      }),
      related: related as ArticleSummary[],
      authors: after.byline.flatMap((id) => authors.get(id) ?? []),
    }
    put(apiPaths.article(slugOf(name)), doc)
  }

  // Every other file that shows a changed summary: the new one in its place.
  const newSummaries = new Map<string, { before: string; after: ArticleSummary }>()
  for (const { before, after } of edited) {
    const was = JSON.stringify(before.summary)
    if (was !== JSON.stringify(after.summary))
      newSummaries.set(after.summary.slug, { before: was, after: after.summary })
  }
  const own = new Set(edited.map(({ name }) => apiPaths.article(slugOf(name))))
  const showing = new Set([...newSummaries.keys()].flatMap((slug) => store.shownIn(`${slug}.json`)))
  for (const file of showing) {
    if (own.has(file)) continue
    const value = await lastWritten(file)
    if (value === undefined) return undefined
    put(file, withSummaries(value, newSummaries))
  }

  // The search index, patched with the stories whose searchable text changed.
  const searched = edited.filter(({ before, after }) => before.search !== after.search)
  const stories = new Map(edited.map(({ name, after }) => [name, after]))
  if (searched.length === 0) return { files: out, stale: [], stories, shows: new Map() }
  const changes: DocChange[] = []
  for (const { name, article, before } of searched) {
    const old = await lastWritten(apiPaths.article(slugOf(name)))
    if (old === undefined || before.doc === undefined) return undefined
    changes.push({
      doc: entities.size + before.doc,
      before: (old as ArticleDocument).article,
      after: article,
    })
  }
  const patch = await patchedSearch(options, store, changes)
  if (!patch) return undefined
  for (const [file, value] of patch.files) put(file, value)
  return { files: out, stale: patch.stale, stories, shows: new Map() }
}

/** The search index's files that change with `changes`, and those it no longer has. */
async function patchedSearch(
  { outDir, searchLayout }: WriteOptions,
  store: OpenedCache,
  changes: readonly DocChange[],
) {
  const readOut = async (file: string): Promise<unknown> =>
    JSON.parse(await readFile(path.join(outDir, file), 'utf8'))
  const sizeOut = async (file: string) => (await stat(path.join(outDir, file))).size
  const patch = await patchSearchIndex(readOut, changes, sizeOut, searchLayout)
  if (!patch) return undefined
  const all = new Set(patch.all)
  const searchDir = `${path.posix.dirname(apiFiles.searchIndex.file.fill({}))}/`
  const stale = store
    .outputsUnder(searchDir)
    .map(([file]) => file)
    .filter((file) => !all.has(file))
  return { files: patch.files, stale }
}

/** What a change in place writes: files (path -> JSON text), files removed, and cache rows. */
interface InPlaceWrite {
  files: Map<string, string>
  stale: string[]
  /** Stories whose facts change (undefined: the story's row goes). */
  stories: Map<string, StoryFacts | undefined>
  /** The stories each file written shows, where that changed. */
  shows: Map<string, string[]>
}

// The lists a story is in, by the API file of each list's pages (its `page` parameter aside).
const LISTS = ['articleIndex', 'sectionStories', 'authorStories', 'entityStories'] as const
type ListName = (typeof LISTS)[number]
type ListPage = ListPageOf<ArticleSummary>

/**
 * Stories withdrawn, at the cost of what they touch (docs/decisions/035): each keeps its places
 * (decision 030), so every list is patched where it showed the story (one story fewer, and one
 * fewer in its first page's totals), each story whose related list showed it takes the next in
 * its ranking from its `spare`, the front page is made again from the lists' first pages when it
 * showed one, the search index empties its document, and its address says it was withdrawn.
 * Undefined when any of that cannot be told from the files and rows it reads: the whole build then
 * runs.
 */
async function withdrawInPlace(
  options: WriteOptions,
  store: OpenedCache,
  { entities, sections, authors }: Registers,
  gone: readonly GoneStory[],
  places: readonly WithdrawnPlace[],
): Promise<InPlaceWrite | undefined> {
  const { outDir, relatedCount } = options
  const result: InPlaceWrite = { files: new Map(), stale: [], stories: new Map(), shows: new Map() }
  const goneSlugs = new Set(gone.map(({ facts }) => facts.summary.slug))
  const sectionIds = new Map([...sections.values()].map((section) => [section.name, section.id]))
  // Each file read once, as the last build wrote it, and patched for every story withdrawn.
  const { values, valueOf } = lastBuilt(outDir, store)
  const shows = (file: string, summaries: readonly ArticleSummary[]) =>
    result.shows.set(file, keysOf(summaries))

  const related = new Set<string>()
  let front = false
  for (const { name, facts } of gone) {
    const { slug, section } = facts.summary
    const sectionId = sectionIds.get(section)
    if (!sectionId || facts.doc === undefined) return undefined
    // The files that show it, by kind; each of its lists must be among them, once.
    const lists = new Map<string, string>()
    for (const file of store.shownIn(name)) {
      const kind = apiFileOf(file)
      if (kind?.name === 'article') related.add(file)
      else if (kind?.name === 'front') front = true
      else if (kind && (LISTS as readonly string[]).includes(kind.name)) {
        const list = apiFiles[kind.name as ListName].file.fill({ ...kind.params, page: '1' })
        if (lists.has(list)) return undefined
        lists.set(list, file)
      } else return undefined
    }
    const expected = [
      apiPaths.articleIndex(1),
      apiPaths.sectionStories(sectionId, 1),
      ...facts.byline.filter((id) => authors.has(id)).map((id) => apiPaths.authorStories(id, 1)),
      ...facts.entityIds
        .filter((id) => entities.has(id))
        .map((id) => apiPaths.entityStories(id, 1)),
    ]
    if (expected.length !== lists.size || expected.some((list) => !lists.has(list)))
      return undefined
    for (const [first, file] of lists) {
      const page = (await valueOf(file)) as (ListPage & { quotes?: EntityQuote[] }) | undefined
      const top = (await valueOf(first)) as (ListPage & { totalQuotes?: number }) | undefined
      if (!page || !top?.totalItems || !page.items.some((item) => item.slug === slug))
        return undefined
      page.items = page.items.filter((item) => item.slug !== slug)
      top.totalItems -= 1
      if (page.quotes) {
        const quotes = page.quotes.filter((quote) => quote.article.slug !== slug)
        if (top.totalQuotes === undefined) return undefined
        top.totalQuotes -= page.quotes.length - quotes.length
        page.quotes = quotes
      }
    }
    result.stories.set(name, undefined)
    result.stale.push(apiPaths.article(slug))
  }
  for (const [file, value] of values)
    if (value !== undefined && apiFileOf(file)?.name !== 'article')
      shows(file, (value as ListPage).items)

  // Each story whose related list showed one: the next of its ranking in its place.
  const published = (slug: string) =>
    !goneSlugs.has(slug) && (store.story(`${slug}.json`) as StoryFacts | undefined)
  for (const file of related) {
    const slug = apiFileOf(file)?.params.slug ?? ''
    const name = `${slug}.json`
    if (goneSlugs.has(slug)) continue
    const facts = store.story(name) as StoryFacts | undefined
    const doc = (await valueOf(file)) as ArticleDocument | undefined
    if (!facts?.related || !facts.spare || !doc) return undefined
    const ranked = [...facts.related, ...facts.spare]
    const left = ranked.flatMap((other) => {
      const kept = published(other)
      return kept ? [kept.summary] : []
    })
    // When the ranking was cut short, the next story may be past its end: only the whole build
    // can rank them all.
    if (left.length < relatedCount && facts.moreRanked) return undefined
    doc.related = left.slice(0, relatedCount)
    shows(file, doc.related)
    result.stories.set(name, {
      ...facts,
      related: doc.related.map((summary) => summary.slug),
      spare: left.slice(relatedCount).map((summary) => summary.slug),
    })
  }

  // The front page, from the lists as they are now.
  if (front) {
    const made = await frontFromLists(valueOf, sections.values())
    if (!made) return undefined
    values.set(apiPaths.front(), made)
    shows(apiPaths.front(), frontShows(made))
  }

  for (const [file, value] of values) {
    if (value === undefined) continue
    const text = JSON.stringify(value)
    if (store.output(file) !== hash(text)) result.files.set(file, text)
  }
  for (const { withdrawal } of gone)
    result.files.set(apiPaths.withdrawn(withdrawal.slug), JSON.stringify(withdrawal))

  // The search index: each story's document emptied in its place.
  const changes: DocChange[] = []
  for (const { facts } of gone) {
    const old = (await valueOf(apiPaths.article(facts.summary.slug))) as ArticleDocument | undefined
    const place = places.find((p) => p.slug === facts.summary.slug)
    if (!old || !place || facts.doc === undefined) return undefined
    changes.push({ doc: entities.size + facts.doc, before: old.article, after: place })
  }
  const search = await patchedSearch(options, store, changes)
  if (!search) return undefined
  for (const [file, value] of search.files) {
    const text = JSON.stringify(value)
    if (store.output(file) !== hash(text)) result.files.set(file, text)
  }
  result.stale.push(...search.stale)
  return result
}

/**
 * API files as the last build wrote them, each read once (`valueOf`: undefined when it is not the
 * file the cache hashed), kept in `values` for the caller to patch and write.
 */
function lastBuilt(outDir: string, store: OpenedCache) {
  const values = new Map<string, unknown>()
  const valueOf = async (file: string) => {
    if (!values.has(file)) {
      const text = await readFile(path.join(outDir, file), 'utf8').catch(() => undefined)
      values.set(
        file,
        text !== undefined && hash(text) === store.output(file) ? JSON.parse(text) : undefined,
      )
    }
    return values.get(file)
  }
  return { values, valueOf }
}

/**
 * The front page made again from the lists' page 1 as they are now (and the older pages, where a
 * section's page 1 shows too few), read by `valueOf`; undefined when one cannot be read.
 */
async function frontFromLists(
  valueOf: (file: string) => Promise<unknown>,
  sections: Iterable<Section>,
): Promise<Front | undefined> {
  const newest = async (pageFile: (page: number) => string, count: number) => {
    const found: ArticleSummary[] = []
    for (let page: number | undefined = 1; page && found.length < count;) {
      const list = (await valueOf(pageFile(page))) as ListPage | undefined
      if (!list) return undefined
      found.push(...list.items)
      page = list.older
    }
    return found.slice(0, count)
  }
  const count = FRONT_PAGE_PER_SECTION + 1
  const lead = await newest(apiPaths.articleIndex, 1)
  const tops = new Map<string, readonly ArticleSummary[] | undefined>()
  const all = [...sections]
  for (const { id } of all)
    tops.set(id, await newest((page) => apiPaths.sectionStories(id, page), count))
  return lead && frontPage(all, lead[0], (id) => tops.get(id))
}

/** The stories the front page shows. */
const frontShows = (front: Front) => [
  ...(front.lead ? [front.lead] : []),
  ...front.sections.flatMap((section) => section.items),
]

/**
 * Stories published, at the cost of what they touch (docs/decisions/038): each newer than every
 * story and withdrawn place the lists have, so it joins page 1 of each of its lists, which splits
 * off a full page when it fills (see `paginate`); the front page is made again; the stories that
 * share an entity with it take it into their related lists where its rank puts it there (their
 * ranking is kept with them, `related` and `spare`); its own related list is ranked from the
 * stories its entities' pages show; the search index adds its document after the last. Nothing is
 * read of the archive beyond those pages and rows. Undefined when any of that cannot be told from
 * the files and rows it reads: the whole build then runs.
 */
async function publishInPlace(
  options: WriteOptions,
  store: OpenedCache,
  { entities, sections, authors }: Registers,
  added: readonly AddedStory[],
  slots: readonly Slot[],
): Promise<InPlaceWrite | undefined> {
  const { outDir, pageSize, relatedCount } = options
  const result: InPlaceWrite = { files: new Map(), stale: [], stories: new Map(), shows: new Map() }
  // Each file read once, as the last build wrote it, and patched for every story published.
  const { values, valueOf } = lastBuilt(outDir, store)
  const put = (file: string, value: unknown, shown?: readonly ArticleSummary[]) => {
    values.set(file, value)
    if (shown) result.shows.set(file, keysOf(shown))
  }
  // Facts as this publication leaves them, else as the cache has them.
  const known = new Map<string, StoryFacts | undefined>()
  const factsOf = (name: string) => {
    if (!known.has(name)) known.set(name, store.story(name) as StoryFacts | undefined)
    return known.get(name)
  }
  const update = (name: string, facts: StoryFacts) => {
    known.set(name, facts)
    result.stories.set(name, facts)
  }
  const sectionIds = new Map([...sections.values()].map((section) => [section.name, section.id]))
  const index = (await valueOf(apiPaths.articleIndex(1))) as ListPage | undefined
  if (!index) return undefined
  // The newest place of every list: a story published must be newer, to join page 1 alone.
  let newest = Math.max(
    -Infinity,
    ...index.items.slice(0, 1).map((summary) => Date.parse(summary.publishedAt)),
    ...slots.map((slot) => Date.parse(slot.publishedAt)),
  )
  // The search index's next document, after the stories and the withdrawn places.
  let doc = store.storyCount() + slots.length
  const changes: DocChange[] = []
  const mentioning = new Map<string, string[]>()

  type Page = ListPage & { quotes?: EntityQuote[]; totalQuotes?: number }
  /**
   * The story on page 1 of a list (`pageFile`, whose withdrawn places `own` tells): the places
   * there with it first, split when they fill two pages. `wrap` makes each page's file from its
   * list page, the page 1 it was and the quotes it shows (an entity's list).
   */
  const join = async (
    summary: ArticleSummary,
    pageFile: (page: number) => string,
    own: (slot: Slot) => boolean,
    quotes?: { of: EntityQuote[] },
  ) => {
    const first = (await valueOf(pageFile(1))) as Page | undefined
    if (!first || first.totalItems === undefined || first.page !== 1) return false
    const mine = slots.filter(own)
    const count = first.totalItems + mine.length
    const archived = (first.older ?? 1) - 1
    if (archived !== Math.max(0, Math.floor(count / pageSize) - 1)) return false
    // Page 1's places: its stories among the newest withdrawn places of the list.
    const onFirst = count - archived * pageSize - first.items.length
    if (onFirst < 0) return false
    const withdrawnThere = sortDated(mine, (slot) => slot, 'newest first').slice(0, onFirst)
    const places = [
      summary,
      ...insertDated(first.items, withdrawnThere, (x) => x).map((x) =>
        'headline' in x ? x : undefined,
      ),
    ]
    const present = (list: typeof places) =>
      list.filter((item): item is ArticleSummary => item !== undefined)
    const split = Math.max(0, Math.floor((count + 1) / pageSize) - 1) > archived
    const top = split ? places.slice(0, pageSize) : places
    const shownQuotes = (items: readonly ArticleSummary[]) => {
      const slugs = new Set(items.map((item) => item.slug))
      return [...(quotes?.of ?? []), ...(first.quotes ?? [])].filter((quote) =>
        slugs.has(quote.article.slug),
      )
    }
    const wrap = (page: ListPage) => {
      if (first.quotes === undefined) {
        // Who or what the list is of (a section, an author), as page 1 has it.
        const about = Object.entries(first).filter(([key]) => !LIST_FIELDS.has(key))
        return { ...Object.fromEntries(about), ...page }
      }
      return {
        ...page,
        quotes: shownQuotes(page.items),
        ...(page.page === 1
          ? { totalQuotes: (first.totalQuotes ?? 0) + (quotes?.of.length ?? 0) }
          : {}),
      }
    }
    const page1 = listPage({
      page: 1,
      totalItems: first.totalItems + 1,
      older: split ? archived + 2 : first.older,
      items: present(top),
    })
    put(pageFile(1), wrap(page1), page1.items)
    if (!split) return true
    // Page 1's older half is the newest full page; the one before it now leads to it.
    const full = listPage({
      page: archived + 2,
      older: archived >= 1 ? archived + 1 : undefined,
      newer: 1,
      items: present(places.slice(pageSize)),
    })
    put(pageFile(full.page), wrap(full), full.items)
    if (archived >= 1) {
      const before = (await valueOf(pageFile(archived + 1))) as Page | undefined
      if (!before || before.newer !== 1) return false
      before.newer = archived + 2
    }
    return true
  }

  for (const { name, article, facts } of sortDated(
    added,
    (story) => story.facts.summary,
    'oldest first',
  )) {
    const { summary } = facts
    const at = Date.parse(summary.publishedAt)
    const sectionId = sectionIds.get(summary.section)
    if (!(at > newest) || !sectionId) return undefined
    newest = at
    const byline = facts.byline.filter((id) => authors.has(id))
    const entityIds = facts.entityIds.filter((id) => entities.has(id))
    const joined = [
      await join(summary, apiPaths.articleIndex, () => true),
      await join(
        summary,
        (page) => apiPaths.sectionStories(sectionId, page),
        (slot) => slot.section === summary.section,
      ),
    ]
    for (const id of byline)
      joined.push(
        await join(
          summary,
          (page) => apiPaths.authorStories(id, page),
          (slot) => slot.byline.includes(id),
        ),
      )
    for (const id of entityIds) {
      const of = facts.quotes
        .filter((quote) => quote.speakerId === id)
        .map(({ quoteId, text, source }) => ({
          quoteId,
          text,
          ...(source ? { source } : {}),
          article: summary,
        }))
      joined.push(
        await join(
          summary,
          (page) => apiPaths.entityStories(id, page),
          (slot) => slot.entityIds.includes(id),
          { of },
        ),
      )
    }
    if (joined.includes(false)) return undefined

    // The stories that share an entity with it, and how many entities each shares: those its
    // entities' pages show, and those published before it here.
    const shared = new Map<string, number>()
    for (const id of entityIds) {
      const prefix = `${path.posix.dirname(apiPaths.entityStories(id, 1))}/`
      const names = new Set([...store.shownUnder(prefix), ...(mentioning.get(id) ?? [])])
      for (const other of names) if (other !== name) shared.set(other, (shared.get(other) ?? 0) + 1)
      mentioning.set(id, [...(mentioning.get(id) ?? []), name])
    }
    const kept = relatedCount + RELATED_SPARES
    const others: { name: string; facts: StoryFacts; count: number }[] = []
    for (const [other, count] of shared) {
      const otherFacts = factsOf(other)
      if (!otherFacts) return undefined
      others.push({ name: other, facts: otherFacts, count })
    }
    // Its own ranking: most entities shared, then newest, as `relatedStories` ranks.
    const ranked = others
      .sort((a, b) => b.count - a.count || newestFirst(a.facts.summary, b.facts.summary))
      .slice(0, kept)
      .map((other) => other.facts.summary)
    const related = ranked.slice(0, relatedCount)
    const own: StoryFacts = {
      ...facts,
      related: related.map((other) => other.slug),
      spare: ranked.slice(relatedCount).map((other) => other.slug),
      moreRanked: shared.size > kept,
      doc,
    }
    update(name, own)
    changes.push({ doc: entities.size + doc, after: article })
    doc += 1
    const page: ArticleDocument = {
      article,
      entities: entityIds.flatMap((id) => {
        const entry = entities.get(id)
        return entry ? [v.parse(EntitySchema, entry)] : []
      }),
      related,
      authors: byline.flatMap((id) => authors.get(id) ?? []),
    }
    put(apiPaths.article(summary.slug), page, related)

    // Each of those stories: the new one, newest of all, ranks before every story that shares no
    // more entities with it than the new one does.
    const entitiesOf = (slug: string) => factsOf(`${slug}.json`)?.entityIds
    for (const other of others) {
      const { related: was, spare, moreRanked } = other.facts
      if (!was || !spare) return undefined
      const mine = new Set(other.facts.entityIds)
      const sharing = (slug: string) => entitiesOf(slug)?.filter((id) => mine.has(id)).length
      const list = [...was, ...spare]
      let at = 0
      for (const slug of list) {
        const count = sharing(slug)
        if (count === undefined) return undefined
        if (count <= other.count) break
        at += 1
      }
      // Past the stories it knows, more may rank before the new one: the whole build's to say.
      if (at === list.length && moreRanked && at < kept) return undefined
      const more = moreRanked === true || list.length >= kept
      const next = [...list.slice(0, at), summary.slug, ...list.slice(at)].slice(0, kept)
      const nextRelated = next.slice(0, relatedCount)
      if (nextRelated.join() !== was.join()) {
        const file = apiPaths.article(other.facts.summary.slug)
        const shown = (await valueOf(file)) as ArticleDocument | undefined
        if (!shown) return undefined
        const bySlug = new Map([...shown.related, summary].map((item) => [item.slug, item]))
        const items = nextRelated.map((slug) => bySlug.get(slug))
        if (items.some((item) => !item)) return undefined
        shown.related = items as ArticleSummary[]
        put(file, shown, shown.related)
      }
      const nextSpare = next.slice(relatedCount)
      if (
        nextRelated.join() !== was.join() ||
        nextSpare.join() !== spare.join() ||
        more !== moreRanked
      )
        update(other.name, {
          ...other.facts,
          related: nextRelated,
          spare: nextSpare,
          moreRanked: more,
        })
    }
  }

  // The front page, from the lists as they are now.
  const front = await frontFromLists(valueOf, sections.values())
  if (!front) return undefined
  put(apiPaths.front(), front, frontShows(front))

  for (const [file, value] of values) {
    if (value === undefined) continue
    const text = JSON.stringify(value)
    if (store.output(file) !== hash(text)) result.files.set(file, text)
  }
  // The search index: each story's document after the last.
  const search = await patchedSearch(options, store, changes)
  if (!search) return undefined
  for (const [file, value] of search.files) {
    const text = JSON.stringify(value)
    if (store.output(file) !== hash(text)) result.files.set(file, text)
  }
  result.stale.push(...search.stale)
  return result
}

/** A file's value with each of the stories' summaries as it was replaced by its new one. */
function withSummaries(
  value: unknown,
  summaries: ReadonlyMap<string, { before: string; after: ArticleSummary }>,
): unknown {
  if (Array.isArray(value)) return value.map((item) => withSummaries(item, summaries))
  if (typeof value !== 'object' || value === null) return value
  const slug = (value as { slug?: unknown }).slug
  const change = typeof slug === 'string' ? summaries.get(slug) : undefined
  if (change && JSON.stringify(value) === change.before) return change.after
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, withSummaries(item, summaries)]),
  )
}

// Each phase takes what the ones before it made and returns something new: none modifies its
// input, so the previous build's cache (whose story facts this build reuses) stays as it was read.

/** Phase 1: the content, all of it valid, as facts for each story. */
interface ReadContent extends Registers {
  /** The whole gazetteer, read and checked. */
  entities: ReadonlyMap<string, Entity>
  registersHash: string
  registersStamps: string
  /** What the desk should know about the gazetteer, though nothing stops the build. */
  warnings: string[]
  /** The last build's cache, when it still describes this output; none means a full build. */
  cache: BuildCache | undefined
  articlesDir: string
  /**
   * Article file names (`<slug>.json`), sorted: a build's from a cache without those under
   * embargo; a full build's in a file (`NameList`), with them, each story's place among them.
   */
  names: Names
  /** Facts for every story: the cache's own object when its file is unchanged. */
  stories: ReadonlyMap<string, StoryFacts>
  /**
   * Stories read and checked by an incremental build. A full build reads every one, and lists
   * none here: a set of every story's name held to its end (2.6 MB at 100,000 stories) that
   * nothing of it asks, as every step asks first whether there was a cache.
   */
  read: ReadonlySet<string>
  /**
   * Their articles, kept by an incremental build (a few). A full build keeps none: it reads each
   * story again when it writes its page (renderApi), so that it never holds the whole archive.
   */
  fresh: ReadonlyMap<string, Article>
  /** Stories withdrawn from the site, by slug: all of them, every build (they are few). */
  withdrawn: ReadonlyMap<string, Withdrawal>
  /** Their places in the lists they were in. */
  slots: readonly Slot[]
  /** Stories under embargo, not in `names`, `stories` or `fresh`. */
  embargoed: BuildReport['embargoed']
  /** The same, as the cache keeps them. */
  held: readonly Held[]
  /** Puts the renditions of its pictures into a story read for its page. */
  pictures: ReturnType<typeof pictures>
  imageStamps: ReadonlyMap<string, string>
  /** A full build's quotes (its facts have `IN_STORE`); none in an incremental build. */
  quotes: QuoteStore | undefined
  /** A full build's facts, whose stories' are `TableFacts` over it; none in an incremental build. */
  table: FactsTable | undefined
}

/** Where renditions go: beside the API, unless the build is told otherwise. */
const imagesDirOf = (options: Pick<BuildOptions, 'outDir' | 'imagesDir'>) =>
  options.imagesDir ?? path.join(path.dirname(options.outDir), 'images')

/** An output folder and its cache, as a build is given them. */
type CachedOutput = Pick<BuildOptions, 'outDir' | 'imagesDir'> & { cacheFile: string }

/**
 * Makes the cache of a build into `from` the cache of `to`, a copy of its folders (`npm run build`:
 * the app's build puts public/api, as links, and public/images into dist/), so that the copy's
 * first refresh patches what changed instead of building the whole archive again. False, and
 * nothing written, unless the cache describes `from` as its folders are now and `to` has both
 * folders. The copy is then checked as any cache is: each story file by its stamp, each file
 * patched by its hash.
 */
export async function adoptCache(from: CachedOutput, to: CachedOutput): Promise<boolean> {
  const store = openStoredCache(from.cacheFile)
  store?.close()
  const meta = store?.version === CACHE_VERSION ? store.meta : undefined
  const [fromOut, fromImages, toOut, toImages] = await Promise.all([
    folderIdentity(from.outDir),
    folderIdentity(imagesDirOf(from)),
    folderIdentity(to.outDir),
    folderIdentity(imagesDirOf(to)),
  ])
  if (
    !meta ||
    fromOut === undefined ||
    meta.outIdentity !== fromOut ||
    meta.imagesIdentity !== (fromImages ?? '') ||
    toOut === undefined ||
    (fromImages !== undefined && toImages === undefined)
  )
    return false
  return copyStoredCache(from.cacheFile, to.cacheFile, {
    outIdentity: toOut,
    imagesIdentity: toImages ?? '',
  })
}

/** 1. Read and validate: the gazetteer, then each story (cached if its file is unchanged). */
async function readAndValidate(options: BuildOptions, settings: string): Promise<ReadContent> {
  const { contentDir, outDir } = options
  const problems: ContentProblem[] = []
  const registersStamps = await registerStamps(contentDir)
  const { registers, registersHash, warnings } = await loadRegisters(contentDir, problems)
  const previous = options.full ? undefined : readCache(options.cacheFile)
  // The output folder the cache describes: a folder replaced since (a new `vite build` copies a
  // fresh api/) has another identity, and gets a full build.
  const outIdentity = await folderIdentity(outDir)
  // And the pictures' folder: one deleted or replaced since lacks renditions the cache's stories
  // point at.
  const imagesDir = imagesDirOf(options)
  const cache =
    previous &&
    outIdentity !== undefined &&
    previous.outIdentity === outIdentity &&
    previous.imagesIdentity === ((await folderIdentity(imagesDir)) ?? '') &&
    previous.settings === settings &&
    previous.registersHash === registersHash
      ? previous
      : undefined

  const articlesDir = path.join(contentDir, 'articles')
  const listed = await listArticles(articlesDir, problems)
  const imageStamps = await stampImages(contentDir)
  const images = pictures(contentDir, imagesDir)
  // A full build holds every story's facts to its end; their quotes wait in a file instead. What a
  // full build killed part-way left (its staging folder, its next cache, its quotes) goes first.
  if (!cache) removeBuildLeftovers(options)
  const quotes = cache ? undefined : quoteStore(quoteFileFor(options))
  try {
    // A full build's in a file beside its store; the listing's strings are let go.
    const names = quotes ? new NameList(listed, quotes.names) : listed
    const reading = { cache, registers, problems, articlesDir, names, imageStamps, images, quotes }
    return {
      ...registers,
      registersHash,
      registersStamps,
      warnings,
      cache,
      articlesDir,
      ...(await readStories(options, reading)),
      pictures: images,
      imageStamps,
      quotes,
    }
  } catch (error) {
    quotes?.close()
    // A failed build leaves no picture being made behind it.
    await images.settled()
    throw error
  }
}

/** Where a full build keeps its quotes: beside its cache, or in the system's temporary folder. */
const quoteBase = ({ cacheFile }: Pick<BuildOptions, 'cacheFile'>) =>
  cacheFile ?? path.join(os.tmpdir(), 'dispatch-content')
const quoteFileFor = (options: Pick<BuildOptions, 'cacheFile'>) =>
  workingName(quoteBase(options), 'quotes', ++quoteFiles)
let quoteFiles = 0

/**
 * The working files of full builds that stopped part-way, each named with its process's id, of
 * processes no longer running: the staging folder beside the API, the next cache and a cache's
 * copy beside the cache, the quotes' store (scripts/lib/leftovers.ts).
 */
function removeBuildLeftovers(options: Pick<BuildOptions, 'outDir' | 'cacheFile'>) {
  removeLeftovers(options.outDir, ['tmp'])
  removeLeftovers(quoteBase(options), ['quotes'])
  if (options.cacheFile) removeLeftovers(options.cacheFile, ['next', 'tmp'])
}

/** What readStories is given: the cache, the registers, the story files' names and the pictures. */
interface StoryReading extends Pick<
  ReadContent,
  'cache' | 'articlesDir' | 'imageStamps' | 'quotes'
> {
  registers: Registers & { entities: ReadonlyMap<string, Entity> }
  problems: ContentProblem[]
  names: Names
  images: ReturnType<typeof pictures>
}

/** readAndValidate's second half: every story's file looked at, and read when it changed. */
async function readStories(
  options: BuildOptions,
  reading: StoryReading,
): Promise<
  Pick<
    ReadContent,
    'names' | 'stories' | 'read' | 'fresh' | 'withdrawn' | 'slots' | 'embargoed' | 'held' | 'table'
  >
> {
  const { cache, registers, problems, articlesDir, names, imageStamps, images, quotes } = reading
  const { contentDir } = options
  const table =
    quotes && !cache && names instanceof NameList ? new FactsTable(names, quotes) : undefined
  const stories: Map<string, StoryFacts> | TableStories = table
    ? new TableStories(table)
    : new Map()
  const fresh = new Map<string, Article>()
  const read = new Set<string>()
  // Each story's file is looked at (the cache is never trusted over the files), synchronously:
  // at 10,000 stories, a tenth of the time the same stats take as promises.
  // Each with the two numbers the build keeps, not its Stats (80 MB at 100,000 stories), and
  // those in typed arrays, by the story's place in `names`: an object each was 70 MB of the heap
  // while a million stories were read (docs/decisions/063).
  const changed: number[] = []
  const mtimes = new Float64Array(names.length)
  const sizes = new Float64Array(names.length)
  const ids = new Map(
    [...registers.entities.keys(), ...registers.authors.keys()].map((id) => [id, id]),
  )
  const same = (id: string) => ids.get(id) ?? id
  let place = -1
  for (const name of names) {
    place++
    const info = statSync(path.join(articlesDir, name))
    const cached = cache?.stories[name]
    if (
      cached &&
      cached.mtimeMs === info.mtimeMs &&
      cached.size === info.size &&
      cached.images.every((image) => cache.images[image] === imageStamps.get(image))
    )
      stories.set(name, cached)
    else {
      changed.push(place)
      mtimes[place] = info.mtimeMs
      sizes[place] = info.size
    }
  }
  await inBatches(changed, async (place) => {
    const name = names.at(place) as string
    const mtimeMs = mtimes[place] as number
    const size = sizes[place] as number
    const file = path.join(articlesDir, name)
    const parsed = readArticle(file, rel(file), problems)
    if (!parsed) return
    checkArticle(parsed, rel(file), slugOf(name), registers, problems)
    const article = await images.apply(parsed, name, problems)
    if (cache) {
      fresh.set(name, article)
      read.add(name)
    }
    // A full build's quotes go to its store, and the rest of its facts to its table.
    const keep = (store: QuoteStore) => (list: readonly StoredQuote[]) => {
      store.add(name, list)
      return IN_STORE
    }
    const facts = factsOf(article, mtimeMs, size, same, quotes && keep(quotes))
    if (stories instanceof TableStories && table) stories.put(table.keep(place, facts))
    else stories.set(name, facts)
  })
  // Each withdrawn story's name looked up among the sorted names, not in a set made of every name
  // (a million entries, made and let go as the reading ended).
  const published = { has: (name: string) => placeAmong(names, name) >= 0 }
  const { withdrawn, slots } = await readWithdrawn(contentDir, published, registers, problems)
  // Nothing is written unless everything is valid: report every problem at once.
  if (problems.length > 0) throw new ContentError(problems)
  // Under embargo: checked like every story, but left out until its time, and never cached, so
  // each build looks at it again.
  const now = (options.now ?? new Date()).getTime()
  const embargoed: BuildReport['embargoed'] = []
  const held: Held[] = []
  for (const [facts, place] of inNamesOrder(names, stories)) {
    const { publishedAt } = facts.summary
    if (Date.parse(publishedAt) <= now) continue
    const name = names.at(place) as string
    embargoed.push({ slug: slugOf(name), publishedAt })
    held.push({ name, stamp: stampOf(facts), publishedAt })
    stories.delete(name)
    fresh.delete(name)
    read.delete(name)
  }
  return {
    names:
      embargoed.length && !(names instanceof NameList)
        ? [...names].filter((name) => stories.has(name))
        : names,
    stories,
    read,
    fresh,
    withdrawn,
    slots,
    embargoed,
    held,
    table,
  }
}

/** Phase 2: what follows from the facts, for the phases that write. */
interface DerivedFacts {
  /** Every story, newest first: a full build's by their places in its table (`Picked`). */
  ordered: StoryList
  /** Entities whose story pages this build writes: all, or those of stories changed or gone. */
  touchedEntities: ReadonlySet<string>
  /**
   * The stories that mention each entity, newest first, by their places in `ordered`: 4 bytes a
   * mention, where a list of the facts' objects, grown as it was filled, was 8 and more (7 MB
   * held to a full build's end at 100,000 stories, for the entities' pages).
   */
  mentions: ReadonlyMap<string, Int32Array>
  /** Slugs of stories whose summary changed: pages that list them must show the new one. */
  newSummary: ReadonlySet<string>
  /** Sections (by id) and authors whose story pages this build writes, as for entities. */
  touchedSections: ReadonlySet<string>
  touchedAuthors: ReadonlySet<string>
  /** Each section's stories (by section id) and each author's, newest first, picked from `ordered`. */
  bySection: ReadonlyMap<string, StoryList>
  byAuthor: ReadonlyMap<string, StoryList>
}

const NO_PLACES = new Int32Array(0)

/** Who or what stories are filed under (entities, sections, authors), and a story's. */
interface Filing {
  readonly ids: Iterable<string>
  readonly under: (facts: StoryFacts) => readonly string[]
}

/**
 * The stories filed under each id of each filing by their places in `ordered` (which is newest
 * first), in that order: 4 bytes a story filed, where a list of the facts' objects, grown as it was
 * filled, was 8 and more, and held each story's object. Every filing in the same two passes: a
 * full build reads each story's facts from its file once a pass.
 */
function placesBy(ordered: StoryList, filings: readonly Filing[]): Map<string, Int32Array>[] {
  const counts = filings.map(({ ids }) => new Map([...ids].map((id) => [id, 0])))
  for (const facts of ordered)
    filings.forEach(({ under }, k) => {
      const count = counts[k] as Map<string, number>
      for (const id of under(facts)) {
        const n = count.get(id)
        if (n !== undefined) count.set(id, n + 1)
      }
    })
  const places = counts.map(
    (count) => new Map([...count].map(([id, n]) => [id, new Int32Array(n)] as const)),
  )
  const filled = filings.map(() => new Map<string, number>())
  let place = 0
  for (const facts of ordered) {
    filings.forEach(({ under }, k) => {
      for (const id of under(facts)) {
        const list = places[k]?.get(id)
        if (!list) continue
        const at = filled[k]?.get(id) ?? 0
        list[at] = place
        filled[k]?.set(id, at + 1)
      }
    })
    place++
  }
  return places
}

/**
 * Each story's facts in the order of the names, with its name's place among them (a full build's
 * by their places, which are in that order: no name looked up, nor read from its file, unless the
 * caller asks `names.at(place)`).
 */
function* inNamesOrder(
  names: Names,
  stories: ReadonlyMap<string, StoryFacts>,
): Generator<[facts: StoryFacts, place: number]> {
  if (stories instanceof TableStories) {
    for (const facts of stories.inOrder()) yield [facts, facts.place]
    return
  }
  let place = -1
  for (const name of names) {
    place++
    const facts = stories.get(name)
    if (facts) yield [facts, place]
  }
}

/** 2. Derive facts: order, the stories and entities this build touches, and new summaries. */
function deriveFacts({
  entities,
  sections,
  authors,
  cache,
  names,
  stories,
  read,
}: ReadContent): DerivedFacts {
  const ordered: StoryList =
    stories instanceof TableStories
      ? new Picked(stories, stories.byDate('newest first'))
      : sortDated(
          Array.from(inNamesOrder(names, stories), ([facts]) => facts),
          (facts) => facts.summary,
          'newest first',
        )

  // Everything in a full build; with a cache, what changed since.
  const removedNames = cache ? Object.keys(cache.stories).filter((n) => !stories.has(n)) : []
  const sectionId = (facts: StoryFacts | undefined) =>
    facts && sections.get(facts.summary.section)?.id
  const touchedEntities = new Set<string>(cache ? [] : entities.keys())
  const touchedSections = new Set<string>(
    cache ? [] : [...sections.values()].map((section) => section.id),
  )
  const touchedAuthors = new Set<string>(cache ? [] : authors.keys())
  for (const name of [...read, ...removedNames]) {
    const before = cache?.stories[name]
    const after = stories.get(name)
    for (const facts of [before, after]) {
      facts?.entityIds.forEach((id) => touchedEntities.add(id))
      facts?.byline.forEach((id) => touchedAuthors.add(id))
      const section = sectionId(facts)
      if (section) touchedSections.add(section)
    }
  }

  const [mentions = new Map(), sectionPlaces = new Map(), authorPlaces = new Map()] = placesBy(
    ordered,
    [
      { ids: entities.keys(), under: (facts) => facts.entityIds },
      {
        ids: [...sections.values()].map((section) => section.id),
        under: (facts) => {
          const id = sectionId(facts)
          return id ? [id] : NONE
        },
      },
      { ids: authors.keys(), under: (facts) => facts.byline },
    ],
  )
  const picked = (places: ReadonlyMap<string, Int32Array>) =>
    new Map([...places].map(([id, picks]) => [id, new Picked(ordered, picks)]))
  const bySection = picked(sectionPlaces)
  const byAuthor = picked(authorPlaces)

  // Not in a full build: it writes every page anyway, and with no cache to compare with, each
  // summary would be read back from its file only to put every story in the set.
  const newSummary = new Set<string>()
  for (const name of cache ? read : []) {
    const summary = stories.get(name)?.summary
    if (summary && JSON.stringify(cache?.stories[name]?.summary) !== JSON.stringify(summary))
      newSummary.add(summary.slug)
  }
  return {
    ordered,
    touchedEntities,
    mentions,
    newSummary,
    touchedSections,
    touchedAuthors,
    bySection,
    byAuthor,
  }
}

/** A story page to write: its facts name the stories it lists as related (`related`). */
interface StoryPage {
  name: string
  facts: StoryFacts
}

/** How many stories beyond its related list a story's facts keep, in rank (`spare`). */
const RELATED_SPARES = 2

/** Phase 3: each story's related list, and which story pages must be written. */
interface RelatedStories {
  /** Every story's facts for the next cache: a new object where `related` was computed. */
  stories: ReadonlyMap<string, StoryFacts>
  /** In file-name order. None in a full build, which writes every story's page. */
  pages: readonly StoryPage[]
}

/**
 * 3. Related stories, from facts alone. Only stories sharing an entity with a changed story can
 *    see their list change; a page is written when its story, its list, or a listed story's
 *    summary changed.
 */
function relatedStories(
  content: ReadContent,
  { ordered, touchedEntities, mentions, newSummary }: DerivedFacts,
  relatedCount: number,
): RelatedStories {
  const { cache, names, stories, read } = content
  // Each story's place in `ordered`: a full build's by its place in the table, not a map of every
  // story's facts.
  // A full build's, by their places in its table.
  const byPlace =
    ordered instanceof Picked && ordered.from instanceof TableStories
      ? { places: ordered.picks, table: ordered.from.table }
      : undefined
  const rankByPlace = byPlace && new Int32Array(byPlace.table.names.length).fill(-1)
  byPlace?.places.forEach((place, i) => (rankByPlace ? (rankByPlace[place] = i) : undefined))
  const rank = new Map<StoryFacts, number>()
  if (!byPlace) {
    let i = 0
    for (const facts of ordered) rank.set(facts, i++)
  }
  const rankOf = (facts: StoryFacts) =>
    (rankByPlace && facts instanceof TableFacts ? rankByPlace[facts.place] : rank.get(facts)) ?? -1
  const placesOf = (id: string) => mentions.get(id) ?? NO_PLACES
  const kept = relatedCount + RELATED_SPARES
  // A full build sets its own facts' fields in place (withFields): the same objects, no copy.
  const next = cache ? new Map(stories) : (stories as Map<string, StoryFacts>)
  const pages: StoryPage[] = []
  // A full build's in the order of their places, which is the names' order.
  const nameAt = (place: number) => names.at(place) as string
  for (const [facts, place] of inNamesOrder(names, stories)) {
    const mayChange =
      !cache || read.has(nameAt(place)) || facts.entityIds.some((id) => touchedEntities.has(id))
    if (!mayChange) continue
    const { best, sharing } = mostShared(facts.entityIds.map(placesOf), rankOf(facts), kept)
    // A full build's, in its table, by place: no slug made or looked up.
    if (facts instanceof TableFacts && byPlace) {
      const places = best.map((at) => byPlace.places[at] as number)
      facts.rank(places.slice(0, relatedCount), places.slice(relatedCount), sharing > kept)
      continue
    }
    const name = nameAt(place)
    const ranked = best.map((place) => (ordered.at(place) as StoryFacts).summary)
    const related = ranked.slice(0, relatedCount)
    const slugs = related.map((summary) => summary.slug)
    const spare = ranked.slice(relatedCount).map((summary) => summary.slug)
    const unchanged =
      !read.has(name) &&
      slugs.join() === facts.related?.join() &&
      !slugs.some((slug) => newSummary.has(slug))
    const updated = withFields(cache, facts, {
      related: slugs,
      spare: listOf(spare),
      moreRanked: sharing > kept,
    })
    next.set(name, updated)
    if (!unchanged && cache) pages.push({ name, facts: updated })
  }
  // Each story's place in the search index, where an edit in place patches it.
  if (stories instanceof TableStories) numberByPlace(stories, withdrawnPlaces(content))
  else
    indexOrder(next.values(), withdrawnPlaces(content)).forEach((place, doc) => {
      const name = `${place.slug}.json`
      const facts = next.get(name)
      if (!place.withdrawn && facts && facts.doc !== doc)
        next.set(name, withFields(cache, facts, { doc }))
    })
  return { stories: next, pages }
}

/**
 * A full build's stories numbered in the search index's order, as `indexOrder` numbers them: its
 * stories by their places, oldest first, and the withdrawn (few) merged in among them.
 */
function numberByPlace(stories: TableStories, withdrawn: readonly WithdrawnPlace[]) {
  const { table } = stories
  const gaps = indexOrder([], withdrawn)
  let doc = 0
  let gap = 0
  for (const place of stories.byDate('oldest first')) {
    // Its slug read only while withdrawn stories are left to place among them.
    const story = () => ({
      slug: table.slugAt(place),
      publishedAt: table.record(place).publishedAt,
    })
    while (gap < gaps.length && oldestFirst(gaps[gap] as IndexPlace, story()) < 0) {
      gap++
      doc++
    }
    const facts = stories.at(place)
    if (facts) facts.doc = doc
    doc++
  }
}

/**
 * A story's facts with these fields set. With a cache, a new object: `facts` may be the cache's
 * own, which stays as it was read. A full build's facts are its own, and the lists of stories it
 * ranks by hold them: set in place, or each story's facts were there three times until the build
 * ended (two copies of about 150 bytes a story).
 */
function withFields(
  cache: BuildCache | undefined,
  facts: StoryFacts,
  fields: Pick<StoryFacts, 'related' | 'spare' | 'moreRanked' | 'doc'>,
): StoryFacts {
  return cache ? { ...facts, ...fields } : Object.assign(facts, fields)
}

interface WriteOptions extends BuildOptions {
  pageSize: number
  relatedCount: number
  searchLayout: SearchLayout
  settings: string
}

/** 4. Write: the API files, stale ones removed, and the cache for the next build. */
async function writeApi(
  options: WriteOptions,
  content: ReadContent,
  derived: DerivedFacts,
  related: RelatedStories,
  timings: Record<string, number>,
): Promise<
  Pick<BuildReport, 'files' | 'removed' | 'bytes' | 'changed' | 'saveCache' | 'apiFiles'>
> {
  const { outDir, cacheFile } = options
  const { cache } = content
  const compress = options.compress ?? false
  let lap = stopwatch(timings)
  // A full build writes into a folder beside the API, then puts each file into place: one that
  // fails part-way leaves the old API as it was.
  const staging = cache ? undefined : workingName(outDir, 'tmp')
  if (staging) await rm(staging, { recursive: true, force: true })
  // A full build's new cache is written as it goes, beside the old one (freshStoredCache).
  const fresh =
    staging && cacheFile ? freshStoredCache(cacheFile, stampOf, content.names.length) : undefined
  const sink = apiSink(cache, staging, compress, fresh, content.table)
  let report: Pick<BuildReport, 'files' | 'removed' | 'bytes' | 'changed'>
  let outputs: Record<string, string> | undefined
  // A full build's files, as placeFresh found them in the staging folder.
  let placed: readonly string[] = []
  try {
    if (fresh) {
      const rowOf = storyRow(content.quotes)
      // In the names' order, which the new cache finds each story's row by (a full build's
      // stories are in that order).
      for (const [facts, place] of inNamesOrder(content.names, related.stories)) {
        const name = content.names.at(place) as string
        fresh.story(place, name, facts, rowOf(name, facts))
        forgetCached(facts)
      }
    }
    const { search, indexPages } = await renderApi(
      options,
      content,
      derived,
      related,
      timings,
      sink.put,
    )
    await sink.flush()
    // The search index's own time is counted by renderApi, within this.
    lap('render')
    timings.render = Math.max(0, (timings.render ?? 0) - (timings.search ?? 0))
    // Nothing goes into place before the pictures it shows.
    await content.pictures.finished()
    lap('pictures')
    if (staging) {
      // (Its store stays open until the cache is saved: the feeds read the summaries it holds.)
      const { names, ...placedReport } = await placeFresh(outDir, staging, sink.bytes())
      report = placedReport
      placed = names
    } else {
      const kept = staleOutputs(
        cache?.outputs ?? {},
        sink.hashes,
        content,
        { search, indexPages },
        derived,
      )
      outputs = kept.outputs
      report = await writeChanged(outDir, sink.changed, kept.stale, compress)
    }
  } catch (error) {
    content.quotes?.close()
    fresh?.discard()
    await content.pictures.settled()
    throw error
  } finally {
    await sink.settle()
    if (staging) await rm(staging, { recursive: true, force: true })
  }
  lap('write')
  const nextCache: BuildCache = {
    version: CACHE_VERSION,
    outIdentity: (await folderIdentity(outDir)) ?? '',
    imagesIdentity: (await folderIdentity(imagesDirOf(options))) ?? '',
    settings: options.settings,
    registersHash: content.registersHash,
    registersStamps: content.registersStamps,
    // The same gazetteer as the cache's: its rows as they were, not made again.
    entities:
      cache?.registersHash === content.registersHash
        ? cache.entities
        : Object.fromEntries(
            [...content.entities].map(([id, entity]) => [id, JSON.stringify(entity)]),
          ),
    // A full build's are in its new store already.
    stories: fresh ? {} : Object.fromEntries(related.stories),
    outputs: outputs ?? {},
    images: Object.fromEntries(content.imageStamps),
    withdrawn: withdrawnPlaces(content),
    held: content.held,
    warnings: content.warnings,
  }
  // eslint-disable-next-line @typescript-eslint/require-await -- the caller awaits it either way
  const save = async () => {
    try {
      if (!cacheFile) return
      lap = stopwatch(timings)
      if (fresh) fresh.finish(toStored(nextCache))
      // Only what changed since the cache this build read.
      else
        saveStoredCache(
          cacheFile,
          toStored(nextCache),
          cache && toStored(cache),
          stampOf,
          // What the files written show, and nothing for those removed.
          new Map(
            [...sink.changed.keys()].flatMap((file) => {
              const slugs = sink.shows.get(file)
              return slugs ? [[file, slugs]] : []
            }),
          ),
        )
      lap('cache')
    } finally {
      content.quotes?.close()
      fresh?.discard()
    }
  }
  // Once: a second call (a build that saved its own) has nothing more to save.
  let saving: Promise<void> | undefined
  const saveCache = () => (saving ??= save())
  if (!options.deferCache) await saveCache()
  const apiFiles = () => (outputs ? Object.keys(outputs) : [...placed]).sort()
  return { ...report, saveCache, apiFiles }
}

/**
 * A full build's facts, once their row is in the new cache: what only the next build compares (the
 * hash of the story's search text, the spare related stories, the pictures whose changes it looks
 * for) is dropped from the heap, 13 MB at 100,000 stories, as nothing of this build reads it
 * again. Set in place, as `withFields` does: the lists of stories hold these objects.
 */
function forgetCached(facts: StoryFacts) {
  Object.assign(facts, { search: '', spare: NONE, images: NONE } satisfies Partial<StoryFacts>)
}

/**
 * A full build's facts, once the story's page is written: its entities, authors and related
 * stories were for that page (the lists that file it by them are made), 16 MB of the heap at
 * 100,000 stories, let go story by story as the pages are written rather than held to the end.
 */
function forgetWritten(facts: StoryFacts) {
  Object.assign(facts, {
    entityIds: NONE,
    byline: NONE,
    related: NONE,
  } satisfies Partial<StoryFacts>)
}

/**
 * A story's row in the cache: its facts' JSON, with a full build's quotes as its store keeps them
 * (`IN_STORE`), last.
 */
const storyRow =
  (quotes: QuoteStore | undefined) =>
  (name: string, facts: StoryFacts): string => {
    if (!quotes || facts.quotes !== IN_STORE) return JSON.stringify(facts)
    // JSON leaves out a field that is undefined.
    const rest = JSON.stringify({
      ...(facts instanceof TableFacts ? facts.toJSON() : facts),
      quotes: undefined,
    })
    return `${rest.slice(0, -1)},"quotes":${quotes.textOf(name)}}`
  }

/** The API files this build writes (path -> JSON text): the front index, stories, entities. */
async function renderApi(
  { pageSize, outDir, searchLayout }: WriteOptions,
  content: ReadContent,
  derived: DerivedFacts,
  { pages, stories: latest }: RelatedStories,
  timings: Record<string, number>,
  put: (file: string, value: unknown, shows?: readonly ArticleSummary[]) => Promise<void>,
): Promise<{ search: ReadonlySet<string> | undefined; indexPages: number }> {
  const { ordered, touchedEntities, mentions } = derived
  const { entities, authors, cache, articlesDir, fresh, slots } = content

  // Each list's pages, withdrawn stories keeping their places (see `paginate`), each page's
  // summaries made as it is written: every page's at once was 45 MB of a million-story build's
  // heap (docs/decisions/071).
  function* pagesOf(list: StoryList | undefined, own: (slot: Slot) => boolean) {
    for (const page of pagesIn(withSlots(list ?? [], slots.filter(own)), pageSize))
      yield { ...page, items: page.items.map((facts) => facts.summary) }
  }

  // The front page and every story's index; unchanged pages are not rewritten. When no story came,
  // went or moved, only the pages of the stories read can change, and the first (its count).
  const front = frontPage(content.sections.values(), ordered.at(0)?.summary, (id, count) => {
    const list = derived.bySection.get(id) ?? []
    return Array.from(
      { length: Math.min(count, list.length) },
      (_, i) => list.at(i) as StoryFacts,
    ).map((facts) => facts.summary)
  })
  if (!front) throw new Error('the front page has a section the build did not sort')
  await put(apiPaths.front(), front, [
    ...(front.lead ? [front.lead] : []),
    ...front.sections.flatMap((section) => section.items),
  ])
  const only = storiesStayPut(content) ? pagesOfStories(content, derived, pageSize) : undefined
  let indexPages = 0
  for (const page of pagesOf(ordered, () => true)) {
    indexPages++
    if (!only || only.has(page.page))
      await put(apiPaths.articleIndex(page.page), page satisfies ArticlePage, page.items)
  }

  // Sections' and authors' story pages, for those whose stories changed: each page with who or
  // what the list is of.
  const sectionsById = new Map([...content.sections.values()].map((s) => [s.id, s]))
  for (const id of derived.touchedSections) {
    const section = sectionsById.get(id)
    if (!section) continue
    const own = (slot: Slot) => content.sections.get(slot.section)?.id === id
    for (const page of pagesOf(derived.bySection.get(id), own))
      await put(
        apiPaths.sectionStories(id, page.page),
        { section, ...page } satisfies SectionStoriesPage,
        page.items,
      )
  }
  for (const id of derived.touchedAuthors) {
    const author = authors.get(id)
    if (!author) continue
    const own = (slot: Slot) => slot.byline.includes(id)
    for (const page of pagesOf(derived.byAuthor.get(id), own))
      await put(
        apiPaths.authorStories(id, page.page),
        { author, ...page } satisfies AuthorStoriesPage,
        page.items,
      )
  }

  // Story pages. Only facts are cached, and a full build keeps no article: a story whose page is
  // written is read again. A full build writes every story's page, in the search index's order,
  // adding each story to the index as it goes: each is read once more, and dropped once written.
  // Its postings wait on disk beside the build's store (docs/decisions/060).
  const runs =
    content.quotes && !cache ? new PostingsRuns(`${content.quotes.file}.postings`) : undefined
  // Each story's document held as its place in the facts' table, its summary made as its block
  // of documents is written: a summary's object a story, held to the end, was tens of MB of a
  // million-story build's heap (docs/decisions/071).
  const { table } = content
  const builder =
    runs &&
    searchIndexBuilder(
      [...entities.values()],
      runs,
      table && ((place) => new TableSummary(table, place)),
    )
  let search: ReadonlySet<string> | undefined
  try {
    // Every story in the index's order: each at its facts' place there (`doc`, which
    // relatedStories gave it), the withdrawn in the places left between them, in their order. Not
    // the stories sorted again: their summaries' objects, held while every page was written, were
    // 35 MB of a million-story build's heap (docs/decisions/071).
    function* everyStory(): Generator<StoryPage | WithdrawnPlace> {
      if (!table) throw new Error('a full build keeps its facts in its table')
      const withdrawn = indexOrder([], withdrawnPlaces(content))
      const byDoc = new Int32Array(latest.size + withdrawn.length).fill(-1)
      for (const facts of latest.values()) {
        const doc = facts.doc ?? -1
        if (!(facts instanceof TableFacts) || doc < 0 || doc >= byDoc.length || byDoc[doc] !== -1)
          throw new Error(`${facts.summary.slug} has no place of its own in the search index`)
        byDoc[doc] = facts.place
      }
      let gaps = 0
      for (const place of byDoc) {
        const name = table.names.at(place)
        const gap = name === undefined ? withdrawn[gaps++]?.withdrawn : undefined
        if (name !== undefined)
          yield {
            name,
            facts: (latest instanceof TableStories
              ? latest.at(place)
              : latest.get(name)) as StoryFacts,
          }
        else if (gap) yield gap
        else throw new Error('the search index has a place with no story')
      }
    }
    // Each listed story's summary, looked up when its page is written, not held with the page.
    const summaryOf = (slug: string) => content.stories.get(`${slug}.json`)?.summary ?? []
    const problems: ContentProblem[] = []
    for (const step of builder ? everyStory() : pages) {
      if (!('name' in step)) {
        builder?.add(step)
        continue
      }
      const { name, facts } = step
      // A full build's by their places: no slug made and looked up again.
      const related =
        facts instanceof TableFacts
          ? facts.relatedSummaries()
          : (facts.related ?? []).flatMap(summaryOf)
      const file = path.join(articlesDir, name)
      const reread = fresh.has(name) ? undefined : readArticle(file, rel(file), problems)
      const article =
        fresh.get(name) ?? (reread && (await content.pictures.apply(reread, name, problems)))
      if (!article) continue
      const doc: ArticleDocument = {
        article,
        entities: facts.entityIds.flatMap((id) => entities.get(id) ?? []),
        related,
        authors: facts.byline.flatMap((id) => authors.get(id) ?? []),
      }
      await put(apiPaths.article(slugOf(name)), doc, related)
      // Its result shows its summary's strings, the same words, which the build holds anyway: the
      // story's own, read again from its file, would be copies held to the build's end.
      if (builder) {
        builder.add(article, facts instanceof TableFacts ? facts.place : facts.summary)
        forgetWritten(facts)
      }
    }
    if (problems.length > 0) throw new ContentError(problems)

    // What a withdrawn story's address says instead.
    for (const withdrawal of content.withdrawn.values())
      await put(apiPaths.withdrawn(withdrawal.slug), withdrawal satisfies Withdrawal)

    // The search index, whenever a story came, changed or went. Only its files whose bytes change
    // are rewritten.
    const started = performance.now()
    if (builder) {
      const names = new Set<string>()
      for (const [file, value] of searchIndexEntries(builder.index(), searchLayout)) {
        await put(file, value)
        names.add(file)
      }
      search = names
    } else if (searchChanged(content)) {
      const index = await searchIndexFor(content, outDir, searchLayout, problems)
      for (const [file, value] of index.files) await put(file, value)
      search = index.all
    }
    if (search) timings.search = Math.round(performance.now() - started)
  } finally {
    runs?.close()
  }

  // Entities: their own file (it changes only with the gazetteer, which means a full build), and
  // pages of their stories with their quotes from those stories.
  for (const id of touchedEntities) {
    const entity = entities.get(id)
    if (!entity) continue
    if (!cache) await put(apiPaths.entity(id), { entity } satisfies EntityDocument)
    const list = new Picked(ordered, mentions.get(id) ?? NO_PLACES)
    // A full build's from its store, in one lookup for the entity.
    const spoken = content.quotes?.bySpeaker(id)
    const quotesOf = (facts: StoryFacts) =>
      (spoken
        ? (spoken.get(keyOf(facts.summary)) ?? [])
        : facts.quotes.filter((q) => q.speakerId === id)
      ).map((q) => ({
        quoteId: q.quoteId,
        text: q.text,
        ...(q.source ? { source: q.source } : {}),
        article: facts.summary,
      }))
    let totalQuotes = 0
    for (const facts of list) totalQuotes += quotesOf(facts).length
    const own = slots.filter((slot) => slot.entityIds.includes(id))
    for (const page of pagesIn(withSlots(list, own), pageSize)) {
      const doc: EntityStoriesPage = {
        ...page,
        items: page.items.map((f) => f.summary),
        quotes: page.items.flatMap(quotesOf),
        // Like the count of stories, on the first page alone.
        ...(page.page === 1 ? { totalQuotes } : {}),
      }
      await put(apiPaths.entityStories(id, page.page), doc, doc.items)
    }
  }
  return { search, indexPages }
}

/**
 * Whether every story is where it was in the lists: none came or went (withdrawals included), and
 * each story read again was published when it was before.
 */
function storiesStayPut(content: ReadContent): boolean {
  const { cache, read, stories } = content
  if (!cache || Object.keys(cache.stories).length !== stories.size) return false
  for (const name of read)
    if (cache.stories[name]?.summary.publishedAt !== stories.get(name)?.summary.publishedAt)
      return false
  return JSON.stringify(cache.withdrawn) === JSON.stringify(withdrawnPlaces(content))
}

/** The index pages that show the stories read by this build, and the first. */
function pagesOfStories(
  { read, stories, slots }: ReadContent,
  { ordered }: DerivedFacts,
  pageSize: number,
): Set<number> {
  const wanted = new Set([...read].map((name) => stories.get(name)))
  const pages = new Set([1])
  const places = withSlots(ordered, slots)
  for (let i = 0; i < places.length; i++) {
    const facts = places.at(i)
    if (facts && wanted.has(facts)) pages.add(pageOfPlace(i, places.length, pageSize))
  }
  return pages
}

/** How many of each section's latest stories the front page shows. */
export const FRONT_PAGE_PER_SECTION = 4

/**
 * The front page: the newest story as its lead, then each section's latest, without the lead.
 * `latest` gives a section's newest `count` stories (all it has when fewer), or undefined when it
 * cannot tell: then so is the front page.
 */
function frontPage(
  sections: Iterable<Section>,
  lead: ArticleSummary | undefined,
  latest: (sectionId: string, count: number) => readonly ArticleSummary[] | undefined,
): Front | undefined {
  const front: Front = { ...(lead ? { lead } : {}), sections: [] }
  for (const { id, name } of sections) {
    const newest = latest(id, FRONT_PAGE_PER_SECTION + 1)
    if (!newest) return undefined
    const items = newest
      .filter((summary) => summary.slug !== lead?.slug)
      .slice(0, FRONT_PAGE_PER_SECTION)
    front.sections.push({ id, name, items })
  }
  return front
}

/** The withdrawn stories' places in the search index, in one order whatever the disk's. */
const withdrawnPlaces = ({ slots }: { slots: readonly Slot[] }): WithdrawnPlace[] =>
  slots
    .map(({ slug, publishedAt, section }) => ({ slug, publishedAt, section }))
    .sort((a, b) => a.slug.localeCompare(b.slug))

/** A story's place in the search index; a withdrawn one's keeps it, empty. */
interface IndexPlace {
  slug: string
  publishedAt: string
  withdrawn?: WithdrawnPlace
}

const indexOrder = (stories: Iterable<StoryFacts>, withdrawn: readonly WithdrawnPlace[]) =>
  sortDated(
    [
      ...[...stories].map(({ summary }): IndexPlace => summary),
      ...withdrawn.map((place): IndexPlace => ({ ...place, withdrawn: place })),
    ],
    (place) => place,
    'oldest first',
  )

/**
 * The search index for this build. When the stories kept are in the same order as before (stories
 * edited, withdrawn, deleted, or added after the newest), the last build's index is read back and
 * updated with the stories whose searchable text changed; otherwise (a story dated among older
 * ones, no cache, no index) every story is read and it is built afresh.
 */
async function searchIndexFor(
  content: ReadContent,
  outDir: string,
  layout: SearchLayout,
  problems: ContentProblem[],
): Promise<SearchFiles> {
  const { entities, cache, articlesDir, fresh, stories } = content
  const gazetteer = [...entities.values()]
  const withdrawn = withdrawnPlaces(content)
  const whole = (index: SearchIndex): SearchFiles => {
    const files = searchIndexFiles(index, layout)
    return { files, all: new Set(files.keys()) }
  }
  const readOut = async (file: string): Promise<unknown> =>
    JSON.parse(await readFile(path.join(outDir, file), 'utf8'))
  if (cache) {
    const before = indexOrder(Object.values(cache.stories), cache.withdrawn)
    const after = indexOrder(stories.values(), withdrawn)
    const now = new Set(after.map((place) => place.slug))
    const kept = before.filter((place) => now.has(place.slug))
    const inOrder = kept.every((place, i) => after[i]?.slug === place.slug)
    // Stories changed, withdrawn or added after the newest: only their files of the index change.
    if (inOrder && kept.length === before.length) {
      const changes = await docChanges(content, before, after, outDir)
      const sizeOut = async (file: string) => (await stat(path.join(outDir, file))).size
      const patch = changes && (await patchSearchIndex(readOut, changes, sizeOut, layout))
      if (patch) return { files: patch.files, all: new Set(patch.all) }
    }
    const previous = inOrder ? await readSearchIndex(readOut) : undefined
    if (previous && previous.docs.length === gazetteer.length + before.length) {
      const removed = new Set<number>()
      before.forEach((place, i) => {
        if (!now.has(place.slug)) removed.add(gazetteer.length + i)
      })
      const wasWithdrawn = new Set(cache.withdrawn.map((place) => place.slug))
      const changed = new Map<number, Article | WithdrawnPlace>()
      after.forEach((place, i) => {
        const doc = gazetteer.length + i
        if (place.withdrawn) {
          if (!wasWithdrawn.has(place.slug)) changed.set(doc, place.withdrawn)
          return
        }
        const name = `${place.slug}.json`
        const article = fresh.get(name)
        if (article && searchTextChanged(cache, stories, name)) changed.set(doc, article)
      })
      return whole(updateSearchIndex(previous, changed, removed))
    }
  }
  // Every story read again, in the index's order, and none held after its words are added.
  const builder = searchIndexBuilder(gazetteer, new PostingsBuilder())
  for (const place of indexOrder(stories.values(), withdrawn)) {
    if (place.withdrawn) {
      builder.add(place.withdrawn)
      continue
    }
    const name = `${place.slug}.json`
    const file = path.join(articlesDir, name)
    const article = fresh.get(name) ?? readArticle(file, rel(file), problems)
    // Its result shown with its summary's strings, which the build holds to the end anyway.
    if (article) builder.add(article, stories.get(name)?.summary)
  }
  if (problems.length > 0) throw new ContentError(problems)
  return whole(builder.index())
}

/** The search index's files this build writes, and every file of the index after it. */
interface SearchFiles {
  files: Map<string, unknown>
  all: ReadonlySet<string>
}

/**
 * The index's documents that change when no story's place moves (`before` and `after` in the
 * index's order, the same stories first): each with what the index holds for it now. A story's old
 * text is its page's API file as the last build wrote it (its hash is in the cache); undefined
 * when one is missing or not that file, and the index is then read whole.
 */
async function docChanges(
  content: ReadContent,
  before: readonly IndexPlace[],
  after: readonly IndexPlace[],
  outDir: string,
): Promise<DocChange[] | undefined> {
  const { cache, fresh, stories, entities } = content
  if (!cache) return undefined
  const changes: DocChange[] = []
  const wasWithdrawn = new Map(cache.withdrawn.map((place) => [place.slug, place]))
  const oldText = async (slug: string): Promise<Article | WithdrawnPlace | undefined> => {
    const place = wasWithdrawn.get(slug)
    if (place) return place
    const file = apiPaths.article(slug)
    const text = await readFile(path.join(outDir, file), 'utf8').catch(() => undefined)
    if (text === undefined || hash(text) !== cache.outputs[file]) return undefined
    return (JSON.parse(text) as ArticleDocument).article
  }
  for (const [i, place] of after.entries()) {
    const doc = entities.size + i
    const name = `${place.slug}.json`
    const article = place.withdrawn ?? fresh.get(name)
    const changed = place.withdrawn
      ? !wasWithdrawn.has(place.slug)
      : article !== undefined && searchTextChanged(cache, stories, name)
    if (!article || !changed) continue
    if (i >= before.length) {
      changes.push({ doc, after: article })
      continue
    }
    const old = await oldText(place.slug)
    if (!old) return undefined
    changes.push({ doc, before: old, after: article })
  }
  return changes
}

/**
 * Whether any story came, went, or changed what the search index takes from it since the cached
 * build (always, without a cache): a correction, or an update that only moves `updatedAt`, does not.
 */
const searchChanged = (content: ReadContent) => {
  const { cache, read, stories } = content
  return (
    !cache ||
    [...read].some((name) => searchTextChanged(cache, stories, name)) ||
    Object.keys(cache.stories).some((name) => !stories.has(name)) ||
    JSON.stringify(cache.withdrawn) !== JSON.stringify(withdrawnPlaces(content))
  )
}

/** Whether a story read by this build gives the search index other text than it last did. */
const searchTextChanged = (
  cache: BuildCache,
  stories: ReadonlyMap<string, StoryFacts>,
  name: string,
) => cache.stories[name]?.search !== stories.get(name)?.search

/**
 * The hashes of every file now in the output (for the next cache), and the files the last build
 * wrote that are now stale. A file this build did not write is kept while what it shows is
 * unchanged; which kind of file it is comes from the site map. `search` is every file of the search
 * index when this build updated it.
 */
function staleOutputs(
  before: Readonly<Record<string, string>>,
  files: ReadonlyMap<string, string>,
  { stories }: ReadContent,
  /** Every file of the search index when this build updated it, and the count of index pages. */
  { search, indexPages }: { search: ReadonlySet<string> | undefined; indexPages: number },
  { touchedEntities, touchedSections, touchedAuthors }: DerivedFacts,
): { outputs: Record<string, string>; stale: string[] } {
  const outputs: Record<string, string> = Object.fromEntries(files)
  const stale: string[] = []
  const keep = (file: string): boolean => {
    const found = apiFileOf(file)
    // Not in the site map: a layout this build no longer makes, so nothing will rewrite it. (A
    // change to the site map changes the code hash, so normally a full build replaces it anyway.)
    if (!found) return false
    const { slug, id } = found.params
    switch (found.name) {
      // The front page is written each build.
      case 'front':
        return false
      // An index page not written is unchanged, or past the last page.
      case 'articleIndex':
        return Number(found.params.page) <= indexPages
      case 'article':
        return slug !== undefined && stories.has(`${slug}.json`)
      // Every withdrawal is written each build: one not written is withdrawn no more.
      case 'withdrawn':
        return false
      // Written only by a full build: the gazetteer is part of the cache's key.
      case 'entity':
        return true
      // A touched entity has all its pages written: one not written is past its last page.
      case 'entityStories':
        return id !== undefined && !touchedEntities.has(id)
      case 'sectionStories':
        return id !== undefined && !touchedSections.has(id)
      case 'authorStories':
        return id !== undefined && !touchedAuthors.has(id)
      // An index file the update did not write is kept while the index still has it.
      case 'searchIndex':
      case 'searchTerms':
      case 'searchPart':
      case 'searchGroups':
      case 'searchDocs':
        return search?.has(file) ?? true
    }
  }
  for (const [file, digest] of Object.entries(before)) {
    if (files.has(file)) continue
    if (keep(file)) outputs[file] = digest
    else stale.push(file)
  }
  return { outputs, stale }
}

/** A few file operations in flight at once: far faster than one by one, within file-handle limits. */
async function inBatches<T>(items: T[], work: (item: T) => Promise<unknown>, size = 64) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work))
}

/**
 * Where the API files a build makes go, as they are made (`put`). A full build streams each file
 * into the staging folder, on the writer's thread, so it never holds the archive's files in memory,
 * and each one's hash and the stories it shows into its new cache (`fresh`): it keeps only their
 * names. An incremental build keeps each file's hash and what it shows, and the text of only those
 * files whose bytes differ from the last build's.
 */
function apiSink(
  cache: BuildCache | undefined,
  staging: string | undefined,
  compress: boolean,
  fresh: FreshCache<StoryFacts> | undefined,
  table: FactsTable | undefined,
) {
  const hashes = new Map<string, string>()
  const changed = new Map<string, string>()
  const shows = new Map<string, readonly string[]>()
  // A full build's files, written (and compressed) into staging on threads of their own, one per
  // core: with one, this thread waited for it a third of the time (docs/decisions/065).
  const staged = staging
    ? { dir: staging, writer: siteWriter({ threads: os.availableParallelism() }) }
    : undefined
  let bytes = 0
  // A story a full build's file shows, by its place among the names: its summary's own.
  const placeOf = (summary: ArticleSummary) =>
    summary instanceof TableSummary ? summary.place : (table?.find(keyOf(summary)) ?? -1)
  /** `stories`: the summaries the file shows (an edit in place looks up the files by story). */
  async function put(file: string, value: unknown, stories: readonly ArticleSummary[] = []) {
    const text = JSON.stringify(value)
    if (!staged) {
      const digest = hash(text)
      hashes.set(file, digest)
      shows.set(file, keysOf(stories))
      if (cache?.outputs[file] !== digest) changed.set(file, text)
      return
    }
    fresh?.output(file, hash(text), stories.map(placeOf))
    bytes += Buffer.byteLength(text)
    await staged.writer.write(path.join(staged.dir, file), text, compress)
  }
  let closing: Promise<void> | undefined
  /** Waits for every write, then stops the writer's thread; throws if a write failed. */
  const flush = () => (closing ??= staged?.writer.close() ?? Promise.resolve())
  return {
    put,
    hashes,
    changed,
    shows,
    bytes: () => bytes,
    flush,
    /** Waits for every write, failed or not: before the staging folder is removed. */
    settle: () => flush().catch(() => undefined),
  }
}

/**
 * Full build: every file is in the staging folder (apiSink). Each is renamed into place, and files
 * the new API lacks are removed: a server answering from outDir meanwhile sends each file old or
 * new, never half of one and never a 404 for one that exists before and after (docs/decisions/015).
 */
async function placeFresh(outDir: string, staging: string, bytes: number) {
  // Its files, read from the folder rather than held as they were written (145,000 names at
  // 100,000 stories): the copies are each beside its file.
  const isFile = (file: string) => !ENCODINGS.some((ext) => file.endsWith(ext))
  // A first build, or one after the app's build emptied dist/: no server sends any of the API yet,
  // so the folder goes into place at once, not each of its files (40 s at 100,000 stories).
  if ((await readdir(outDir).catch(() => [])).length === 0) {
    const files = filesUnder(staging, { named: isFile, relative: true }).sort()
    await rm(outDir, { recursive: true, force: true })
    await rename(staging, outDir)
    return { files: files.length, removed: 0, bytes, changed: files, names: files }
  }
  // What goes into place: each file, and its compressed copies where it has them.
  const placed = filesUnder(staging, { relative: true })
  const files = placed.filter(isFile).sort()
  const kept = new Set(placed)
  const old = filesUnder(outDir, { relative: true })
  for (const dir of new Set(placed.map((file) => path.dirname(file))))
    await mkdir(path.join(outDir, dir), { recursive: true })
  await inBatches(placed, (file) => rename(path.join(staging, file), path.join(outDir, file)))
  // Gone: files the new API lacks, and copies of files that no longer have them.
  const gone = old.filter((file) => !kept.has(file))
  await inBatches(gone, (file) => rm(path.join(outDir, file), { force: true }))
  const goneFiles = gone.filter(isFile)
  return {
    files: files.length,
    removed: goneFiles.length,
    bytes,
    changed: [...files, ...goneFiles],
    names: files,
  }
}

/** Incremental build: write the files whose bytes changed, each whole; remove stale ones. */
async function writeChanged(
  outDir: string,
  files: ReadonlyMap<string, string>,
  stale: readonly string[],
  compress: boolean,
) {
  const changed = [...files.keys()]
  let bytes = 0
  for (const dir of new Set(changed.map((file) => path.dirname(path.join(outDir, file)))))
    await mkdir(dir, { recursive: true })
  // A few at once: the writes, and a large file's copies, overlap in libuv's pool.
  await inBatches(changed, async (file) => {
    const text = files.get(file) ?? ''
    bytes += Buffer.byteLength(text)
    if (compress) await writeServedAsync(path.join(outDir, file), text)
    else await writeWhole(path.join(outDir, file), text)
  })
  for (const file of stale) removeServed(path.join(outDir, file))
  return { files: changed.length, removed: stale.length, bytes, changed: [...changed, ...stale] }
}

/** A line for the desk about stories under embargo, or nothing when there are none. */
export function embargoNote(embargoed: BuildReport['embargoed']): string | undefined {
  if (embargoed.length === 0) return undefined
  const next = embargoed.map((e) => e.publishedAt).sort((a, b) => Date.parse(a) - Date.parse(b))[0]
  const count = embargoed.length === 1 ? '1 story' : `${embargoed.length} stories`
  return `${count} under embargo, left out; the next is due at ${next ?? ''}: a refresh after then publishes it`
}
