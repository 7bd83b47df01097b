// fast-check arbitraries for the content contract (src/content/schema.ts): article documents that
// are valid by construction, and the same documents broken in exactly one place, each with the JSON
// path the contract must name for it. The rules are written here from the contract's own words
// (README, docs/decisions/014) and the XML spec, not copied from schema.ts, so the two can disagree.
// The property tests built on them take 10,000 documents in all, every one through the schema:
// 6,000 in src/content/schema.property.test.ts, 2,000 through the feeds, 1,000 through the content
// build and 1,000 through the prerender (src/entry-server.property.test.tsx says why only 1,000).
import fc from 'fast-check'
import {
  LIMITS,
  type Article,
  type ArticleSummary,
  type Block,
  type InlineRun,
} from '../content/schema'
import { testGazetteer } from './gazetteer'

/**
 * How many documents a property tries: its share of the suite's 10,000 a run, times
 * PROPERTY_SCALE (`PROPERTY_SCALE=10 npx vitest run property` sends 10,000 through the renderer,
 * and more through the rest). Time limits grow with it.
 */
const SCALE = Number(process.env.PROPERTY_SCALE ?? '1')
export const documents = (share: number) => Math.max(1, Math.round(share * SCALE))
export const timeLimit = (ms: number) => Math.round(ms * Math.max(1, SCALE))
/** "2,500 documents", as a test's name gives its count. */
export const counted = (share: number) => `${documents(share).toLocaleString('en-GB')} documents`

type Limit = keyof typeof LIMITS

/** Code points XML 1.0 allows (its `Char` production). */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  )
}

// A lone surrogate iterates as a code point of its own, so it fails the test too.
const allXml = (text: string) =>
  Array.from(text).every((char) => isXmlChar(char.codePointAt(0) ?? 0))

/** Legal text that trips escaping, bidi handling or UTF-16 arithmetic when code gets it wrong. */
const AWKWARD = [
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&nbsp;',
  ']]>',
  '<![CDATA[',
  '"',
  "'",
  '“quoted”',
  '«guillemets»',
  '<b>bold</b>',
  '</p>',
  '<script>x()</script>',
  '</script>',
  '<!--',
  '-->',
  '$&',
  "$'",
  '$1',
  '\\',
  '{{x}}',
  '😀',
  '👩‍👩‍👧',
  '🇺🇳',
  '𝄞',
  'e\u0301',
  'Z\u0351\u0362',
  'שלום',
  'مرحبا',
  '\u202Eabc\u202C',
  '\u200F',
  '\u200D',
  '\u00AD',
  '\uFEFF',
  '\uFDD0',
  '\uFFFD',
  '\u007F',
  '\u0085',
  '\u{10FFFD}',
  '新聞',
  'समाचार',
]
const SPACES = [' ', '  ', '\t', '\n', '\r', '\r\n', '\u00A0', '\u2028', '\u2029', '\u3000']

/** One piece of text: mostly plain words, with awkward but legal characters mixed in. */
const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 10 }) },
  { weight: 4, arbitrary: fc.constantFrom(...AWKWARD) },
  { weight: 4, arbitrary: fc.constantFrom(...SPACES) },
  {
    weight: 2,
    arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).filter(allXml),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 0x10ffff })
      .filter(isXmlChar)
      .map((codePoint) => String.fromCodePoint(codePoint)),
  },
)

/** The `n`th of a list, round and round. */
const pick = <T>(list: readonly T[], n: number) => list[n % list.length] as T

/** `text` cut to at most `limit` UTF-16 units (what `.length` counts), never inside a pair. */
function fit(text: string, limit: number): string {
  if (text.length <= limit) return text
  let out = ''
  for (const char of text) {
    if (out.length + char.length > limit) break
    out += char
  }
  return out
}

/** `start` filled up to exactly `length` UTF-16 units with `filler`, then `x`. */
function fill(start: string, filler: string, length: number): string {
  let out = fit(start, length)
  while (out.length + filler.length <= length) out += filler
  return out + 'x'.repeat(length - out.length)
}

const FILLERS = ['x', 'é', '😀', '<&>', ' ']

/** Legal text of at most `limit` units, usually short. */
const words = (limit: number, maxPieces = 12) =>
  fc.array(piece, { maxLength: maxPieces }).map((pieces) => fit(pieces.join(''), limit))

