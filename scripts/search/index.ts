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
  type SearchItem,
  type SearchManifest,
  type SearchTerms,
} from '../../src/search/schema'
import { words } from '../../src/search/words'
import { sortDated } from '../lib/dated'

/** Documents per file of search/docs/. */
export const BLOCK_SIZE = 32
/** The largest a terms file may grow (characters of JSON) before it is split by a longer prefix. */
export const SHARD_LIMIT = 24_000

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
function shard(
  terms: Map<string, number[]>,
  length = 2,
  sizes = new Map([...terms].map(([word, postings]) => [word, termSize(word, postings)])),
): Map<string, Map<string, number[]>> {
  const groups = new Map<string, Map<string, number[]>>()
  for (const [word, postings] of terms) {
    const prefix = prefixOf(word, length)
    let group = groups.get(prefix)
    if (!group) groups.set(prefix, (group = new Map<string, number[]>()))
    group.set(word, postings)
  }
  const shards = new Map<string, Map<string, number[]>>()
  for (const [prefix, group] of groups) {
    let size = 0
    for (const word of group.keys()) size += sizes.get(word) ?? 0
    // Words as long as the prefix stay with it; longer ones go one letter further.
    const longer = new Map<string, number[]>(
      [...group].filter(([word]) => Array.from(word).length > length),
    )
    if (size <= SHARD_LIMIT || longer.size === 0) {
      shards.set(prefix, group)
      continue
    }
    const own = new Map<string, number[]>([...group].filter(([word]) => !longer.has(word)))
    if (own.size > 0) shards.set(prefix, own)
    for (const [deeper, rest] of shard(longer, length + 1, sizes)) shards.set(deeper, rest)
  }
  return shards
}

/** About what a word and its documents take in a terms file's JSON. */
const termSize = (word: string, postings: number[]) =>
  word.length + 4 + postings.join(',').length + 3

/** A word's documents as [count, first, weight, gap, weight…], from [doc, weight, doc, weight…]. */
function encode(pairs: readonly number[]): number[] {
  const out = [pairs.length / 2]
  let last = 0
  for (let i = 0; i < pairs.length; i += 2) {
    const doc = pairs[i] ?? 0
    out.push(doc - last, pairs[i + 1] ?? 0)
    last = doc
  }
  return out
}

/** [doc, weight, doc, weight…] from a terms file's encoding. */
function decode(encoded: readonly number[]): number[] {
  const pairs: number[] = []
  let doc = 0
  for (let i = 1; i + 1 < encoded.length; i += 2) {
    doc += encoded[i] ?? 0
    pairs.push(doc, encoded[i + 1] ?? 0)
  }
  return pairs
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

/** A withdrawn story, where the index keeps its place. */
export interface WithdrawnPlace {
  slug: string
  publishedAt: string
  section: string
}

const isWithdrawn = (story: Article | WithdrawnPlace): story is WithdrawnPlace => !('body' in story)

/**
 * The index before it is cut into files: its documents in order, and each word's documents and
 * weights as flat [doc, weight, doc, weight…] lists in document order (millions of pairs, without
 * an array for each).
 */
export interface SearchIndex {
  docs: IndexDoc[]
  postings: Map<string, number[]>
}

const entityDoc = (entity: Entity): IndexDoc => ({
  item: { kind: entity.kind, id: entity.id, name: entity.name, description: entity.description },
  group: { kind: entity.kind },
})

const storyDoc = (article: Article | WithdrawnPlace): IndexDoc =>
  isWithdrawn(article)
    ? { item: null, group: { kind: 'story', section: article.section } }
    : presentDoc(article)

const presentDoc = (article: Article): IndexDoc => ({
  item: {
    kind: 'story',
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    section: article.section,
    publishedAt: article.publishedAt,
  },
  group: { kind: 'story', section: article.section },
})

/** What the index takes from a story: two stories with the same key index the same. */
export const storySearchKey = (article: Article) =>
  JSON.stringify([presentDoc(article), storyFields(article)])

function addWords(postings: Map<string, number[]>, doc: number, weights: Map<string, number>) {
  for (const [word, weight] of weights) {
    let list = postings.get(word)
    if (!list) postings.set(word, (list = []))
    list.push(doc, weight)
  }
}

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
  const builder = searchIndexBuilder(entities)
  for (const story of sortDated([...stories, ...withdrawn], (s) => s, 'oldest first'))
    builder.add(story)
  return builder.index()
}

/**
 * The same index built one story at a time, each given in the index's order (oldest first): a
 * full build adds each story as it writes its page, and holds no story after that.
 */
