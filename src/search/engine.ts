// Answers a query from the search index's files (src/search/schema.ts), fetching only what it
// needs through the query cache: the manifest, then the terms files of the query's words, and of a
// word so common that its list is cut into parts, the parts that can hold a match; then the groups
// of the ranges of documents that match. Every word must match (a word as typed, or a longer word
// it begins); documents rank by how much the words weigh in them, rarer words counting more, then
// newest first.
import { queryOptions, type QueryClient } from '@tanstack/react-query'
import {
  searchDocsQueryOptions,
  searchGroupsQueryOptions,
  searchIndexQueryOptions,
  searchKeys,
  searchPartQueryOptions,
  searchTermsQueryOptions,
} from '../queries/search'
import { GROUP_CODE_BASE, shardFile, type SearchManifest, type SearchTerms } from './schema'
import { words } from './words'

export interface SearchOutcome {
  /** The query's words as search compares them (for highlighting). */
  words: string[]
  /** Matching documents, best first. */
  docs: number[]
  /** How many matching documents each group has, by group index. */
  groupCounts: Map<number, number>
  manifest: SearchManifest
}

// A longer word found by the start of a query word counts for less than the word itself.
const PREFIX_FACTOR = 0.6

/** The terms files that can hold the words beginning with `word`. */
export function shardsFor(word: string, shards: readonly string[]): string[] {
  let own: string | undefined
  const deeper: string[] = []
  for (const prefix of shards) {
    if (word.startsWith(prefix) && prefix.length > (own?.length ?? 0)) own = prefix
    else if (prefix.length > word.length && prefix.startsWith(word)) deeper.push(prefix)
  }
  return own === undefined ? deeper : [own, ...deeper]
}

/** A word of the index, how many documents it is in, and its lists (one, or its parts fetched). */
interface TermLists {
  term: string
  count: number
  lists: readonly (readonly number[])[]
}

/** The words of these terms files that begin with `word`. */
const termsIn = (word: string, files: readonly SearchTerms[]): TermLists[] =>
  files.flatMap(({ words, postings }) =>
    words.flatMap((term, at) => {
      const list = postings[at]
      return list && term.startsWith(word) ? [{ term, count: list[0] ?? 1, lists: [list] }] : []
    }),
  )

/** Each document a word matches, with its score for the word. */
function scoresFor(word: string, terms: readonly TermLists[], docCount: number) {
  const scores = new Map<number, number>()
  for (const { term, count, lists } of terms) {
    const rarity = Math.log(1 + docCount / count) * (term === word ? 1 : PREFIX_FACTOR)
    for (const postings of lists) {
      let doc = 0
      for (let i = 1; i + 1 < postings.length; i += 2) {
        doc += postings[i] ?? 0
        const score = (postings[i + 1] ?? 0) * rarity
        if (score > (scores.get(doc) ?? 0)) scores.set(doc, score)
      }
    }
  }
  return scores
}

/** The documents every one of these score maps holds. */
function common(perWord: readonly Map<number, number>[]): number[] {
  const [first, ...rest] = [...perWord].sort((a, b) => a.size - b.size)
  return [...(first?.keys() ?? [])].filter((doc) => rest.every((other) => other.has(doc)))
}

