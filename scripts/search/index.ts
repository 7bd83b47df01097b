// The search index, written by the content build beside the API (docs/decisions/019): a manifest,
// the words split into files by prefix, and the documents' result summaries in blocks. A reader's
// first one-word query fetches the manifest, one terms file and the blocks of the results shown.
import transliterate from '@sindresorhus/transliterate'
import { apiFiles } from '../../src/app/siteMap'
import * as v from 'valibot'
import type { Article, Entity, InlineRun } from '../../src/content/schema'
import {
  GROUP_CODE_BASE,
  shardFile,
  type SearchDocs,
  type SearchGroup,
  type SearchGroups,
  type SearchItem,
  type SearchManifest,
  type SearchPart,
  type SearchTerms,
} from '../../src/search/schema'
import { words } from '../../src/search/words'
import { sortDated } from '../lib/dated'
import { lowerBound } from '../lib/lowerBound'

/** Documents per file of search/docs/. */
export const BLOCK_SIZE = 32
/** The largest a terms file may grow (characters of JSON) before it is split by a longer prefix. */
export const SHARD_LIMIT = 24_000

/** How the index is cut by document range: the commonest words' lists, the documents' groups. */
export interface SearchLayout {
  /** A word in at least this many documents has its list in parts, not in a terms file. */
  longDocs: number
  /** Documents per part. */
  partSize: number
  /** Documents per file of their groups (search/groups/). */
  groupsSize: number
}

/**
 * A list of 2,048 documents is about 15 KB; a part of a word in every document about 35 KB, its
 * gzip about 7 KB. A common word's list whole was 476 KB at 100,000 stories, rewritten by every
 * story published or edited that has the word. A file of groups is 64 KB (two bytes a document),
 * so a query with results everywhere fetches four at 100,000 stories.
 */
export const LAYOUT: SearchLayout = { longDocs: 2048, partSize: 8192, groupsSize: 32_768 }

// How much a word weighs where it stands. A headline or a name is what a search is most often for.
const WEIGHT = { title: 10, name: 8, standfirst: 3, section: 2, text: 1 } as const
type Field = keyof typeof WEIGHT

const runsText = (runs: readonly InlineRun[]) => runs.map((run) => run.text).join('')

/** A document's text by field, in the order a reader meets it. */
function storyFields(article: Article): [Field, string][] {
  const fields: [Field, string][] = [
    ['title', article.headline],
    ['standfirst', article.standfirst],
    ['section', article.section],
  ]
  for (const block of article.body) {
    if (block.type === 'paragraph') fields.push(['text', runsText(block.content)])
    if (block.type === 'quote') fields.push(['text', `${block.text} ${block.source ?? ''}`])
  }
  fields.push(['text', article.credit])
  return fields
}

const entityFields = (entity: Entity): [Field, string][] => [
  ['title', entity.name],
  ['name', entity.aliases.join(' ')],
  ['text', entity.description],
]

/**
 * A document's words and their weights. A word written in another script also counts under its
 * Latin spelling (Мирослава as miroslava): a reader may type either.
 */
function weigh(fields: [Field, string][]): Map<string, number> {
  const weights = new Map<string, number>()
  const add = (word: string, weight: number) =>
    weights.set(word, Math.min(255, (weights.get(word) ?? 0) + weight))
  for (const [field, text] of fields) {
    for (const word of words(text)) {
      add(word, WEIGHT[field])
      if (/[^\p{Script=Latin}\p{N}]/u.test(word))
        for (const latin of words(transliterate(word))) add(latin, WEIGHT[field])
    }
  }
  return weights
}

/** A word's first letters: the terms files of one prefix never hold another prefix's words. */
const prefixOf = (word: string, length = 2) => Array.from(word).slice(0, length).join('')

/**
 * The prefix files a set of words is split into, each under SHARD_LIMIT where a longer one helps.
 * How a two-letter prefix's words are split depends on those words alone: an update can split
 * again the prefixes whose words changed and keep the others' files (patchSearchIndex).
 */
function shard<List>(
  terms: Map<string, List>,
  length: number,
  sizes: ReadonlyMap<string, number>,
): Map<string, Map<string, List>> {
  const words = [...terms.keys()]
  const shards = new Map<string, Map<string, List>>()
  for (const [prefix, places] of shardWords(words, length, (at) => sizes.get(words[at] ?? '') ?? 0))
    shards.set(
      prefix,
      new Map(places.map((at) => [words[at] ?? '', terms.get(words[at] ?? '') as List])),
    )
  return shards
}

/**
 * The same split, of `words` by their places in it, each word's size asked for by its place: a
 * full build's words are a million or more at a million stories, and a map of them, and another of
 * each prefix's, were 60 MB of its heap as its index was written (docs/decisions/071).
 */
function shardWords(
  words: readonly string[],
  length: number,
  sizeOf: (at: number) => number,
  places: readonly number[] = words.map((_, at) => at),
): Map<string, number[]> {
  const groups = new Map<string, number[]>()
  for (const at of places) {
    const prefix = prefixOf(words[at] ?? '', length)
    let group = groups.get(prefix)
    if (!group) groups.set(prefix, (group = []))
    group.push(at)
  }
  const shards = new Map<string, number[]>()
  const longerThan = (at: number) => Array.from(words[at] ?? '').length > length
  for (const [prefix, group] of groups) {
    let size = 0
    for (const at of group) size += sizeOf(at)
    // Words as long as the prefix stay with it; longer ones go one letter further.
    const longer = group.filter(longerThan)
    if (size <= SHARD_LIMIT || longer.length === 0) {
      shards.set(prefix, group)
      continue
    }
    const own = group.filter((at) => !longerThan(at))
    if (own.length > 0) shards.set(prefix, own)
    for (const [deeper, rest] of shardWords(words, length + 1, sizeOf, longer))
      shards.set(deeper, rest)
  }
  return shards
}

