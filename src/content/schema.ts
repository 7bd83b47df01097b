// The article contract: the single source of truth for content files, the static JSON API and the
// app's types. Everything that crosses a boundary (disk, network) is parsed with these schemas.
import * as v from 'valibot'

/**
 * How long each text and list may be: generous for real copy, and a stop for a runaway field (a
 * 10 MB headline would be copied into every page that lists the story). Ingest checks wire copy
 * against the same figures.
 */
export const LIMITS = {
  headline: 200,
  standfirst: 600,
  paragraph: 5000,
  credit: 120,
  section: 60,
  quote: 2000,
  source: 200,
  linkText: 500,
  url: 2048,
  name: 120,
  description: 200,
  aliases: 30,
  runs: 500,
  blocks: 1000,
  correction: 1000,
  corrections: 50,
  reason: 500,
  role: 120,
  bio: 600,
  byline: 10,
  alt: 500,
  caption: 600,
} as const

// XML 1.0 allows tab, line feed, carriage return and every character from U+0020 except lone
// surrogates and U+FFFE/U+FFFF; feeds and sitemaps are XML, so text must hold nothing else. (With
// the u flag a surrogate pair is one character, so only a lone surrogate falls in the range.)
const NOT_IN_XML = String.raw`\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF`
const XML_TEXT = new RegExp(`^[^${NOT_IN_XML}]*$`, 'u')
/** The first character XML forbids, to name it. */
const NOT_XML = new RegExp(`[${NOT_IN_XML}]`, 'u')

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

/**
 * Whether to apply the rules that keep content sound rather than renderable: length limits,
 * characters XML forbids, and dates that exist in the calendar. The content build, the ingest tool
 * and the prerender apply them. Readers' browsers check the API's shape, which they need to render
 * (a date the browser can read included), and leave these to the build that wrote it: they would
 * cost every reader half a kilobyte (docs/decisions/014). vite.config.ts sets the constant for the
 * browser bundle only.
 */
const contentRules = typeof __BROWSER_BUNDLE__ === 'undefined'

type Limit = keyof typeof LIMITS

/** `schema`, holding at most `limit` characters or items where the rules apply. */
const atMost = <S extends v.GenericSchema<unknown, v.LengthInput>>(
  schema: S,
  limit: Limit,
): v.GenericSchema<v.InferInput<S>, v.InferOutput<S>> =>
  // The limit changes no type: the output is the schema's own.
  contentRules
    ? (v.pipe(schema, v.maxLength(LIMITS[limit])) as v.GenericSchema as v.GenericSchema<
        v.InferInput<S>,
        v.InferOutput<S>
      >)
    : schema

/** Text of at most `limit` characters, none of them one XML forbids. */
const text = (limit: Limit) =>
  contentRules
    ? v.pipe(
        v.string(),
        v.maxLength(
          LIMITS[limit],
          (issue) => `is ${issue.input.length} characters; at most ${LIMITS[limit]}`,
        ),
        v.regex(
          XML_TEXT,
          (issue) =>
            `contains ${codePoint(NOT_XML.exec(issue.input)?.[0] ?? '')}, a character feeds cannot carry`,
        ),
      )
    : v.string()

// JSON Schema has one pattern a field (the characters); it carries "not empty" as a minimum length.
const nonEmpty = (what: string, limit: Limit) =>
  contentRules
    ? v.pipe(
        text(limit),
        v.minLength(1, `${what} must not be empty`),
        v.check((value) => /\S/.test(value), `${what} must not be empty`),
      )
    : v.pipe(v.string(), v.regex(/\S/, `${what} must not be empty`))

export const SlugSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters and digits joined by hyphens'),
  v.maxLength(120),
)
export const EntityIdSchema = SlugSchema
export const BlockIdSchema = v.pipe(
  v.string(),
  v.regex(
    /^[a-z][a-z0-9-]*$/,
    'must start with a letter and use lowercase letters, digits, hyphens',
  ),
  v.maxLength(64),
)

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(?:Z|[+-](\d{2}):(\d{2}))$/