export function searchIndexBuilder(entities: readonly Entity[]) {
  const docs = entities.map(entityDoc)
  const postings = new Map<string, number[]>()
  entities.forEach((entity, doc) => addWords(postings, doc, weigh(entityFields(entity))))
  return {
    add(story: Article | WithdrawnPlace) {
      addWords(postings, docs.length, wordsOf(story))
      docs.push(storyDoc(story))
    },
    index: (): SearchIndex => ({ docs, postings }),
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
  for (const [word, pairs] of index.postings) {
    const kept: number[] = []
    for (let i = 0; i < pairs.length; i += 2) {
      const doc = renumber[pairs[i] ?? -1] ?? -1
      if (doc >= 0 && !changed.has(doc)) kept.push(doc, pairs[i + 1] ?? 0)
    }
    if (kept.length > 0) postings.set(word, kept)
  }
  const touched = new Set<string>()
  for (const [doc, article] of [...changed].sort(([a], [b]) => a - b)) {
    docs[doc] = storyDoc(article)
    for (const [word, weight] of wordsOf(article)) {
      let list = postings.get(word)
      if (!list) postings.set(word, (list = []))
      list.push(doc, weight)
      touched.add(word)
    }
  }
  // Back into document order where a changed story's number is below others'.
  for (const word of touched) postings.set(word, inDocOrder(postings.get(word) ?? []))
  return { docs, postings }
}

// Groups in one order whatever the documents' order: entity kinds, then sections by name.
const KIND_ORDER = ['person', 'place', 'organisation', 'story']
const groupKey = (group: SearchGroup) =>
  `${KIND_ORDER.indexOf(group.kind)}:${group.kind === 'story' ? group.section : ''}`

const termsFile = (prefix: string) => apiFiles.searchTerms.file.fill({ shard: shardFile(prefix) })
const docsFile = (block: number) => apiFiles.searchDocs.file.fill({ block: String(block) })
const manifestFile = () => apiFiles.searchIndex.file.fill({})

/**
 * The terms files of some words (each word's documents encoded), split by prefix; each file lists
 * its words in sorted order.
 */
function termsFiles(encoded: ReadonlyMap<string, number[]>, files: Map<string, unknown>) {
  const sorted = new Map([...encoded.keys()].sort().map((word) => [word, encoded.get(word) ?? []]))
  const shards = shard(sorted)
  for (const [prefix, terms] of shards)
    files.set(termsFile(prefix), {
      words: [...terms.keys()],
      postings: [...terms.values()],
    } satisfies SearchTerms)
  return [...shards.keys()]
}

/** The index's files (API path -> JSON value). */
export function searchIndexFiles({ docs, postings }: SearchIndex): Map<string, unknown> {
  const byKey = new Map(docs.map(({ group }) => [groupKey(group), group]))
  const keys = [...byKey.keys()].sort()
  const groups = keys.map((key) => byKey.get(key) as SearchGroup)
  const code = new Map(keys.map((key, i) => [key, String.fromCodePoint(GROUP_CODE_BASE + i)]))

  const files = new Map<string, unknown>()
  const encoded = new Map([...postings].map(([word, pairs]) => [word, encode(pairs)]))
  const shards = termsFiles(encoded, files)
  for (let start = 0; start < docs.length; start += BLOCK_SIZE) {
    const items = docs.slice(start, start + BLOCK_SIZE).map((d) => d.item)
    files.set(docsFile(start / BLOCK_SIZE), { items } satisfies SearchDocs)
  }
  const manifest: SearchManifest = {
    docs: docs.length,
    blockSize: BLOCK_SIZE,
    groups,
    docGroups: docs.map(({ group }) => code.get(groupKey(group))).join(''),
    shards: shards.sort(),
  }
  files.set(manifestFile(), manifest)
  return files
}

/** Every file of an index, from its manifest. */
export const searchIndexFileNames = (manifest: SearchManifest) => [
  manifestFile(),
  ...manifest.shards.map(termsFile),
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
 * terms files of the two-letter prefixes of their words, old and new. No other file is read, so its
 * cost follows the change, not the archive. Exactly the files searchIndexFiles gives for the new
 * content (scripts/search/index.test.ts). Undefined when the change is of another kind (a group of
 * results comes or goes, a document is not where it says) or a file cannot be read: the caller then
 * updates the index whole.
 */
export async function patchSearchIndex(
  read: (file: string) => Promise<unknown>,
  changes: readonly DocChange[],
): Promise<{ files: Map<string, unknown>; all: string[] } | undefined> {
  try {
    const manifest = v.parse(apiFiles.searchIndex.schema, await read(manifestFile()))
    if (manifest.blockSize !== BLOCK_SIZE) return undefined
    const sorted = [...changes].sort((a, b) => a.doc - b.doc)
    const added = sorted.filter((change) => change.doc >= manifest.docs)
    // Added documents follow the last, one after another, and nothing else is new.
    if (added.some((change, i) => change.doc !== manifest.docs + i || change.before))
      return undefined
    if (sorted.some((change) => change.doc < manifest.docs && !change.before)) return undefined

    // Groups keep their codes: a change that brings a new one, or leaves one empty, re-codes them.
    const codes = new Map(
      manifest.groups.map((group, i) => [
        groupKey(group),
        String.fromCodePoint(GROUP_CODE_BASE + i),
      ]),
    )
    const docGroups = Array.from(manifest.docGroups)
    for (const { doc, after } of sorted) {
      const code = codes.get(groupKey(storyDoc(after).group))
      if (!code) return undefined
      docGroups[doc] = code
    }
    if (new Set(docGroups).size !== codes.size) return undefined

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
      items[at] = storyDoc(after).item
    }
    for (const [block, items] of blocks) files.set(docsFile(block), { items } satisfies SearchDocs)

    // The terms of every prefix a changed document's words, old or new, start with: read whole,
    // the changed documents taken out and put back with their new words, and split again.
    // The changed documents are in the lists of their old words only, and go into their new
    // words' lists: the other words' lists are kept as they were read, encoded.
    const changedDocs = new Set(sorted.map((change) => change.doc))
    const newWords = sorted.map(({ doc, after }) => ({ doc, weights: wordsOf(after) }))
    const touched = new Set<string>()
    for (const { before, after } of sorted)
      for (const story of [before, after])
        if (story) for (const word of wordsOf(story).keys()) touched.add(word)
    const prefixes = new Set([...touched].map((word) => prefixOf(word)))
    const shards = new Set(manifest.shards)
    // Read at once: a hundred files one after another wait on the disk a hundred times.
    const reading = new Map(
      manifest.shards
        .filter((name) => prefixes.has(prefixOf(name)))
        .map((name) => [name, read(termsFile(name))]),
    )
    await Promise.all(reading.values())
    for (const prefix of prefixes) {
      const encoded = new Map<string, number[]>()
      const postings = new Map<string, number[]>()
      for (const name of manifest.shards) {
        if (prefixOf(name) !== prefix) continue
        shards.delete(name)
        const terms = await reading.get(name)
        if (!isTermsFile(terms)) return undefined
        terms.words.forEach((word, i) => {
          const list = terms.postings[i] ?? [0]
          if (!touched.has(word)) {
            encoded.set(word, list)
            return
          }
          const pairs = decode(list)
          const kept: number[] = []
          for (let p = 0; p < pairs.length; p += 2)
            if (!changedDocs.has(pairs[p] ?? -1)) kept.push(pairs[p] ?? 0, pairs[p + 1] ?? 0)
          postings.set(word, kept)
        })
      }
      // The changed documents' pairs, in document order (`sorted` is), merged into each list.
      const adding = new Map<string, number[]>()
      for (const { doc, weights } of newWords)
        for (const [word, weight] of weights) {
          if (prefixOf(word) !== prefix) continue
          let list = adding.get(word)
          if (!list) adding.set(word, (list = []))
          list.push(doc, weight)
        }
      for (const word of new Set([...postings.keys(), ...adding.keys()])) {
        const list = mergePairs(postings.get(word) ?? [], adding.get(word) ?? [])
        if (list.length > 0) encoded.set(word, encode(list))
      }
      for (const name of termsFiles(encoded, files)) shards.add(name)
    }

    const next: SearchManifest = {
      ...manifest,
      docs: manifest.docs + added.length,
      docGroups: docGroups.join(''),
      shards: [...shards].sort(),
    }
    files.set(manifestFile(), next)
    return { files, all: searchIndexFileNames(next) }
  } catch {
    return undefined
  }
}

/** Two lists of [doc, weight…] pairs, each in document order, as one in document order. */
function mergePairs(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0) return [...a]
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] ?? 0) < (b[j] ?? 0))) {
      out.push(a[i] ?? 0, a[i + 1] ?? 0)
      i += 2
    } else {
      out.push(b[j] ?? 0, b[j + 1] ?? 0)
      j += 2
    }
  }
  return out
}

/** [doc, weight…] pairs in document order. */
function inDocOrder(list: number[]): number[] {
  const pairs = Array.from({ length: list.length / 2 }, (_, i) => [
    list[2 * i] ?? 0,
    list[2 * i + 1] ?? 0,
  ])
  return pairs.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)).flat()
}

/** The index's files for these entities and stories, built afresh. */
export const searchFiles = (
  entities: readonly Entity[],
  stories: readonly Article[],
  withdrawn: readonly WithdrawnPlace[] = [],
) => searchIndexFiles(buildSearchIndex(entities, stories, withdrawn))

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
    const docs: IndexDoc[] = []
    for (let block = 0; block * manifest.blockSize < manifest.docs; block++) {
      const file = apiFiles.searchDocs.file.fill({ block: String(block) })
      const { items } = v.parse(apiFiles.searchDocs.schema, await read(file))
      items.forEach((item, i) => {
        const doc = block * manifest.blockSize + i
        const group = manifest.groups[manifest.docGroups.charCodeAt(doc) - GROUP_CODE_BASE]
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
    return docs.length === manifest.docs ? { docs, postings } : undefined
  } catch {
    return undefined
  }
}