/**
 * What a word and its documents take in a terms file, in bytes: `"word",` and `[…],`. A terms
 * file is TERMS_FILE_BYTES more than its words' sizes, so a file's size on disk says how big its
 * part of the index is without reading it (patchSearchIndex).
 */
export const termSize = (word: string, postings: Postings) => {
  // `postings.join(',').length`, counted without making the string: a common word's list is
  // hundreds of KB at 100,000 stories, and a patch sizes it several times.
  let length = Math.max(0, postings.length - 1)
  for (let n of postings) {
    length++
    while (n >= 10) {
      n = Math.floor(n / 10)
      length++
    }
  }
  return Buffer.byteLength(JSON.stringify(word)) + length + 4
}

/** `{"words":[],"postings":[]}` less the two commas its first word does not need. */
export const TERMS_FILE_BYTES = 24

/**
 * A document and a word's weight in it as one number, `doc * 256 + weight` (weights are at most
 * 255): an index of 100,000 stories holds tens of millions of them, and one number each takes half
 * the memory of a pair. In document order, they sort as numbers.
 */
const posting = (doc: number, weight: number) => doc * 256 + weight
const docOf = (posting: number) => Math.floor(posting / 256)
const weightOf = (posting: number) => posting % 256

/** A word's documents as [count, first, weight, gap, weight…], from its postings in order. */
function encode(postings: Postings): number[] {
  const out = [postings.length]
  let last = 0
  for (const value of postings) {
    const doc = docOf(value)
    out.push(doc - last, weightOf(value))
    last = doc
  }
  return out
}

/**
 * A word's encoding with the `changed` documents' postings taken out and `adding` (postings of
 * changed documents, in order) put in: `encode` of the merged postings, made in one pass over the
 * encoding. A common word's list holds most documents, and a change touches a few of them: the
 * pairs before the first and after the last changed document are copied as they are.
 */
function patchPostings(
  list: readonly number[] | undefined,
  changed: ReadonlySet<number>,
  adding: readonly number[],
): number[] | undefined {
  const docs = [...changed]
  const low = Math.min(...docs)
  const high = Math.max(...docs)
  const pairs = list && list.length >= 3 ? list : [0]
  // The pairs before the first changed document.
  let doc = 0
  let i = 1
  while (i + 1 < pairs.length && doc + (pairs[i] ?? 0) < low) {
    doc += pairs[i] ?? 0
    i += 2
  }
  const out = pairs.slice(0, i)
  let last = doc
  const put = (at: number, weight: number) => {
    out.push(at - last, weight)
    last = at
  }
  // The changed documents' span, merged.
  let a = 0
  const add = (below: number) => {
    for (; a < adding.length && docOf(adding[a] ?? 0) < below; a++)
      put(docOf(adding[a] ?? 0), weightOf(adding[a] ?? 0))
  }
  for (; i + 1 < pairs.length && doc + (pairs[i] ?? 0) <= high; i += 2) {
    doc += pairs[i] ?? 0
    add(doc)
    if (!changed.has(doc)) put(doc, pairs[i + 1] ?? 0)
  }
  add(Infinity)
  // The pairs after it: the first one's gap from the last document written, the rest as they are.
  if (i + 1 < pairs.length) {
    put(doc + (pairs[i] ?? 0), pairs[i + 1] ?? 0)
    for (let j = i + 2; j < pairs.length; j++) out.push(pairs[j] ?? 0)
  }
  out[0] = (out.length - 1) / 2
  return out.length > 1 ? out : undefined
}

/** A word's postings from a terms file's encoding. */
function decode(encoded: readonly number[]): number[] {
  const postings: number[] = []
  let doc = 0
  for (let i = 1; i + 1 < encoded.length; i += 2) {
    doc += encoded[i] ?? 0
    postings.push(posting(doc, encoded[i + 1] ?? 0))
  }
  return postings
}

/**
 * A document of the index: what its result shows, and its group. A withdrawn story's document is
 * empty (`null`) and matches no word: it keeps its number, so the documents after it keep theirs,
 * and withdrawing a story rewrites only its block and the files of its words.
 */
interface IndexDoc {
  item: SearchItem | null
  group: SearchGroup
}

/**
 * A document as an index holds it: a full build's story is its summary (`Shown`), whose fields its
 * result shows, taken from it when its block of documents is written; or a number, which the
 * index's `shown` makes that summary from when it is needed. A full build's summaries keep their
 * words out of its heap (docs/decisions/057), and a document of two objects more for each story
 * was 8 MB of it at 100,000 stories; a summary's own object a story, held to the index's end, was
 * tens of MB at a million (docs/decisions/071).
 */
type HeldDoc = IndexDoc | Shown | number

const isShown = (doc: IndexDoc | Shown): doc is Shown => !('group' in doc)
/** A held document's group, and the item its result shows. */
const groupOf = (doc: IndexDoc | Shown): SearchGroup =>
  isShown(doc) ? storyGroup(doc.section) : doc.group
const itemOf = (doc: IndexDoc | Shown): SearchItem | null =>
  isShown(doc) ? presentDoc(doc).item : doc.item

/** A withdrawn story, where the index keeps its place. */
export interface WithdrawnPlace {
  slug: string
  publishedAt: string
  section: string
}