/** A date-time that names one real instant: every field in range, the day in its month. */
export function isRealDateTime(value: string): boolean {
  const parts = DATE_TIME.exec(value)
    ?.slice(1)
    .map((part: string | undefined) => Number(part ?? 0))
  if (!parts) return false
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offsetH = 0, offsetM = 0] =
    parts
  // Out-of-range fields roll over (31 February becomes 3 March): a real one comes back the same.
  // setUTCFullYear, as Date.UTC reads the years 0-99 as 1900-1999 (and 1900 was no leap year).
  const instant = new Date(Date.UTC(2000, month - 1, 1, hour, minute, second))
  instant.setUTCFullYear(year, month - 1, day)
  return (
    instant.getUTCMonth() === month - 1 &&
    instant.getUTCDate() === day &&
    instant.getUTCHours() === hour &&
    instant.getUTCMinutes() === minute &&
    offsetH <= 23 &&
    offsetM <= 59
  )
}

const DATE_TIME_MESSAGE = 'must be a real date-time with a time zone, e.g. 2025-08-15T14:00:00Z'

/** Whether the instant falls in a year of four digits in UTC, as feeds must write it. */
export const inFourDigitYear = (value: string) => {
  const year = new Date(value).getUTCFullYear()
  return year >= 0 && year <= 9999
}

export const DateTimeSchema = contentRules
  ? v.pipe(
      v.string(),
      // The shape, which JSON Schema can carry; then that it names a real instant, which it
      // cannot (a malformed date is reported once, by the shape).
      v.regex(DATE_TIME, DATE_TIME_MESSAGE),
      v.check((value) => !DATE_TIME.test(value) || isRealDateTime(value), DATE_TIME_MESSAGE),
      v.check(
        (value) => !isRealDateTime(value) || inFourDigitYear(value),
        'must fall between the years 0000 and 9999 in UTC',
      ),
    )
  : v.pipe(v.string(), v.regex(DATE_TIME, DATE_TIME_MESSAGE))

// Inline runs: a paragraph is a list of these, never an HTML string.
export const TextRunSchema = v.object({ type: v.literal('text'), text: text('paragraph') })
export const EntityRunSchema = v.object({
  type: v.literal('entity'),
  entityId: EntityIdSchema,
  text: nonEmpty('entity link text', 'linkText'),
})
export const LinkRunSchema = v.object({
  type: v.literal('link'),
  href: v.pipe(
    atMost(v.string(), 'url'),
    v.url('must be an absolute URL'),
    v.startsWith('https://', 'must use https'),
  ),
  text: nonEmpty('link text', 'linkText'),
})
export const InlineRunSchema = v.variant('type', [TextRunSchema, EntityRunSchema, LinkRunSchema])

export const ParagraphBlockSchema = v.object({
  type: v.literal('paragraph'),
  id: BlockIdSchema,
  content: atMost(
    v.pipe(
      v.array(InlineRunSchema),
      v.minLength(1, 'a paragraph needs at least one run'),
      v.check(
        (runs) =>
          !contentRules || runs.reduce((n, run) => n + run.text.length, 0) <= LIMITS.paragraph,
        contentRules
          ? `a paragraph holds at most ${LIMITS.paragraph} characters (are several run together?)`
          : '',
      ),
    ),
    'runs',
  ),
})

export const QuoteBlockSchema = v.object({
  type: v.literal('quote'),
  id: BlockIdSchema,
  /** The quoted words exactly as said, without surrounding quote marks. */
  text: nonEmpty('quote text', 'quote'),
  /** Entity id of who said it; the content build checks it exists. */
  speakerId: EntityIdSchema,
  /** Where it was said, e.g. "on Truth Social"; absent when the copy does not say. */
  source: v.optional(nonEmpty('quote source', 'source')),
  /** The copy's own attribution words ("Trump added"), shown as the caption; must link the speaker. */
  attribution: v.optional(atMost(v.pipe(v.array(InlineRunSchema), v.minLength(1)), 'runs')),
})