export async function search(
  queryClient: QueryClient,
  query: string,
  section?: string,
): Promise<SearchOutcome> {
  const queryWords = [...new Set(words(query))]
  const manifest = await queryClient.ensureQueryData(searchIndexQueryOptions())
  const long = manifest.long
  const found = await Promise.all(
    queryWords.map(async (word) => {
      const files = await Promise.all(
        shardsFor(word, manifest.shards).map((prefix) =>
          queryClient.ensureQueryData(searchTermsQueryOptions(shardFile(prefix))),
        ),
      )
      const longTerms = (long?.words ?? []).flatMap((term, at) =>
        term.startsWith(word) ? [{ term, parts: long?.parts[at] ?? [] }] : [],
      )
      return { word, terms: termsIn(word, files), longTerms }
    }),
  )
  // A long word's parts are fetched only where a document can match every word: the parts that
  // hold the documents the words without long lists all match, or every part when none has.
  const known = found.map(({ word, terms, longTerms }) =>
    longTerms.length === 0 ? scoresFor(word, terms, manifest.docs) : undefined,
  )
  const bounded = known.filter((scores) => scores !== undefined)
  const within =
    long && bounded.length > 0
      ? new Set(common(bounded).map((doc) => Math.floor(doc / long.partSize)))
      : undefined
  const perWord = await Promise.all(
    found.map(async ({ word, terms, longTerms }, i) => {
      const scores = known[i]
      if (scores) return scores
      const fetched = await Promise.all(
        longTerms.map(async ({ term, parts: [count = 1, ...parts] }) => {
          const lists = await Promise.all(
            parts
              .filter((part) => within?.has(part) ?? true)
              .map((part) =>
                queryClient.ensureQueryData(searchPartQueryOptions(shardFile(term), part)),
              ),
          )
          return { term, count, lists: lists.map(({ postings }) => postings) }
        }),
      )
      return scoresFor(word, [...terms, ...fetched], manifest.docs)
    }),
  )
  // Every word must match: start from the word with the fewest documents.
  perWord.sort((a, b) => a.size - b.size)
  const [first, ...rest] = perWord
  const total = new Map<number, number>()
  for (const [doc, score] of first ?? []) {
    let sum = score
    for (const other of rest) {
      const found = other.get(doc)
      if (found === undefined) {
        sum = -1
        break
      }
      sum += found
    }
    if (sum >= 0) total.set(doc, sum)
  }
  // The matching documents' groups, from the files of the ranges they are in.
  const { groupsSize } = manifest
  const ranges = new Map(
    await Promise.all(
      [...new Set([...total.keys()].map((doc) => Math.floor(doc / groupsSize)))].map(
        async (range) =>
          [
            range,
            (await queryClient.ensureQueryData(searchGroupsQueryOptions(range))).codes,
          ] as const,
      ),
    ),
  )
  const groupCounts = new Map<number, number>()
  const docs: number[] = []
  for (const doc of total.keys()) {
    const codes = ranges.get(Math.floor(doc / groupsSize)) ?? ''
    const code = codes.charCodeAt(doc % groupsSize) - GROUP_CODE_BASE
    groupCounts.set(code, (groupCounts.get(code) ?? 0) + 1)
    const group = manifest.groups[code]
    if (section === undefined || (group?.kind === 'story' && group.section === section))
      docs.push(doc)
  }
  docs.sort((a, b) => (total.get(b) ?? 0) - (total.get(a) ?? 0) || b - a)
  return { words: queryWords, docs, groupCounts, manifest }
}

/** A query's results: worked out from the files above, which stay cached for the next query. */
export const searchResultsQueryOptions = (query: string, section: string | undefined) =>
  queryOptions({
    queryKey: searchKeys.results(query, section),
    queryFn: ({ client }) => search(client, query, section),
    staleTime: Infinity,
  })

/** Results shown at first, and added by each "Show more results". */
export const RESULTS_PAGE = 10

/**
 * Fetches what the first results of a query need (the index, the words' terms files, the blocks
 * of documents the first page shows) into the query cache, for a search page that is still
 * loading its code. Failures are left for the page, which asks again and reports them.
 */
export async function warmSearch(queryClient: QueryClient, query: string, section?: string) {
  const { docs, manifest } = await queryClient.ensureQueryData(
    searchResultsQueryOptions(query, section),
  )
  const blocks = new Set(
    docs.slice(0, RESULTS_PAGE).map((doc) => Math.floor(doc / manifest.blockSize)),
  )
  await Promise.all(
    [...blocks].map((block) => queryClient.ensureQueryData(searchDocsQueryOptions(block))),
  )
}