const isWithdrawn = (story: Article | WithdrawnPlace): story is WithdrawnPlace => !('body' in story)

/**
 * The index before it is cut into files: its documents in order, and each word's postings (each
 * a document and the word's weight in it, `posting`) in document order.
 */
export interface SearchIndex extends BuiltIndex {
  postings: Map<string, Postings>
}

/** An index as its files are made from it: each word's postings read when its file is made. */
export interface BuiltIndex {
  docs: HeldDoc[]
  postings: PostingsSource
  /** The summary a document held as a number stands for. */
  shown?: (held: number) => Shown
}

/** A word's postings in document order: a common word's packed (`PostingsBuilder`). */
export type Postings = readonly number[] | Int32Array

/** Each word's postings, read when asked for: from the heap, or from runs on disk. */
export interface PostingsSource {
  keys(): Iterable<string>
  get(word: string): Postings | undefined
}

/** From this many postings, a word's list is packed. */
const PACK_FROM = 256

/** Where an index's postings go as its documents are added, and what reads them after. */
interface PostingsSink<Source extends PostingsSource> {
  put(word: string, value: number): void
  done(): Source
}

/**
 * Words' postings as they are added, in the heap (a full build's wait on disk instead:
 * `PostingsRuns`), each list in document order. Most of an index's postings are its few common
 * words' (at 10,000 stories, 91 % are those of the 99 words in 1,000 stories or more): from
 * PACK_FROM on, a list is kept in an Int32Array, 4 bytes a posting against the 8 of a JS array's
 * number. (`doc * 256 + weight` fits 32 bits for 8 million documents.)
 */
export class PostingsBuilder implements PostingsSink<Map<string, Postings>> {
  private readonly lists = new Map<string, number[] | { packed: Int32Array; length: number }>()

  put(word: string, value: number) {
    const list = this.lists.get(word)
    if (!list) this.lists.set(word, [value])
    else if (Array.isArray(list)) {
      if (list.length < PACK_FROM) list.push(value)
      else {
        const packed = new Int32Array(list.length * 2)
        packed.set(list)
        packed[list.length] = value
        this.lists.set(word, { packed, length: list.length + 1 })
      }
    } else {
      if (list.length === list.packed.length) {
        const grown = new Int32Array(Math.ceil(list.length * 1.5))
        grown.set(list.packed)
        list.packed = grown
      }
      list.packed[list.length++] = value
    }
  }

  /**
   * Each word's list, a packed one as a view of its length: a copy cut to length would hold the
   * index's postings twice while it was made, at the full build's busiest moment.
   */
  done(): Map<string, Postings> {
    const postings = new Map<string, Postings>()
    for (const [word, list] of this.lists)
      postings.set(word, Array.isArray(list) ? list : list.packed.subarray(0, list.length))
    this.lists.clear()
    return postings
  }
}

const entityDoc = (entity: Entity): IndexDoc => ({
  item: { kind: entity.kind, id: entity.id, name: entity.name, description: entity.description },
  group: { kind: entity.kind },
})

/** The group of a section's stories. */
const storyGroup = (section: string): SearchGroup => ({ kind: 'story', section })

const storyDoc = (
  article: Article | WithdrawnPlace,
  group = storyGroup(article.section),
): IndexDoc => (isWithdrawn(article) ? { item: null, group } : presentDoc(article, group))

/** What a story's search result shows: the story's own, or the same fields of its summary. */
type Shown = Pick<Article, 'slug' | 'headline' | 'standfirst' | 'section' | 'publishedAt'>

const presentDoc = (
  article: Shown,
  group = storyGroup(article.section),
): IndexDoc & { item: SearchItem } => ({
  item: {
    kind: 'story',
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    section: article.section,
    publishedAt: article.publishedAt,
  },
  group,
})

/** What the index takes from a story: two stories with the same key index the same. */
export const storySearchKey = (article: Article) =>
  JSON.stringify([presentDoc(article), storyFields(article)])

/** The words a story adds to the index: none for a withdrawn one. */
const wordsOf = (story: Article | WithdrawnPlace) =>
  isWithdrawn(story) ? new Map<string, number>() : weigh(storyFields(story))

/**
 * The index of these entities and stories (stories in any order): entities first, in the
 * gazetteer's order, then stories oldest first, so a new story takes the next number. Withdrawn
 * stories keep their places, empty.
 */
export function buildSearchIndex(
  entities: readonly Entity[],
  stories: readonly Article[],
  withdrawn: readonly WithdrawnPlace[] = [],
): SearchIndex {
  const builder = searchIndexBuilder(entities, new PostingsBuilder())
  for (const story of sortDated([...stories, ...withdrawn], (s) => s, 'oldest first'))
    builder.add(story)
  return builder.index()
}

/**
 * The same index built one story at a time, each given in the index's order (oldest first): a
 * full build adds each story as it writes its page, and holds no story after that.
 */