/**
 * The files the content build made from an image (scripts/images/renditions.ts): every width in
 * `widths`, each as `/images/<name>-<width>.<avif|webp|jpg>`; `width` x `height` is the largest.
 * Written by the build into the API, never by hand into a content file.
 */
export const RenditionSchema = v.object({
  name: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a rendition name')),
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
  widths: v.pipe(
    v.array(v.pipe(v.number(), v.integer(), v.minValue(1))),
    v.minLength(1, 'an image needs at least one rendition'),
  ),
})

const fraction = v.pipe(v.number(), v.minValue(0), v.maxValue(1))

/** A picture: its file, words for those who cannot see it, and who made it. */
const imageEntries = {
  /** A file in content/images/ (SVG, PNG, JPEG or WebP). */
  file: v.pipe(
    v.string(),
    v.regex(
      /^[a-z0-9][a-z0-9-]*\.(?:svg|png|jpe?g|webp)$/,
      'must be the name of an SVG, PNG, JPEG or WebP file in content/images/, e.g. "harbour-map.svg"',
    ),
  ),
  /** What the picture shows, for a reader who cannot see it; empty only when `decorative`. */
  alt: text('alt'),
  /** Says the picture adds nothing the text does not: screen readers skip it. */
  decorative: v.optional(v.literal(true)),
  caption: v.optional(nonEmpty('caption', 'caption')),
  credit: nonEmpty('credit', 'credit'),
  /** Where crops centre (0-1 across, 0-1 down): thumbnails keep this point in view. */
  focus: v.optional(v.object({ x: fraction, y: fraction })),
  /** The build's renditions; in the API only. */
  rendition: v.optional(RenditionSchema),
}

/**
 * The rule for alt text, which the content build and ingest apply (a block variant cannot carry a
 * rule across two fields): required, unless the image says it is decorative, when it is empty.
 */
export function altProblem(image: { alt: string; decorative?: true | undefined }) {
  if (image.decorative) {
    return image.alt === ''
      ? undefined
      : 'a decorative image has an empty alt: screen readers skip it'
  }
  return /\S/.test(image.alt)
    ? undefined
    : 'alt text is required: say what the picture shows (or mark it "decorative": true)'
}

export const ImageSchema = v.object(imageEntries)

export const ImageBlockSchema = v.object({
  type: v.literal('image'),
  id: BlockIdSchema,
  ...imageEntries,
})

export const AdBlockSchema = v.object({
  type: v.literal('ad'),
  id: BlockIdSchema,
  label: nonEmpty('ad label', 'source'),
})

// New block kinds are added here; the body renderer's exhaustive switch then fails to compile
// until a component renders them.
export const BlockSchema = v.variant('type', [
  ParagraphBlockSchema,
  QuoteBlockSchema,
  ImageBlockSchema,
  AdBlockSchema,
])

/** A correction to a published story: what was wrong, said plainly, and when it was put right. */
export const CorrectionSchema = v.object({
  at: DateTimeSchema,
  text: nonEmpty('correction', 'correction'),
})

export const ArticleSchema = v.object({
  slug: SlugSchema,
  headline: nonEmpty('headline', 'headline'),
  standfirst: nonEmpty('standfirst', 'standfirst'),
  section: nonEmpty('section', 'section'),
  publishedAt: DateTimeSchema,
  /** The last change to the story after publication; the content build checks it is not before. */
  updatedAt: v.optional(DateTimeSchema),
  credit: nonEmpty('credit', 'credit'),
  /** The picture above the story, and beside it wherever the story is listed. */
  image: v.optional(ImageSchema),
  /** Who wrote it: author ids from content/authors.json, in the byline's order. Agency copy has none. */
  byline: v.optional(
    atMost(
      v.pipe(v.array(SlugSchema), v.minLength(1, 'a byline names at least one author')),
      'byline',
    ),
  ),
  body: atMost(
    v.pipe(v.array(BlockSchema), v.minLength(1, 'an article needs at least one block')),
    'blocks',
  ),
  /** Shown at the end of the story, newest first; each sets `updatedAt`. */
  corrections: v.optional(atMost(v.array(CorrectionSchema), 'corrections')),
})

