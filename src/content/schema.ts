// The article contract: the single source of truth for content files, the static JSON API and the
// app's types. Everything that crosses a boundary (disk, network) is parsed with these schemas.
import * as v from 'valibot'

const nonEmpty = (what: string) => v.pipe(v.string(), v.regex(/\S/, `${what} must not be empty`))

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
)
export const DateTimeSchema = v.pipe(
  v.string(),
  v.isoTimestamp('must be an ISO 8601 date-time with a time zone, e.g. 2025-08-15T14:00:00Z'),
)

// Inline runs: a paragraph is a list of these, never an HTML string.
export const TextRunSchema = v.object({ type: v.literal('text'), text: v.string() })
export const EntityRunSchema = v.object({
  type: v.literal('entity'),
  entityId: EntityIdSchema,
  text: nonEmpty('entity link text'),
})
export const LinkRunSchema = v.object({
  type: v.literal('link'),
  href: v.pipe(
    v.string(),
    v.url('must be an absolute URL'),
    v.startsWith('https://', 'must use https'),
  ),
  text: nonEmpty('link text'),
})
export const InlineRunSchema = v.variant('type', [TextRunSchema, EntityRunSchema, LinkRunSchema])

export const ParagraphBlockSchema = v.object({
  type: v.literal('paragraph'),
  id: BlockIdSchema,
  content: v.pipe(v.array(InlineRunSchema), v.minLength(1, 'a paragraph needs at least one run')),
})

export const QuoteBlockSchema = v.object({
  type: v.literal('quote'),
  id: BlockIdSchema,
  /** The quoted words exactly as said, without surrounding quote marks. */
  text: nonEmpty('quote text'),
  /** Entity id of who said it; the content build checks it exists. */
  speakerId: EntityIdSchema,
  /** Where it was said, e.g. "on Truth Social"; absent when the copy does not say. */
  source: v.optional(nonEmpty('quote source')),
  /** The copy's own attribution words ("Trump added"), shown as the caption; must link the speaker. */
  attribution: v.optional(v.pipe(v.array(InlineRunSchema), v.minLength(1))),
})

export const AdBlockSchema = v.object({
  type: v.literal('ad'),
  id: BlockIdSchema,
  label: nonEmpty('ad label'),
})

// New block kinds are added here; the body renderer's exhaustive switch then fails to compile
// until a component renders them.
export const BlockSchema = v.variant('type', [
  ParagraphBlockSchema,
  QuoteBlockSchema,
  AdBlockSchema,
])

export const ArticleSchema = v.object({
  slug: SlugSchema,
  headline: nonEmpty('headline'),
  standfirst: nonEmpty('standfirst'),
  section: nonEmpty('section'),
  publishedAt: DateTimeSchema,
  updatedAt: v.optional(DateTimeSchema),
  credit: nonEmpty('credit'),
  body: v.pipe(v.array(BlockSchema), v.minLength(1, 'an article needs at least one block')),
})

export const EntityKindSchema = v.picklist(['person', 'place', 'organisation'])

export const EntitySchema = v.object({
  id: EntityIdSchema,
  name: nonEmpty('name'),
  kind: EntityKindSchema,
  aliases: v.array(nonEmpty('alias')),
  description: v.pipe(
    nonEmpty('description'),
    v.maxLength(200, 'keep the description to one line'),
  ),
})

export const GazetteerSchema = v.array(EntitySchema)

// ---- The static JSON API (what the content build writes and the app reads) ----

export const ArticleSummarySchema = v.object({
  slug: SlugSchema,
  headline: v.string(),
  standfirst: v.string(),
  section: v.string(),
  publishedAt: DateTimeSchema,
})

const pageOf = <T extends v.GenericSchema>(item: T) =>
  v.object({
    page: v.pipe(v.number(), v.integer(), v.minValue(1)),
    totalPages: v.pipe(v.number(), v.integer(), v.minValue(1)),
    totalItems: v.pipe(v.number(), v.integer(), v.minValue(0)),
    items: v.array(item),
  })

export const ArticlePageSchema = pageOf(ArticleSummarySchema)

export const ArticleDocumentSchema = v.object({
  article: ArticleSchema,
  /** Every entity the article links or quotes, in order of first appearance. */
  entities: v.array(EntitySchema),
  related: v.array(ArticleSummarySchema),
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
  /** Quotes across all pages. */
  totalQuotes: v.pipe(v.number(), v.integer(), v.minValue(0)),
})

export type InlineRun = v.InferOutput<typeof InlineRunSchema>
export type ParagraphBlock = v.InferOutput<typeof ParagraphBlockSchema>
export type QuoteBlock = v.InferOutput<typeof QuoteBlockSchema>
export type AdBlock = v.InferOutput<typeof AdBlockSchema>
export type Block = v.InferOutput<typeof BlockSchema>
export type Article = v.InferOutput<typeof ArticleSchema>
export type Entity = v.InferOutput<typeof EntitySchema>
export type EntityKind = v.InferOutput<typeof EntityKindSchema>
export type ArticleSummary = v.InferOutput<typeof ArticleSummarySchema>
export type ArticlePage = v.InferOutput<typeof ArticlePageSchema>
export type ArticleDocument = v.InferOutput<typeof ArticleDocumentSchema>
export type EntityQuote = v.InferOutput<typeof EntityQuoteSchema>
export type EntityDocument = v.InferOutput<typeof EntityDocumentSchema>
export type EntityStoriesPage = v.InferOutput<typeof EntityStoriesPageSchema>