export function searchIndexBuilder<Source extends PostingsSource>(
  entities: readonly Entity[],
  postings: PostingsSink<Source>,
  /** The summary of a story added with a number as what it shows. */
  shown?: (held: number) => Shown,
) {
  const docs: HeldDoc[] = entities.map(entityDoc)
  const add = (doc: number, weights: ReadonlyMap<string, number>) => {
    for (const [word, weight] of weights) postings.put(word, posting(doc, weight))
  }
  entities.forEach((entity, doc) => add(doc, weigh(entityFields(entity))))
  // One group object for each section's stories, not one a story.
  const groups = new Map<string, SearchGroup>()
  const groupFor = (section: string) => {
    let group = groups.get(section)
    if (!group) groups.set(section, (group = storyGroup(section)))
    return group
  }
  return {
    /**
     * The next story; with `summary`, its result shows that summary's fields (the same words),
     * taken from it when the index is written, rather than copies of them from the story's file.
     * A number is held as it is, and made into its summary by `shown` then.
     */
    add(story: Article | WithdrawnPlace, summary?: Shown | number) {
      if (typeof summary === 'number' && !shown) throw new Error('no summary for a number')
      add(docs.length, wordsOf(story))
      docs.push(
        summary !== undefined && !isWithdrawn(story)
          ? summary
          : storyDoc(story, groupFor(story.section)),
      )
    },
    /** The index, once every story is added. */
    index: (): BuiltIndex & { postings: Source } => ({
      docs,
      postings: postings.done(),
      ...(shown ? { shown } : {}),
    }),
  }
}

/**
 * The same index after some stories changed, were added, withdrawn or deleted, without reading the
 * others. `removed` are the deleted stories' document numbers in `index`; the stories after each
 * move up, so the numbers stay in the index's order. `changed` maps each changed, added or
 * withdrawn story's number, after the removal, to its new text (a withdrawn one keeps its place,
 * empty); new ones follow the last. Exactly what buildSearchIndex gives for the new content
 * (scripts/search/index.test.ts).
 */
export function updateSearchIndex(
  index: SearchIndex,
  changed: ReadonlyMap<number, Article | WithdrawnPlace>,
  removed: ReadonlySet<number> = new Set(),
) {
  // Each document's number after the removal (-1: gone).
  const renumber: number[] = []
  let gone = 0
  for (let doc = 0; doc < index.docs.length; doc++) {
    if (removed.has(doc)) gone++
    renumber.push(removed.has(doc) ? -1 : doc - gone)
  }
  const docs = index.docs.filter((_, doc) => !removed.has(doc))
  const postings = new Map<string, number[]>()
  for (const [word, list] of index.postings) {
    const kept: number[] = []
    for (const value of list) {
      const doc = renumber[docOf(value)] ?? -1
      if (doc >= 0 && !changed.has(doc)) kept.push(posting(doc, weightOf(value)))
    }
    if (kept.length > 0) postings.set(word, kept)
  }
  const touched = new Set<string>()
  for (const [doc, article] of [...changed].sort(([a], [b]) => a - b)) {
    docs[doc] = storyDoc(article)
    for (const [word, weight] of wordsOf(article)) {
      let list = postings.get(word)
      if (!list) postings.set(word, (list = []))
      list.push(posting(doc, weight))
      touched.add(word)
    }
  }
  // Back into document order where a changed story's number is below others'.
  for (const word of touched) postings.get(word)?.sort((a, b) => a - b)
  return { docs, postings }
}

// Groups in one order whatever the documents' order: entity kinds, then sections by name.
const KIND_ORDER = ['person', 'place', 'organisation', 'story']
const groupKey = (group: SearchGroup) =>
  `${KIND_ORDER.indexOf(group.kind)}:${group.kind === 'story' ? group.section : ''}`

const termsFile = (prefix: string) => apiFiles.searchTerms.file.fill({ shard: shardFile(prefix) })
const partFile = (word: string, part: number) =>
  apiFiles.searchPart.file.fill({ word: shardFile(word), part: String(part) })
const groupsFile = (range: number) => apiFiles.searchGroups.file.fill({ range: String(range) })
const docsFile = (block: number) => apiFiles.searchDocs.file.fill({ block: String(block) })
const manifestFile = () => apiFiles.searchIndex.file.fill({})

/** The index's files (API path -> JSON value). */
export const searchIndexFiles = (index: SearchIndex, layout = LAYOUT): Map<string, unknown> =>
  new Map(searchIndexEntries(index, layout))

/**
 * The index's files one at a time, each made as it is asked for: a full build writes each before
 * the next is made, and never holds the encoded index whole beside the index (hundreds of MB at
 * 100,000 stories). Terms files list their words in sorted order.
 */