/**
 * A story taken off the site (`content/withdrawn/<slug>.json`): the whole story as it was, kept, and
 * when and why it was withdrawn. Its address answers 410 Gone with the reason; nothing lists it.
 */
// Marked pure: only the build reads these records, and the readers' bundle drops what it never uses.
export const WithdrawnStorySchema = /* @__PURE__ */ v.object({
  withdrawnAt: DateTimeSchema,
  reason: /* @__PURE__ */ nonEmpty('reason', 'reason'),
  article: ArticleSchema,
})

/** A section of the site (content/sections.json): stories name it in their `section` field. */
export const SectionSchema = v.object({
  id: SlugSchema,
  name: nonEmpty('section name', 'section'),
  description: nonEmpty('description', 'description'),
})

export const SectionsSchema = /* @__PURE__ */ v.pipe(
  v.array(SectionSchema),
  v.minLength(1, 'the site needs at least one section'),
)

/** A journalist whose name is on stories (content/authors.json). */
export const AuthorSchema = v.object({
  id: SlugSchema,
  name: nonEmpty('name', 'name'),
  role: nonEmpty('role', 'role'),
  bio: nonEmpty('bio', 'bio'),
})

export const AuthorsSchema = /* @__PURE__ */ v.array(AuthorSchema)

export const EntityKindSchema = v.picklist(['person', 'place', 'organisation'])

export const EntitySchema = v.object({
  id: EntityIdSchema,
  name: nonEmpty('name', 'name'),
  kind: EntityKindSchema,
  aliases: atMost(v.array(nonEmpty('alias', 'name')), 'aliases'),
  description: contentRules
    ? v.pipe(
        nonEmpty('description', 'description'),
        v.maxLength(LIMITS.description, 'keep the description to one line'),
      )
    : nonEmpty('description', 'description'),
})

/**
 * An entry of the gazetteer (content/entities.json): an entity, plus what ingest needs to link it.
 * `ambiguous` lists aliases that name it only in context ("Harbour Authority", a town's name that
 * is also its club's): ingest links one only once the story has named the entity in full or by a
 * distinctive alias. Read by the build and ingest alone (pure, as above); readers never see it.
 */
// Field by field, not a spread of EntitySchema's: `ambiguous` sits beside the aliases it marks, and
// the entities command writes new entries in this order.
export const GazetteerEntrySchema = /* @__PURE__ */ v.object({
  id: EntityIdSchema,
  name: EntitySchema.entries.name,
  kind: EntityKindSchema,
  aliases: EntitySchema.entries.aliases,
  ambiguous: /* @__PURE__ */ v.optional(EntitySchema.entries.aliases),
  description: EntitySchema.entries.description,
})

export const GazetteerSchema = /* @__PURE__ */ v.array(GazetteerEntrySchema)

// ---- The static JSON API (what the content build writes and the app reads) ----

/** A story's lead image as lists show it: a thumbnail, cropped around its focus. */
export const ThumbnailSchema = v.object({
  alt: v.string(),
  focus: v.optional(v.object({ x: fraction, y: fraction })),
  rendition: RenditionSchema,
})

export const ArticleSummarySchema = v.object({
  slug: SlugSchema,
  headline: v.string(),
  standfirst: v.string(),
  section: v.string(),
  publishedAt: DateTimeSchema,
  updatedAt: v.optional(DateTimeSchema),
  image: v.optional(ThumbnailSchema),
})

const pageOf = <T extends v.GenericSchema>(item: T) =>
  v.object({
    /**
     * Page 1 has the newest stories; the pages after it are numbered from the oldest, so that a
     * full page never changes (scripts/content/build.ts, paginate).
     */
    page: v.pipe(v.number(), v.integer(), v.minValue(1)),
    /** How many stories the list has: on page 1 alone. */
    totalItems: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    /** The page of the next older stories; none on the oldest. */
    older: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2))),
    /** The page of the next newer stories; none on page 1. */
    newer: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    items: v.array(item),
  })

export const ArticlePageSchema = pageOf(ArticleSummarySchema)