const hasWords = (text: string) => /\S/.test(text)

/** Text for a field with a limit: now and then exactly as long as the contract allows. */
const legalText = (limit: Limit) =>
  fc.oneof(
    { weight: 19, arbitrary: words(LIMITS[limit]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(words(LIMITS[limit]), fc.constantFrom(...FILLERS))
        .map(([start, filler]) => fill(start, filler, LIMITS[limit])),
    },
  )

/** Text that must not be empty: more than spaces. */
const visibleText = (limit: Limit) => legalText(limit).filter(hasWords)
/** Short non-empty text, for runs: many of them must fit one paragraph. */
const shortVisible = words(60, 6).filter(hasWords)

const entityIds = testGazetteer.map((entity) => entity.id)
const knownEntity = fc.constantFrom(...entityIds)

const slugPart = fc.stringMatching(/^[a-z0-9]{1,12}$/)
const slug: fc.Arbitrary<string> = fc
  .array(slugPart, { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join('-'))

const blockId: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,63}$/),
  // Ids the app itself uses in the page: content may take them (they get a namespace).
  fc.constantFrom('root', 'main', 'headline', 'dispatch-query-state', 'p1', 'q1', 'ad-1'),
)

const httpsUrl: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'https://example.org/tides?from=1&to=<2>',
    'https://example.org/"quoted"/\'single\'',
    'https://example.org/ünïcode/路径',
    'https://xn--bcher-kva.example/',
    'https://[::1]:8443/a',
  ),
)

// ---- Dates ----

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
/** Days in a month of the proleptic Gregorian calendar. */
const daysIn = (year: number, month: number) =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

interface DateParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** `.5`, `.25`, `.125` or nothing. */
  fraction: string
  /** `Z` or a sign, hours and minutes. */
  zone: 'Z' | { sign: '+' | '-'; hours: number; minutes: number }
}

const two = (n: number) => String(n).padStart(2, '0')