export function* searchIndexEntries(
  { docs, postings, shown }: BuiltIndex,
  layout: SearchLayout = LAYOUT,
): Generator<[string, unknown]> {
  // A document held as a number made into its summary as each block is written, and let go.
  const docAt = (doc: HeldDoc) => {
    if (typeof doc !== 'number') return doc
    if (!shown)
      throw new Error(`the index holds document ${doc} as a number, and no summary for it`)
    return shown(doc)
  }
  const byKey = new Map<string, SearchGroup>()
  for (const doc of docs) {
    const group = groupOf(docAt(doc))
    const key = groupKey(group)
    if (!byKey.has(key)) byKey.set(key, group)
  }
  const keys = [...byKey.keys()].sort()
  const groups = keys.map((key) => byKey.get(key) as SearchGroup)

  // Each word's size is that of its encoding, which is made again when its file is: the lists are
  // read once to size them and once to write them, and never held all at once.
  const short: string[] = []
  const sizes: number[] = []
  const long: string[] = []
  for (const word of [...postings.keys()].sort()) {
    const list = postings.get(word) ?? []
    if (list.length >= layout.longDocs) long.push(word)
    else {
      short.push(word)
      sizes.push(termSize(word, encode(list)))
    }
  }
  const shards = shardWords(short, 2, (at) => sizes[at] ?? 0)
  for (const [prefix, places] of shards) {
    const words = places.map((at) => short[at] ?? '')
    yield [
      termsFile(prefix),
      {
        words,
        postings: words.map((word) => encode(postings.get(word) ?? [])),
      } satisfies SearchTerms,
    ]
  }
  const parts: number[][] = []
  for (const word of long) {
    const list = postings.get(word) ?? []
    const entry = [list.length]
    for (const [part, slice] of partsOf(list, layout.partSize)) {
      entry.push(part)
      yield [partFile(word, part), { postings: encode(slice) } satisfies SearchPart]
    }
    parts.push(entry)
  }
  for (let start = 0; start < docs.length; start += BLOCK_SIZE) {
    const items = docs.slice(start, start + BLOCK_SIZE).map((doc) => itemOf(docAt(doc)))
    yield [docsFile(start / BLOCK_SIZE), { items } satisfies SearchDocs]
  }
  const counts = groups.map(() => 0)
  for (let start = 0; start < docs.length; start += layout.groupsSize) {
    let codes = ''
    for (const doc of docs.slice(start, start + layout.groupsSize)) {
      const at = keys.indexOf(groupKey(groupOf(docAt(doc))))
      counts[at] = (counts[at] ?? 0) + 1
      codes += String.fromCodePoint(GROUP_CODE_BASE + at)
    }
    yield [groupsFile(start / layout.groupsSize), { codes } satisfies SearchGroups]
  }
  const manifest: SearchManifest = {
    docs: docs.length,
    blockSize: BLOCK_SIZE,
    groups,
    counts,
    groupsSize: layout.groupsSize,
    shards: [...shards.keys()].sort(),
    ...longOf(layout, long, parts),
  }
  yield [manifestFile(), manifest]
}

/** The manifest's record of the long words: none when there are none, as in a small archive. */
const longOf = (layout: SearchLayout, words: string[], parts: number[][]) =>
  words.length > 0 ? { long: { partSize: layout.partSize, words, parts } } : {}

/** A list's postings by part (document range), in order. */
function partsOf(list: Postings, partSize: number): Map<number, number[]> {
  const parts = new Map<number, number[]>()
  for (const value of list) {
    const part = Math.floor(docOf(value) / partSize)
    const slice = parts.get(part)
    if (slice) slice.push(value)
    else parts.set(part, [value])
  }
  return parts
}

/** Every file of an index, from its manifest. */
export const searchIndexFileNames = (manifest: SearchManifest) => [
  manifestFile(),
  ...Array.from({ length: Math.ceil(manifest.docs / manifest.groupsSize) }, (_, r) =>
    groupsFile(r),
  ),
  ...manifest.shards.map(termsFile),
  ...(manifest.long?.words ?? []).flatMap((word, at) =>
    (manifest.long?.parts[at] ?? []).slice(1).map((part) => partFile(word, part)),
  ),
  ...Array.from({ length: Math.ceil(manifest.docs / manifest.blockSize) }, (_, b) => docsFile(b)),
]

/** A document an update changes in place, or adds after the last. */
export interface DocChange {
  doc: number
  /** What the index holds for it now; none for a document added after the last. */
  before?: Article | WithdrawnPlace | undefined
  after: Article | WithdrawnPlace
}

/**
 * The files that change when some documents change in place or are added after the last, read
 * from the index's files as they are (`read`): the manifest, the blocks of those documents and the
 * terms files that hold the words whose lists change (patchTerms). No other file is read, so its
 * cost follows the change, not the archive. Exactly the files searchIndexFiles gives for the new
 * content (scripts/search/index.test.ts). Undefined when the change is of another kind (a group of
 * results comes or goes, a document is not where it says) or a file cannot be read: the caller then
 * updates the index whole. `size` gives a file's bytes (its size on disk); without it, a file is
 * read to learn its size.
 */
