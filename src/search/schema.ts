// The search index's files, which the content build writes beside the API and the search page
// reads (the site map declares them: src/app/siteMap.ts). Words are compared folded
// (src/search/words.ts); documents are numbered, entities first, then stories oldest first, so a
// new story takes the next number and changes only the files its words are in.
import * as v from 'valibot'
import { ArticleSummarySchema, EntityKindSchema, EntitySchema } from '../content/schema'

/** What a document is: a story in a section, or a kind of entity. Results are filtered by these. */
export const SearchGroupSchema = v.variant('kind', [
  v.object({ kind: v.literal('story'), section: v.string() }),
  v.object({ kind: EntityKindSchema }),
])

export const SearchManifestSchema = v.object({
  /** How many documents the index holds. */
  docs: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Documents per file of search/docs/. */
  blockSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
  groups: v.array(SearchGroupSchema),
  /** How many documents each group has, at the same index. */
  counts: v.array(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Documents per file of search/groups/ (SearchGroupsSchema). */
  groupsSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** The word prefixes the terms files are split by, sorted; a word is in its longest prefix's. */
  shards: v.array(v.string()),
  /**
   * The words in so many documents that their lists are cut by document range into parts
   * (SearchPartSchema) instead of standing in a terms file; absent when there are none. A new
   * document changes only the last part of each, an edit the part that holds it, and a query
   * with a rarer word fetches only the parts where that word's documents are.
   */
  long: v.optional(
    v.object({
      /** Documents per part: part k holds documents k × partSize to (k + 1) × partSize − 1. */
      partSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
      /** The words, sorted. */
      words: v.array(v.string()),
      /** For each word, at the same index: [number of documents, the parts it has…]. */
      parts: v.array(v.array(v.number())),
    }),
  ),
})

/**
 * A terms file: its words, and for each (at the same index) its documents and how much the word
 * weighs in each (a headline more than a paragraph), as [number of documents, first document, its
 * weight, gap to the next, its weight…]. Two lists rather than a record: the readers' bundle
 * already has every check they need.
 */
export const SearchTermsSchema = v.object({
  words: v.array(v.string()),
  postings: v.array(v.array(v.number())),
})

/** One part of a long word's list: encoded as a terms file's lists are, the first document counted from 0. */
export const SearchPartSchema = v.object({ postings: v.array(v.number()) })

/**
 * The groups of a range of documents, file k holding documents k × groupsSize onwards: one
 * character per document, its group `groups[code - GROUP_CODE_BASE]` in the manifest. A new
 * document changes only the last file, and a query reads only the files its results are in.
 */
export const SearchGroupsSchema = v.object({ codes: v.string() })

/** What a result shows: a story's summary, or an entity's name and description. */
export const SearchItemSchema = v.variant('kind', [
  v.object({ kind: v.literal('story'), ...ArticleSummarySchema.entries }),
  v.object({
    kind: EntityKindSchema,
    id: EntitySchema.entries.id,
    name: v.string(),
    description: v.string(),
  }),
])

/** A block of results' summaries: `null` where a withdrawn story keeps its number. */
export const SearchDocsSchema = v.object({ items: v.array(v.nullable(SearchItemSchema)) })

/** The first group code: a letter that needs no escaping in JSON. */
export const GROUP_CODE_BASE = 0x100

/**
 * A prefix or a word as a file name (its terms file, its parts' folder): letters a–z and digits
 * as they are, anything else (Cyrillic, Greek) as its code point between underscores, so every
 * name is a plain URL path.
 */
export const shardFile = (prefix: string) =>
  Array.from(prefix)
    .map((c) => (/[a-z0-9]/.test(c) ? c : `_${c.codePointAt(0)?.toString(36)}_`))
    .join('')

export type SearchGroup = v.InferOutput<typeof SearchGroupSchema>
export type SearchManifest = v.InferOutput<typeof SearchManifestSchema>
export type SearchTerms = v.InferOutput<typeof SearchTermsSchema>
export type SearchGroups = v.InferOutput<typeof SearchGroupsSchema>
export type SearchPart = v.InferOutput<typeof SearchPartSchema>
export type SearchItem = v.InferOutput<typeof SearchItemSchema>
export type SearchDocs = v.InferOutput<typeof SearchDocsSchema>