function writeDate(p: DateParts): string {
  const zone = p.zone === 'Z' ? 'Z' : `${p.zone.sign}${two(p.zone.hours)}:${two(p.zone.minutes)}`
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}${p.fraction}${zone}`
}

const FIRST_INSTANT = Date.parse('0000-01-01T00:00:00Z')
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z')

const dateParts: fc.Arbitrary<DateParts> = fc
  .record({
    day: fc.oneof(
      {
        weight: 19,
        arbitrary: fc.tuple(
          fc.oneof(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
          fc.integer({ min: 1, max: 12 }),
          // Often the last day of the month: 29 February, 30 April, 31 December.
          fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant(31)),
        ),
      },
      // The first and last days of the calendar, where an offset takes the instant past them.
      { weight: 1, arbitrary: fc.constantFrom([0, 1, 1] as const, [9999, 12, 31] as const) },
    ),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{1,3}$/)),
    zone: fc.oneof(
      fc.constant('Z' as const),
      fc.record({
        sign: fc.constantFrom('+' as const, '-' as const),
        hours: fc.integer({ min: 0, max: 23 }),
        minutes: fc.integer({ min: 0, max: 59 }),
      }),
    ),
  })
  .map(({ day: [year, month, day], ...time }): DateParts => {
    const real = { ...time, year, month, day: Math.min(day, daysIn(year, month)) }
    // An instant outside the years 0000-9999 in UTC is not valid: feeds could not date it (the
    // schema's property test shows it refused). Such a time moves to the other side of Greenwich.
    const instant = Date.parse(writeDate(real))
    if (real.zone === 'Z') return real
    if (instant > LAST_INSTANT) return { ...real, zone: { ...real.zone, sign: '+' } }
    if (instant < FIRST_INSTANT) return { ...real, zone: { ...real.zone, sign: '-' } }
    return real
  })

/** A real instant, written `YYYY-MM-DDTHH:MM:SS[.s{1,3}](Z|±HH:MM)`. */
const dateTime: fc.Arbitrary<string> = dateParts.map(writeDate)

interface BadDate {
  text: string
  why: string
}

/** A date-time in the right form that names no instant: a day, hour or offset out of range. */
const unrealDateTime: fc.Arbitrary<BadDate> = fc
  .tuple(dateParts, fc.nat(), fc.nat())
  .map(([p, which, n]): BadDate => {
    const dim = daysIn(p.year, p.month)
    const zone = (hours: number, minutes: number) => ({ sign: '+' as const, hours, minutes })
    const broken: [DateParts, string][] = [
      [{ ...p, day: dim + 1 + (n % (99 - dim)) }, 'a day past the end of its month'],
      [{ ...p, month: 2, day: isLeap(p.year) ? 30 : 29 }, 'a day February lacks'],
      [{ ...p, day: 0 }, 'day 00'],
      [{ ...p, month: n % 2 === 0 ? 0 : 13 + (n % 87) }, 'a month that does not exist'],
      [{ ...p, hour: 24 + (n % 76) }, 'an hour past 23'],
      [{ ...p, minute: 60 + (n % 40) }, 'a minute past 59'],
      [{ ...p, second: 60 + (n % 40) }, 'a second past 59'],
      [{ ...p, zone: zone(24 + (n % 76), 0) }, 'an offset past 23 hours'],
      [{ ...p, zone: zone(n % 24, 60 + (n % 40)) }, 'an offset with minutes past 59'],
    ]
    const [parts, why] = pick(broken, which)
    return { text: writeDate(parts), why }
  })

/** A date-time written in a form the contract refuses, though a reader might take it for a date. */
const misshapenDateTime: fc.Arbitrary<BadDate> = fc
  .tuple(dateParts, fc.nat(), fc.nat())
  .map(([p, which, n]): BadDate => {
    const utc = writeDate({ ...p, zone: 'Z' })
    const withZone = (zone: string) => utc.replace(/Z$/, zone)
    const broken: [string, string][] = [
      [withZone(`+${two(n % 24)}`), 'an offset without minutes'],
      [withZone(`-${two(n % 24)}${two(n % 60)}`), 'an offset without a colon'],
      [withZone(''), 'no time zone'],
      [withZone('z'), 'a lower-case z'],
      [withZone(' UTC'), 'a zone name'],
      [utc.replace('T', ' '), 'a space for the T'],
      [utc.replace('T', 't'), 'a lower-case t'],
      [utc.replace(/:\d\d(?=[.Z])/, ''), 'no seconds'],
      [
        utc.replace(/(:\d\d)(\.\d+)?Z$/, `$1.${'123456'.slice(0, 4 + (n % 3))}Z`),
        'four or more fraction digits',
      ],
      [utc.slice(0, 10), 'a date without a time'],
      [` ${utc}`, 'a leading space'],
      [`${utc}\n`, 'a trailing line break'],
      [utc.replace(/^\d{4}/, two(p.year % 100)), 'a two-digit year'],
      [String(Date.UTC(2025, 0, 1) + n), 'a timestamp'],
    ]
    const [text, why] = pick(broken, which)
    return { text, why }
  })

// ---- Runs and blocks ----

const textRun: fc.Arbitrary<InlineRun> = words(200).map((text) => ({ type: 'text', text }))
const entityRun = (id: fc.Arbitrary<string>): fc.Arbitrary<InlineRun> =>
  fc.record({ type: fc.constant('entity' as const), entityId: id, text: shortVisible })
const linkRun: fc.Arbitrary<InlineRun> = fc.record({
  type: fc.constant('link' as const),
  href: httpsUrl,
  text: shortVisible,
})
const runs = (minLength: number, maxLength: number) =>
  fc.array(fc.oneof({ weight: 3, arbitrary: textRun }, entityRun(knownEntity), linkRun), {
    minLength,
    maxLength,
  })

type Unnamed<B> = B extends Block ? Omit<B, 'id'> : never

const paragraph: fc.Arbitrary<Unnamed<Block>> = fc.oneof(
  {
    weight: 19,
    arbitrary: runs(1, 12).map((content): Unnamed<Block> => ({ type: 'paragraph', content })),
  },
  // A paragraph exactly as long as the contract allows.
  {
    weight: 1,
    arbitrary: legalText('paragraph')
      .map((start) => fill(start, '😀', LIMITS.paragraph))
      .map((text): Unnamed<Block> => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  },
)

const quote: fc.Arbitrary<Unnamed<Block>> = fc
  .record(
    {
      text: visibleText('quote'),
      speakerId: knownEntity,
      source: visibleText('source'),
      // The copy's own attribution, which must link the speaker: runs around that link.
      attribution: fc.tuple(runs(0, 3), shortVisible, runs(0, 3)),
    },
    { requiredKeys: ['text', 'speakerId'] },
  )
  .map(({ attribution, ...rest }) => ({
    type: 'quote',
    ...rest,
    ...(attribution && {
      attribution: [
        ...attribution[0],
        { type: 'entity', entityId: rest.speakerId, text: attribution[1] },
        ...attribution[2],
      ],
    }),
  }))

const ad: fc.Arbitrary<Unnamed<Block>> = visibleText('source').map((label) => ({
  type: 'ad',
  label,
}))

const block: fc.Arbitrary<Block> = fc
  .tuple(blockId, fc.oneof({ weight: 5, arbitrary: paragraph }, quote, ad))
  .map(([id, unnamed]) => ({ ...unnamed, id }))

/** Block ids are unique in a story (the content build checks): a repeated one gets a suffix. */
function uniqueIds(blocks: Block[]): Block[] {
  const seen = new Set<string>()
  return blocks.map((b, i) => {
    let id = b.id
    for (let n = i; seen.has(id); n += 1000) id = `${b.id.slice(0, 56)}-d${n}`
    seen.add(id)
    return { ...b, id }
  })
}

/**
 * Publication, an optional update and its corrections, in the order the content build requires:
 * the update no earlier than publication, each correction between the two.
 */
const storyTimes = fc
  .record({
    first: dateTime,
    second: fc.option(dateTime, { nil: undefined }),
    corrections: fc.array(visibleText('correction'), { maxLength: 2 }),
  })
  .map(({ first, second, corrections }) => {
    const [publishedAt, later] =
      second !== undefined && Date.parse(second) < Date.parse(first)
        ? [second, first]
        : [first, second]
    const updatedAt = later ?? (corrections.length > 0 ? publishedAt : undefined)
    return {
      publishedAt,
      ...(updatedAt === undefined ? {} : { updatedAt }),
      ...(corrections.length > 0
        ? { corrections: corrections.map((text) => ({ at: updatedAt ?? publishedAt, text })) }
        : {}),
    }
  })

/** An article the contract accepts, including the content build's rules across fields. */
export const validArticle: fc.Arbitrary<Article> = fc
  .tuple(
    fc.record({
      slug,
      headline: visibleText('headline'),
      standfirst: visibleText('standfirst'),
      section: visibleText('section'),
      credit: visibleText('credit'),
      body: fc.array(block, { minLength: 1, maxLength: 8 }).map(uniqueIds),
    }),
    storyTimes,
  )
  .map(([{ slug, headline, standfirst, section, credit, body }, times]) => ({
    slug,
    headline,
    standfirst,
    section,
    ...times,
    credit,
    body,
  }))

/** A story as the API lists it, for related-story lists. */
export const summary: fc.Arbitrary<ArticleSummary> = fc.record({
  slug,
  headline: visibleText('headline'),
  standfirst: visibleText('standfirst'),
  section: visibleText('section'),
  publishedAt: dateTime,
})

/** A block's words as a reader should see them: a paragraph's runs, a quote and its caption. */
export interface BlockText {
  id: string
  kind: 'paragraph' | 'quote'
  text: string
  caption?: string
}

/** Every text of an article a reader should see, with where it is. */
export function textsOf(article: Article) {
  const runsText = (list: InlineRun[]) => list.map((run) => run.text).join('')
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    credit: article.credit,
    blocks: article.body.flatMap((b): BlockText[] => {
      switch (b.type) {
        case 'paragraph':
          return [{ id: b.id, kind: 'paragraph', text: runsText(b.content) }]
        case 'quote':
          return [
            {
              id: b.id,
              kind: 'quote',
              text: b.text,
              ...(b.attribution && { caption: runsText(b.attribution) }),
            },
          ]
        // Pictures need files the build renders: generated stories have none.
        case 'image':
        case 'ad':
          return []
      }
    }),
  }
}

// ---- Broken documents ----

type Key = string | number
type JsonNode = Record<Key, unknown>

/** A path written the way issues name it: `$.body[3].content[0].text`. */
const jsonPath = (keys: readonly Key[]) =>
  `$${keys.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('')}`

type FieldKind =
  | { kind: 'text'; limit: Limit; nonEmpty: boolean }
  | { kind: 'date' }
  | { kind: 'blockId' }
  | { kind: 'slug' }
  | { kind: 'href' }
  | { kind: 'type' }
  | { kind: 'list'; limit: Limit; item: 'run' | 'block' | 'correction' }
  | { kind: 'object' }

type Field = FieldKind & { keys: Key[]; required: boolean }

/** Every field of an article that can be broken, with what kind of value it holds. */
function fieldsOf(article: Article): Field[] {
  const fields: Field[] = []
  const add = (keys: Key[], kind: FieldKind, required = true) => {
    fields.push({ ...kind, keys, required })
  }
  const text = (keys: Key[], limit: Limit, nonEmpty = true, required = true) => {
    add(keys, { kind: 'text', limit, nonEmpty }, required)
  }
  const runList = (list: InlineRun[], keys: Key[], required: boolean) => {
    add(keys, { kind: 'list', limit: 'runs', item: 'run' }, required)
    list.forEach((run, i) => {
      const at = [...keys, i]
      add(at, { kind: 'object' })
      add([...at, 'type'], { kind: 'type' })
      if (run.type === 'text') text([...at, 'text'], 'paragraph', false)
      else text([...at, 'text'], 'linkText')
      if (run.type === 'entity') add([...at, 'entityId'], { kind: 'slug' })
      if (run.type === 'link') add([...at, 'href'], { kind: 'href' })
    })
  }
  add(['slug'], { kind: 'slug' })
  text(['headline'], 'headline')
  text(['standfirst'], 'standfirst')
  text(['section'], 'section')
  add(['publishedAt'], { kind: 'date' })
  if (article.updatedAt !== undefined) add(['updatedAt'], { kind: 'date' }, false)
  text(['credit'], 'credit')
  article.corrections?.forEach((_, i) => {
    if (i === 0)
      add(['corrections'], { kind: 'list', limit: 'corrections', item: 'correction' }, false)
    add(['corrections', i], { kind: 'object' })
    add(['corrections', i, 'at'], { kind: 'date' })
    text(['corrections', i, 'text'], 'correction')
  })
  add(['body'], { kind: 'list', limit: 'blocks', item: 'block' })
  article.body.forEach((b, i) => {
    const at = ['body', i]
    add(at, { kind: 'object' })
    add([...at, 'type'], { kind: 'type' })
    add([...at, 'id'], { kind: 'blockId' })
    switch (b.type) {
      case 'paragraph':
        runList(b.content, [...at, 'content'], true)
        break
      case 'quote':
        text([...at, 'text'], 'quote')
        add([...at, 'speakerId'], { kind: 'slug' })
        if (b.source !== undefined) text([...at, 'source'], 'source', true, false)
        if (b.attribution) runList(b.attribution, [...at, 'attribution'], false)
        break
      case 'ad':
        text([...at, 'label'], 'source')
        break
    }
  })
  return fields
}

function get(doc: unknown, keys: readonly Key[]): unknown {
  return keys.reduce<unknown>((node, key) => (node as JsonNode)[key], doc)
}

/** `doc` with the value at `keys` replaced, or removed when `value` is REMOVE. */
const REMOVE = Symbol('remove')
function setIn(doc: unknown, keys: readonly Key[], value: unknown): unknown {
  const copy = structuredClone(doc)
  const last = keys.at(-1)
  if (last === undefined) return value
  const parent = get(copy, keys.slice(0, -1)) as JsonNode
  if (value === REMOVE) Reflect.deleteProperty(parent, last)
  else parent[last] = value
  return copy
}

/** Ids not yet used in the story, for blocks added to it. */
function freshIds(article: Article, count: number): string[] {
  const used = new Set(article.body.map((b) => b.id))
  const ids: string[] = []
  for (let n = 0; ids.length < count; n++) if (!used.has(`pad-${n}`)) ids.push(`pad-${n}`)
  return ids
}

export interface BrokenArticle {
  /** The story's slug before it was broken: the name of its file. */
  slug: string
  /** The document, broken in one place. */
  doc: unknown
  /** The JSON path that names the broken place, e.g. `$.body[2].content[0].text`. */
  path: string
  /** What was broken, for the failure message. */
  fault: string
  /** A few words the message for it must hold, when there is one to expect. */
  message?: string
  /**
   * A place the fault breaks as well: a text run past 5,000 characters takes its paragraph past
   * the paragraph's limit too.
   */
  alsoPath?: string
}

const codePointName = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

// Characters XML 1.0 forbids: C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF.
const forbiddenChar = fc
  .oneof(
    fc.integer({ min: 0, max: 0x8 }),
    fc.constantFrom(0xb, 0xc),
    fc.integer({ min: 0xe, max: 0x1f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.constantFrom(0xfffe, 0xffff),
  )
  .map((unit) => String.fromCharCode(unit))

/** A block id (`/^[a-z][a-z0-9-]*$/`, 64 at most) or slug (hyphens only between parts, 120) broken. */
function badName(
  valid: string,
  n: number,
  kind: 'blockId' | 'slug',
): { text: string; why: string } {
  const max = kind === 'slug' ? 120 : 64
  const broken: [string, string][] = [
    [`X${valid}`, 'an upper-case letter'],
    [`-${valid}`, 'a leading hyphen'],
    [`${valid}_x`, 'an underscore'],
    [`${valid} x`, 'a space'],
    [`${valid}é`, 'a letter outside a-z'],
    [`${valid}\n`, 'a trailing line break'],
    ['', 'nothing'],
    [fill(valid, 'a', max + 1 + (n % 20)), `more than ${max} characters`],
    ...((kind === 'slug'
      ? [
          [`${valid}--x`, 'two hyphens in a row'],
          [`${valid}-`, 'a trailing hyphen'],
        ]
      : [[`7${valid}`, 'a digit first']]) satisfies [string, string][]),
  ]
  const [text, why] = broken[n % broken.length] ?? ['', '']
  return { text, why }
}

/** What can be put in a field's place instead: a value of another type. */
const NOT_STRING = [null, 0, 1.5, true, [], {}, ['x']]
const NOT_LIST = [null, 0, true, 'x', {}]
const NOT_OBJECT = [null, 0, true, 'x']
const NOT_TYPE = ['', 'Paragraph', 'para', 'heading', 'html', 'TEXT', 'video', null, 1, true]
const EMPTY = ['', ' ', '\t\n', '\u00A0', '\u3000 ', '\r\n']
const BAD_HREFS = [
  'http://example.org/tides',
  'example.org/tides',
  '//example.org/tides',
  'ftp://example.org/tides',
  'javascript:alert(1)',
  'https://',
  'https:// spaced.example/',
  '',
]

/** The makings of one fault, apart from the document, so each shrinks on its own. */
const faultParts = fc.record({
  how: fc.nat(),
  field: fc.nat(),
  n: fc.nat({ max: 1_000 }),
  excess: fc.integer({ min: 1, max: 64 }),
  char: forbiddenChar,
  unreal: unrealDateTime,
  misshapen: misshapenDateTime,
  filler: fc.constantFrom(...FILLERS),
})
type FaultParts = typeof faultParts extends fc.Arbitrary<infer T> ? T : never

interface Fault {
  value: unknown
  fault: string
  message?: string
  alsoPath?: string
}

/** A way to break a field, and the fields it applies to. */
interface Breaker {
  applies: (field: Field) => boolean
  make: (field: Field, current: unknown, parts: FaultParts, article: Article) => Fault
}

const anotherType: Breaker = {
  applies: () => true,
  make: (field, _, { n }) => ({
    value: pick(
      field.kind === 'list' ? NOT_LIST : field.kind === 'object' ? NOT_OBJECT : NOT_STRING,
      n,
    ),
    fault: 'a value of another type',
  }),
}

// Each kind of fault is as likely as the next, however many fields it applies to.
const BREAKERS: Breaker[] = [
  {
    // One past the limit, or a few.
    applies: (f) => f.kind === 'text' || f.kind === 'href',
    make: (field, current, { excess, filler }) => {
      if (field.kind !== 'text') {
        const long = LIMITS.url + excess
        const value = fill('https://example.org/', 'a', long)
        return { value, fault: `a ${long}-character URL`, message: `Expected <=${LIMITS.url}` }
      }
      const limit = LIMITS[field.limit]
      const long = limit + excess
      const inParagraph = field.keys.at(-3) === 'content' && field.limit === 'paragraph'
      return {
        value: fill(current as string, filler, long),
        fault: `${long} characters`,
        message: `is ${long} characters; at most ${limit}`,
        ...(inParagraph && { alsoPath: jsonPath(field.keys.slice(0, -2)) }),
      }
    },
  },
  {
    // One character replaced (so the text never grows past its limit), or an empty text filled.
    applies: (f) => f.kind === 'text',
    make: (_, current, { n, char }) => {
      // By code point: a character never lands inside a surrogate pair.
      const chars = Array.from(current as string)
      chars.splice(n % Math.max(chars.length, 1), chars.length > 0 ? 1 : 0, char)
      const name = codePointName(char)
      return { value: chars.join(''), fault: `${name} in it`, message: `contains ${name}` }
    },
  },
  {
    applies: (f) => f.kind === 'text' && f.nonEmpty,
    make: (_, __, { n }) => ({
      value: pick(EMPTY, n),
      fault: 'only spaces',
      message: 'must not be empty',
    }),
  },
  {
    applies: (f) => f.kind === 'date',
    make: (_, __, { unreal }) => ({
      value: unreal.text,
      fault: `${unreal.why}: ${unreal.text}`,
      message: 'must be a real date-time',
    }),
  },
  {
    applies: (f) => f.kind === 'date',
    make: (_, __, { misshapen }) => ({
      value: misshapen.text,
      fault: `${misshapen.why}: ${JSON.stringify(misshapen.text)}`,
      message: 'must be a real date-time',
    }),
  },
  {
    applies: (f) => f.kind === 'blockId' || f.kind === 'slug',
    make: (field, current, { n }) => {
      const kind = field.kind === 'blockId' ? 'blockId' : 'slug'
      const { text, why } = badName(current as string, n, kind)
      return { value: text, fault: `${kind === 'slug' ? 'a slug' : 'an id'} with ${why}` }
    },
  },
  {
    applies: (f) => f.kind === 'href',
    make: (_, __, { n }) => ({ value: pick(BAD_HREFS, n), fault: 'not an https URL' }),
  },
  {
    applies: (f) => f.kind === 'type',
    make: (_, __, { n }) => ({ value: pick(NOT_TYPE, n), fault: 'a type that does not exist' }),
  },
  anotherType,
  {
    applies: (f) => f.required,
    make: () => ({ value: REMOVE, fault: 'missing' }),
  },
  {
    // A story with no corrections may say so with an empty list.
    applies: (f) => f.kind === 'list' && f.item !== 'correction',
    make: () => ({ value: [], fault: 'an empty list' }),
  },
  {
    applies: (f) => f.kind === 'list',
    make: (field, current, { excess }, article) => {
      if (field.kind !== 'list') throw new Error('a list')
      const list = current as unknown[]
      const count = LIMITS[field.limit] + excess - list.length
      const padding =
        field.item === 'run'
          ? Array.from({ length: count }, () => ({ type: 'text', text: 'x' }))
          : field.item === 'correction'
            ? Array.from({ length: count }, () => ({ at: article.updatedAt, text: 'x' }))
            : freshIds(article, count).map((id) => ({ type: 'ad', id, label: 'Advertisement' }))
      return { value: [...list, ...padding], fault: `${list.length + count} items` }
    },
  },
  {
    // Runs each within their own limit, together past the paragraph's.
    applies: (f) => f.kind === 'list' && f.keys.at(-1) === 'content',
    make: (_, current, { excess, filler }) => {
      const list = current as InlineRun[]
      const total = list.reduce((sum, run) => sum + run.text.length, 0)
      const missing = LIMITS.paragraph + excess - total
      const first = Math.ceil(missing / 2)
      const extra = [first, missing - first].map((length) => ({
        type: 'text',
        text: fill('', filler, length),
      }))
      return {
        value: [...list, ...extra],
        fault: 'runs that together pass the paragraph limit',
        message: 'a paragraph holds at most',
      }
    },
  },
]

/** `article` broken in one field: a kind of fault, then a field it applies to, as `parts` says. */
function breakField(article: Article, parts: FaultParts): BrokenArticle {
  const fields = fieldsOf(article)
  const breaker = pick(BREAKERS, parts.how)
  const candidates = fields.filter(breaker.applies)
  // A story without links has no href to break: give its place to a value of another type.
  const [use, field] = candidates.length
    ? [breaker, pick(candidates, parts.field)]
    : [anotherType, pick(fields, parts.field)]
  const { value, fault, message, alsoPath } = use.make(
    field,
    get(article, field.keys),
    parts,
    article,
  )
  const path = jsonPath(field.keys)
  return {
    slug: article.slug,
    doc: setIn(article, field.keys, value),
    path,
    fault: `${path}: ${fault}`,
    ...(message !== undefined && { message }),
    ...(alsoPath !== undefined && { alsoPath }),
  }
}

/** An article broken in exactly one field: the schema must refuse it and name that field. */
export const brokenArticle: fc.Arbitrary<BrokenArticle> = fc.oneof(
  {
    weight: 49,
    arbitrary: fc.tuple(validArticle, faultParts).map(([a, parts]) => breakField(a, parts)),
  },
  // Not an article at all.
  {
    weight: 1,
    arbitrary: fc.constantFrom(...NOT_OBJECT).map((doc) => ({
      slug: 'not-an-article',
      doc,
      path: '$',
      fault: `$: ${JSON.stringify(doc)}`,
    })),
  },
)

/**
 * `article` broken across fields, in a way only the content build can see (the schema checks one
 * value at a time): a repeated block id, an entity the gazetteer lacks, a quote's attribution that
 * does not link its speaker, a slug that is not the file's name.
 */
function breakAcrossFields(article: Article, parts: FaultParts): BrokenArticle {
  const faults: (() => BrokenArticle)[] = []
  const broken = (keys: Key[], doc: unknown, fault: string, message: string): BrokenArticle => ({
    slug: article.slug,
    doc,
    path: jsonPath(keys),
    fault: `${jsonPath(keys)}: ${fault}`,
    message,
  })
  const { body } = article
  faults.push(() => {
    // A later block takes an earlier one's id; a one-block story gets a copy of its block.
    if (body.length === 1) {
      const doc = { ...article, body: [...body, structuredClone(body[0])] }
      return broken(['body', 1, 'id'], doc, 'a copy of the block', 'duplicate block id')
    }
    const first = parts.n % (body.length - 1)
    const second = first + 1 + (parts.how % (body.length - 1 - first))
    const keys = ['body', second, 'id']
    return broken(
      keys,
      setIn(article, keys, body[first]?.id),
      'a repeated id',
      'duplicate block id',
    )
  })
  const unknown = `unknown-${parts.n}`
  body.forEach((b, i) => {
    // A quote with its own attribution is left out: that would break the speaker link too.
    if (b.type === 'quote' && !b.attribution) {
      const keys = ['body', i, 'speakerId']
      faults.push(() =>
        broken(keys, setIn(article, keys, unknown), 'an unknown speaker', 'unknown entity'),
      )
    }
    if (b.type === 'quote' && b.attribution) {
      const keys = ['body', i, 'attribution']
      const others = b.attribution.map((run): InlineRun =>
        run.type === 'entity' && run.entityId === b.speakerId
          ? { type: 'text', text: run.text }
          : run,
      )
      faults.push(() =>
        broken(
          keys,
          setIn(article, keys, others),
          'no link to the speaker',
          'must link the speaker',
        ),
      )
    }
    if (b.type === 'paragraph')
      b.content.forEach((run, r) => {
        if (run.type !== 'entity') return
        const keys = ['body', i, 'content', r, 'entityId']
        faults.push(() =>
          broken(keys, setIn(article, keys, unknown), 'an unknown entity', 'unknown entity'),
        )
      })
  })
  faults.push(() =>
    broken(['slug'], { ...article, slug: `${article.slug}-x` }, 'another slug', 'must match'),
  )
  const choose = faults[parts.how % faults.length] ?? faults[0]
  if (!choose) throw new Error('every article can be broken across fields')
  return choose()
}

/** Articles broken as the content build must catch: in one field, or across fields. */
export const brokenForBuild: fc.Arbitrary<BrokenArticle> = fc.oneof(
  { weight: 2, arbitrary: brokenArticle },
  {
    weight: 1,
    arbitrary: fc.tuple(validArticle, faultParts).map(([a, p]) => breakAcrossFields(a, p)),
  },
)