export async function patchSearchIndex(
  read: (file: string) => Promise<unknown>,
  changes: readonly DocChange[],
  size?: (file: string) => Promise<number>,
  layout: SearchLayout = LAYOUT,
): Promise<{ files: Map<string, unknown>; all: string[] } | undefined> {
  try {
    const manifest = v.parse(apiFiles.searchIndex.schema, await read(manifestFile()))
    if (manifest.blockSize !== BLOCK_SIZE) return undefined
    if (manifest.long && manifest.long.partSize !== layout.partSize) return undefined
    if (manifest.groupsSize !== layout.groupsSize) return undefined
    const sorted = [...changes].sort((a, b) => a.doc - b.doc)
    const added = sorted.filter((change) => change.doc >= manifest.docs)
    // Added documents follow the last, one after another, and nothing else is new.
    if (added.some((change, i) => change.doc !== manifest.docs + i || change.before))
      return undefined
    if (sorted.some((change) => change.doc < manifest.docs && !change.before)) return undefined

    // Groups keep their codes: a change that brings a new one, or leaves one empty, re-codes them.
    const codes = new Map(manifest.groups.map((group, i) => [groupKey(group), i]))
    const counts = [...manifest.counts]
    const ranges = new Map<number, string[]>()
    /** The ranges where a document's group is new or another. */
    const regrouped = new Set<number>()
    for (const { doc, after } of sorted) {
      const code = codes.get(groupKey(storyDoc(after).group))
      if (code === undefined) return undefined
      const range = Math.floor(doc / layout.groupsSize)
      let list = ranges.get(range)
      if (!list) {
        list =
          range * layout.groupsSize < manifest.docs
            ? Array.from(v.parse(apiFiles.searchGroups.schema, await read(groupsFile(range))).codes)
            : []
        ranges.set(range, list)
      }
      const at = doc % layout.groupsSize
      if (at > list.length) return undefined
      const was = list[at]
      const before = was === undefined ? -1 : was.charCodeAt(0) - GROUP_CODE_BASE
      if (before >= 0) counts[before] = (counts[before] ?? 0) - 1
      counts[code] = (counts[code] ?? 0) + 1
      const now = String.fromCodePoint(GROUP_CODE_BASE + code)
      if (was !== now) regrouped.add(range)
      list[at] = now
    }
    if (counts.some((count) => count < 1)) return undefined

    const files = new Map<string, unknown>()
    // The blocks of the changed documents.
    const blocks = new Map<number, (SearchItem | null)[]>()
    for (const { doc, after } of sorted) {
      const block = Math.floor(doc / BLOCK_SIZE)
      let items = blocks.get(block)
      if (!items) {
        items =
          block * BLOCK_SIZE < manifest.docs
            ? v.parse(apiFiles.searchDocs.schema, await read(docsFile(block))).items
            : []
        blocks.set(block, items)
      }
      const at = doc % BLOCK_SIZE
      if (at > items.length) return undefined
      items[at] = isWithdrawn(after) ? null : presentDoc(after).item
    }
    for (const [block, items] of blocks) files.set(docsFile(block), { items } satisfies SearchDocs)
    for (const range of regrouped)
      files.set(groupsFile(range), {
        codes: ranges.get(range)?.join('') ?? '',
      } satisfies SearchGroups)

    // The words whose lists change: those a changed document gains, loses or weighs otherwise.
    // Every changed document is taken out of their lists and put back with its new weight.
    const changedDocs = new Set(sorted.map((change) => change.doc))
    const newWords = sorted.map(({ doc, after }) => ({ doc, weights: wordsOf(after) }))
    const oldWords = sorted.map(({ before }) =>
      before ? wordsOf(before) : new Map<string, number>(),
    )
    const touched = new Set<string>()
    /** The documents in which each touched word comes, goes or weighs otherwise. */
    const changedIn = new Map<string, number[]>()
    /** How many documents each touched word gains (less those it loses). */
    const gains = new Map<string, number>()
    sorted.forEach((_, i) => {
      const now = newWords[i]?.weights ?? new Map<string, number>()
      const old = oldWords[i] ?? new Map<string, number>()
      const doc = sorted[i]?.doc ?? 0
      const touch = (word: string, gain: number) => {
        touched.add(word)
        gains.set(word, (gains.get(word) ?? 0) + gain)
        const docs = changedIn.get(word)
        if (docs) docs.push(doc)
        else changedIn.set(word, [doc])
      }
      for (const [word, weight] of now)
        if (old.get(word) !== weight) touch(word, old.has(word) ? 0 : 1)
      for (const word of old.keys()) if (!now.has(word)) touch(word, -1)
    })
    /** The changed documents' postings of a word, in document order (`sorted` is). */
    const adding = (word: string) => {
      const list: number[] = []
      for (const { doc, weights } of newWords) {
        const weight = weights.get(word)
        if (weight !== undefined) list.push(posting(doc, weight))
      }
      return list
    }

    // The long words: those still long patch the parts that hold changed documents; those no
    // longer long are read whole and go back to a terms file; those that become long leave theirs.
    const long = new Map(
      (manifest.long?.words ?? []).map((word, at) => [word, manifest.long?.parts[at] ?? []]),
    )
    const leaving = new Map<string, number[] | undefined>()
    const staying = new Set<string>()
    for (const word of touched) {
      const entry = long.get(word)
      if (!entry) continue
      const [count = 0, ...parts] = entry
      if (count + (gains.get(word) ?? 0) >= layout.longDocs) {
        staying.add(word)
        continue
      }
      const whole = await readParts(read, word, parts)
      leaving.set(word, patchPostings(encode(whole), changedDocs, adding(word)))
      long.delete(word)
    }
    const joining = new Map<string, number[]>()
    const terms = await patchTerms(
      manifest.shards,
      new Set([...touched].filter((word) => !staying.has(word))),
      (word, list) => {
        if (leaving.has(word)) return leaving.get(word)
        const next = patchPostings(list, changedDocs, adding(word))
        if (!next || (next[0] ?? 0) < layout.longDocs) return next
        joining.set(word, next)
        return undefined
      },
      read,
      size ?? (async (file) => Buffer.byteLength(JSON.stringify(await read(file)))),
    )
    if (!terms) return undefined
    for (const [name, value] of terms.files) files.set(termsFile(name), value)
    for (const [word, list] of joining) {
      const entry = [list[0] ?? 0]
      for (const [part, slice] of partsOf(decode(list), layout.partSize)) {
        entry.push(part)
        files.set(partFile(word, part), { postings: encode(slice) } satisfies SearchPart)
      }
      long.set(word, entry)
    }
    await Promise.all(
      [...staying].map(async (word) => {
        const { entry, parts } = await patchParts(word, long.get(word) ?? [], layout.partSize, {
          changed: changedDocs,
          at: changedIn.get(word) ?? [],
          adding: adding(word),
          read,
        })
        entry[0] = (entry[0] ?? 0) + (gains.get(word) ?? 0)
        long.set(word, entry)
        for (const [file, value] of parts) files.set(file, value)
      }),
    )

    const longWords = [...long.keys()].sort()
    const next: SearchManifest = {
      ...manifest,
      docs: manifest.docs + added.length,
      counts,
      shards: terms.shards,
      ...longOf(
        layout,
        longWords,
        longWords.map((word) => long.get(word) ?? []),
      ),
    }
    if (longWords.length === 0) delete next.long
    files.set(manifestFile(), next)
    return { files, all: searchIndexFileNames(next) }
  } catch {
    return undefined
  }
}