export const ArticleDocumentSchema = v.object({
  article: ArticleSchema,
  /** Every entity the article links or quotes, in order of first appearance. */
  entities: v.array(EntitySchema),
  related: v.array(ArticleSummarySchema),
  /** The byline's authors, in its order (none for agency copy; absent in files built before). */
  authors: v.optional(v.array(AuthorSchema), []),
})

/** The front page: the lead story, then each section's latest stories (the lead not among them). */
export const FrontSchema = v.object({
  lead: v.optional(ArticleSummarySchema),
  sections: v.array(
    v.object({ id: SlugSchema, name: v.string(), items: v.array(ArticleSummarySchema) }),
  ),
})

/** A page of a section's stories, newest first, with the section itself. */
export const SectionStoriesPageSchema = v.object({
  section: SectionSchema,
  ...pageOf(ArticleSummarySchema).entries,
})

/** A page of an author's stories, newest first, with who they are. */
export const AuthorStoriesPageSchema = v.object({
  author: AuthorSchema,
  ...pageOf(ArticleSummarySchema).entries,
})

/** What a withdrawn story's address says: that it was withdrawn, when and why; not what it said. */
export const WithdrawalSchema = v.object({
  slug: SlugSchema,
  withdrawnAt: DateTimeSchema,
  reason: v.string(),
})

export const EntityQuoteSchema = v.object({
  quoteId: BlockIdSchema,
  text: v.string(),
  source: v.optional(v.string()),
  article: ArticleSummarySchema,
})

export const EntityDocumentSchema = v.object({
  entity: EntitySchema,
})

/**
 * A page of the stories that mention an entity, with the entity's quotes from those stories: quotes
 * page along with their stories, so no file grows with an entity's fame.
 */
export const EntityStoriesPageSchema = v.object({
  ...pageOf(ArticleSummarySchema).entries,
  quotes: v.array(EntityQuoteSchema),
  /** Quotes across all pages: on the first page alone, as the count of stories is. */
  totalQuotes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
})

export type InlineRun = v.InferOutput<typeof InlineRunSchema>
export type ParagraphBlock = v.InferOutput<typeof ParagraphBlockSchema>
export type QuoteBlock = v.InferOutput<typeof QuoteBlockSchema>
export type AdBlock = v.InferOutput<typeof AdBlockSchema>
export type ImageBlock = v.InferOutput<typeof ImageBlockSchema>
export type Image = v.InferOutput<typeof ImageSchema>
export type Rendition = v.InferOutput<typeof RenditionSchema>
export type Thumbnail = v.InferOutput<typeof ThumbnailSchema>
export type Block = v.InferOutput<typeof BlockSchema>
export type Article = v.InferOutput<typeof ArticleSchema>
export type Correction = v.InferOutput<typeof CorrectionSchema>
export type WithdrawnStory = v.InferOutput<typeof WithdrawnStorySchema>
export type Withdrawal = v.InferOutput<typeof WithdrawalSchema>
export type Entity = v.InferOutput<typeof EntitySchema>
export type Section = v.InferOutput<typeof SectionSchema>
export type Author = v.InferOutput<typeof AuthorSchema>
export type Front = v.InferOutput<typeof FrontSchema>
export type SectionStoriesPage = v.InferOutput<typeof SectionStoriesPageSchema>
export type AuthorStoriesPage = v.InferOutput<typeof AuthorStoriesPageSchema>
export type EntityKind = v.InferOutput<typeof EntityKindSchema>
export type GazetteerEntry = v.InferOutput<typeof GazetteerEntrySchema>
export type ArticleSummary = v.InferOutput<typeof ArticleSummarySchema>
export type ArticlePage = v.InferOutput<typeof ArticlePageSchema>
export type ArticleDocument = v.InferOutput<typeof ArticleDocumentSchema>
export type EntityQuote = v.InferOutput<typeof EntityQuoteSchema>
export type EntityDocument = v.InferOutput<typeof EntityDocumentSchema>
export type EntityStoriesPage = v.InferOutput<typeof EntityStoriesPageSchema>
