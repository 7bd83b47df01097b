// The search index, written by the content build beside the API (docs/decisions/019): a manifest,
// the words split into files by prefix, and the documents' result summaries in blocks. A reader's
// first one-word query fetches the manifest, one terms file and the blocks of the results shown.
import transliterate from '@sindresorhus/transliterate'
import { apiFiles } from '../../src/app/siteMap'
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

/** Documents per file of search/docs/. */
export const BLOCK_SIZE = 32
/** The largest a terms file may grow (characters of JSON) before it is split by a longer prefix. */
export const SHARD_LIMIT = 24_000
/**
 * A word in more documents than this keeps the ones where it weighs most (headline first, then
 * newest): results for a word that common are many either way.
 */
export const MAX_POSTINGS = 2_000

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

/** The prefix files a set of words is split into, each under SHARD_LIMIT where a longer one helps. */
function shard(
  terms: Map<string, number[]>,
  length = 2,
  prefixOf = (word: string) => Array.from(word).slice(0, length).join(''),
): Map<string, Map<string, number[]>> {
  const groups = new Map<string, Map<string, number[]>>()
  for (const [word, postings] of terms) {
    const prefix = prefixOf(word)
    let group = groups.get(prefix)
    if (!group) groups.set(prefix, (group = new Map<string, number[]>()))
    group.set(word, postings)
  }
  const shards = new Map<string, Map<string, number[]>>()
  for (const [prefix, group] of groups) {
    const size = JSON.stringify(Object.fromEntries(group)).length
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
    for (const [deeper, rest] of shard(longer, length + 1)) shards.set(deeper, rest)
  }
  return shards
}

/** A word's documents as [count, first, weight, gap, weight…], the weightiest MAX_POSTINGS kept. */
function encode(postings: [doc: number, weight: number][]): number[] {
  const kept =
    postings.length > MAX_POSTINGS
      ? [...postings].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, MAX_POSTINGS)
      : postings
  kept.sort((a, b) => a[0] - b[0])
  const out = [postings.length]
  let last = 0
  for (const [doc, weight] of kept) {
    out.push(doc - last, weight)
    last = doc
  }
  return out
}

/**
 * The search index's files (API path -> JSON value) for these entities and stories (stories in any
 * order). Entities come first, in the gazetteer's order, then stories oldest first.
 */
export function searchFiles(
  entities: readonly Entity[],
  stories: readonly Article[],
): Map<string, unknown> {
  const oldestFirst = [...stories].sort(
    (a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || a.slug.localeCompare(b.slug),
  )
  const docs: { item: SearchItem; group: SearchGroup; fields: [Field, string][] }[] = [
    ...entities.map((entity) => ({
      item: {
        kind: entity.kind,
        id: entity.id,
        name: entity.name,
        description: entity.description,
      },
      group: { kind: entity.kind },
      fields: entityFields(entity),
    })),
    ...oldestFirst.map((article) => ({
      item: {
        kind: 'story' as const,
        slug: article.slug,
        headline: article.headline,
        standfirst: article.standfirst,
        section: article.section,
        publishedAt: article.publishedAt,
      },
      group: { kind: 'story' as const, section: article.section },
      fields: storyFields(article),
    })),
  ]

  const groups: SearchGroup[] = []
  const groupCode = new Map<string, string>()
  const postings = new Map<string, [number, number][]>()
  docs.forEach(({ group, fields }, doc) => {
    const key = JSON.stringify(group)
    if (!groupCode.has(key)) {
      groupCode.set(key, String.fromCodePoint(GROUP_CODE_BASE + groups.length))
      groups.push(group)
    }
    for (const [word, weight] of weigh(fields)) {
      let list = postings.get(word)
      if (!list) postings.set(word, (list = []))
      list.push([doc, weight])
    }
  })

  const files = new Map<string, unknown>()
  const encoded = new Map([...postings].map(([word, list]) => [word, encode(list)]))
  const shards = shard(encoded)
  for (const [prefix, terms] of shards) {
    const file = apiFiles.searchTerms.file.fill({ shard: shardFile(prefix) })
    files.set(file, Object.fromEntries(terms) satisfies SearchTerms)
  }
  for (let start = 0; start < docs.length; start += BLOCK_SIZE) {
    const items = docs.slice(start, start + BLOCK_SIZE).map((d) => d.item)
    const file = apiFiles.searchDocs.file.fill({ block: String(start / BLOCK_SIZE) })
    files.set(file, { items } satisfies SearchDocs)
  }
  const manifest: SearchManifest = {
    docs: docs.length,
    blockSize: BLOCK_SIZE,
    groups,
    docGroups: docs.map(({ group }) => groupCode.get(JSON.stringify(group))).join(''),
    shards: [...shards.keys()].sort(),
  }
  files.set(apiFiles.searchIndex.file.fill({}), manifest)
  return files
}