/**
 * A long word's parts patched where it changed (`at`: the documents in which it comes, goes or
 * weighs otherwise), and its manifest entry with the parts it has now (its count is left to the
 * caller). Each such part has every changed document in it (`changed`) taken out and the word's
 * postings in them (`adding`) put back. A part left empty is gone from the entry, and so from the
 * index's files.
 */
async function patchParts(
  word: string,
  [count = 0, ...had]: readonly number[],
  partSize: number,
  change: {
    changed: ReadonlySet<number>
    at: readonly number[]
    adding: readonly number[]
    read: (file: string) => Promise<unknown>
  },
) {
  const partOf = (doc: number) => Math.floor(doc / partSize)
  const parts = new Set(had)
  const files = new Map<string, SearchPart>()
  await Promise.all(
    [...new Set(change.at.map(partOf))].map(async (part) => {
      const list = parts.has(part) ? await readPart(change.read, word, part) : undefined
      const next = patchPostings(
        list,
        new Set([...change.changed].filter((doc) => partOf(doc) === part)),
        change.adding.filter((value) => partOf(docOf(value)) === part),
      )
      if (next) {
        files.set(partFile(word, part), { postings: next })
        parts.add(part)
      } else parts.delete(part)
    }),
  )
  return { entry: [count, ...[...parts].sort((a, b) => a - b)], parts: files }
}

const length = (word: string) => Array.from(word).length

/** Words by their first `n` letters. */
function byPrefix(words: Iterable<string>, n: number) {
  const groups = new Map<string, string[]>()
  for (const word of words) {
    const prefix = prefixOf(word, n)
    const group = groups.get(prefix)
    if (group) group.push(word)
    else groups.set(prefix, [word])
  }
  return groups
}

/**
 * The terms files after some words' lists change (`change` gives a word's new list from its old
 * one, undefined once it has no document), as searchIndexFiles would split them, reading only the
 * files that hold those words. A prefix split into longer ones stays split while its words stay
 * over the limit; those sizes come from the other files' sizes on disk (`size`), without reading
 * them. Only a prefix that is no longer over the limit is read whole, and split again. Undefined
 * when a file is not a terms file.
 */
async function patchTerms(
  shards: readonly string[],
  touched: ReadonlySet<string>,
  change: (word: string, list: number[] | undefined) => number[] | undefined,
  read: (file: string) => Promise<unknown>,
  size: (file: string) => Promise<number>,
): Promise<{ files: Map<string, SearchTerms>; shards: string[] } | undefined> {
  const existing = new Set(shards)
  // The prefixes split into longer ones: those with a longer file under them.
  const split = new Set<string>()
  for (const name of shards) for (let n = 2; n < length(name); n++) split.add(prefixOf(name, n))
  // The file a word is in (or would be, if it is new).
  const fileOf = (word: string) => {
    let n = 2
    while (split.has(prefixOf(word, n)) && length(word) > n) n++
    return prefixOf(word, n)
  }
  const loaded = new Map<string, Promise<Map<string, number[]>>>()
  const load = (name: string) => {
    let terms = loaded.get(name)
    if (!terms) {
      terms = read(termsFile(name)).then((value) => {
        if (!isTermsFile(value)) throw new Error(`${termsFile(name)} is not a terms file`)
        return new Map(value.words.map((word, i) => [word, value.postings[i] ?? [0]]))
      })
      loaded.set(name, terms)
    }
    return terms
  }
  // Read at once: a hundred files one after another wait on the disk a hundred times.
  const holding = new Set([...touched].map(fileOf).filter((name) => existing.has(name)))
  for (const name of holding) load(name).catch(() => undefined)
  const after = new Map<string, number[] | undefined>()
  /** How much each touched word's size changes. */
  const grows = new Map<string, number>()
  for (const word of touched) {
    const name = fileOf(word)
    const list = existing.has(name) ? (await load(name)).get(word) : undefined
    const next = change(word, list)
    after.set(word, next)
    grows.set(word, (next ? termSize(word, next) : 0) - (list ? termSize(word, list) : 0))
  }

  const written = new Map<string, Map<string, number[]>>()
  const gone = new Set<string>()
  /** Files read whole, the touched words changed, and split as a full build splits them. */
  const resplit = async (names: readonly string[], prefix: string, n: number) => {
    const words = new Map<string, number[]>()
    for (const name of names) for (const [word, list] of await load(name)) words.set(word, list)
    for (const word of touched) {
      if (prefixOf(word, n) !== prefix) continue
      const list = after.get(word)
      if (list) words.set(word, list)
      else words.delete(word)
    }
    names.forEach((name) => gone.add(name))
    const sorted = new Map([...words.keys()].sort().map((word) => [word, words.get(word) ?? []]))
    const sizes = new Map([...sorted].map(([word, list]) => [word, termSize(word, list)]))
    for (const [name, terms] of shard(sorted, n, sizes)) written.set(name, terms)
  }
  // The files under a prefix, from the names in order (those that start alike are together).
  const names = [...shards].sort()
  const under = (prefix: string) => {
    const low = lowerBound(names.length, (i) => (names[i] ?? '') < prefix)
    const found: string[] = []
    for (let i = low; i < names.length && names[i]?.startsWith(prefix); i++)
      found.push(names[i] ?? '')
    return found
  }
  /** The files of one prefix (`n` letters) after its touched words change. */
  const patch = async (prefix: string, n: number, words: readonly string[]): Promise<void> => {
    if (!split.has(prefix)) return resplit(existing.has(prefix) ? [prefix] : [], prefix, n)
    // Split before: still split while over the limit. It grows when its words' sizes do.
    const delta = words.reduce((sum, word) => sum + (grows.get(word) ?? 0), 0)
    if (delta < 0) {
      // Its files' sizes, until they show it is still over the limit (a few files, mostly).
      const files = under(prefix)
      let total = delta
      for (const name of files) {
        if (total > SHARD_LIMIT) break
        total += (await size(termsFile(name))) - TERMS_FILE_BYTES
      }
      if (total <= SHARD_LIMIT) return resplit(files, prefix, n)
    }
    // Its own words (as long as the prefix) stay in its file; longer ones go one letter further.
    const own = words.filter((word) => length(word) <= n)
    if (own.length > 0) {
      const terms = new Map(existing.has(prefix) ? await load(prefix) : [])
      for (const word of own) {
        const list = after.get(word)
        if (list) terms.set(word, list)
        else terms.delete(word)
      }
      gone.add(prefix)
      if (terms.size > 0)
        written.set(prefix, new Map([...terms.keys()].sort().map((w) => [w, terms.get(w) ?? []])))
    }
    const deeper = byPrefix(
      words.filter((word) => length(word) > n),
      n + 1,
    )
    for (const [longer, list] of deeper) await patch(longer, n + 1, list)
  }
  const top = byPrefix(touched, 2)
  try {
    for (const [prefix, words] of top) await patch(prefix, 2, words)
  } catch {
    return undefined
  }
  const files = new Map<string, SearchTerms>()
  for (const name of gone) existing.delete(name)
  for (const [name, terms] of written) {
    existing.add(name)
    files.set(name, { words: [...terms.keys()], postings: [...terms.values()] })
  }
  return { files, shards: [...existing].sort() }
}

/** The index's files for these entities and stories, built afresh. */
export const searchFiles = (
  entities: readonly Entity[],
  stories: readonly Article[],
  withdrawn: readonly WithdrawnPlace[] = [],
  layout = LAYOUT,
) => searchIndexFiles(buildSearchIndex(entities, stories, withdrawn), layout)

/**
 * A part of a long word's list, as encoded; throws when the file is not one. Checked by hand, as
 * the terms files are: valibot would visit each of its thousands of numbers.
 */
async function readPart(read: (file: string) => Promise<unknown>, word: string, part: number) {
  const file = partFile(word, part)
  const { postings } = (await read(file)) as Partial<SearchPart>
  if (!Array.isArray(postings) || !postings.every((n) => typeof n === 'number' && n >= 0))
    throw new Error(`${file} is not a part of a word's list`)
  return postings
}

/** A long word's postings from these parts of its list, in document order. */
async function readParts(
  read: (file: string) => Promise<unknown>,
  word: string,
  parts: readonly number[],
) {
  const list: number[] = []
  for (const part of parts)
    for (const value of decode(await readPart(read, word, part))) list.push(value)
  return list
}

const isTermsFile = (value: unknown): value is SearchTerms => {
  const { words, postings } = (value ?? {}) as Partial<Record<keyof SearchTerms, unknown>>
  return (
    Array.isArray(words) &&
    Array.isArray(postings) &&
    words.length === postings.length &&
    words.every((word) => typeof word === 'string') &&
    postings.every(
      (list) => Array.isArray(list) && list.every((n) => typeof n === 'number' && n >= 0),
    )
  )
}

/**
 * An index read back from its files (as searchIndexFiles wrote them), or undefined where a file
 * is missing or not what the site map says: the caller then builds afresh.
 */
export async function readSearchIndex(
  read: (file: string) => Promise<unknown>,
): Promise<SearchIndex | undefined> {
  try {
    const manifest = v.parse(
      apiFiles.searchIndex.schema,
      await read(apiFiles.searchIndex.file.fill({})),
    )
    let codes = ''
    for (let range = 0; range * manifest.groupsSize < manifest.docs; range++)
      codes += v.parse(apiFiles.searchGroups.schema, await read(groupsFile(range))).codes
    const docs: IndexDoc[] = []
    for (let block = 0; block * manifest.blockSize < manifest.docs; block++) {
      const file = apiFiles.searchDocs.file.fill({ block: String(block) })
      const { items } = v.parse(apiFiles.searchDocs.schema, await read(file))
      items.forEach((item, i) => {
        const doc = block * manifest.blockSize + i
        const group = manifest.groups[codes.charCodeAt(doc) - GROUP_CODE_BASE]
        if (!group) throw new Error(`search document ${doc} has no group`)
        docs.push({ item, group })
      })
    }
    const postings = new Map<string, number[]>()
    for (const prefix of manifest.shards) {
      const file = apiFiles.searchTerms.file.fill({ shard: shardFile(prefix) })
      const terms = await read(file)
      // Checked by hand: valibot would visit each of millions of numbers, most of the read's time.
      if (!isTermsFile(terms)) throw new Error(`${file} is not a terms file`)
      terms.words.forEach((word, i) => postings.set(word, decode(terms.postings[i] ?? [0])))
    }
    const long = manifest.long
    for (const [at, word] of (long?.words ?? []).entries())
      postings.set(word, await readParts(read, word, long?.parts[at]?.slice(1) ?? []))
    return docs.length === manifest.docs ? { docs, postings } : undefined
  } catch {
    return undefined
  }
}
