import { queryOptions } from '@tanstack/react-query'
import { fetchApiFile } from '../api/fetchJson'

// The search index's files (src/search/schema.ts): fetched when a reader searches, never before.
export const searchKeys = {
  all: ['search'] as const,
  index: () => [...searchKeys.all, 'index'] as const,
  terms: (shard: string) => [...searchKeys.all, 'terms', shard] as const,
  part: (word: string, part: number) => [...searchKeys.all, 'part', word, part] as const,
  groups: (range: number) => [...searchKeys.all, 'groups', range] as const,
  docs: (block: number) => [...searchKeys.all, 'docs', block] as const,
  results: (query: string, section: string | undefined) =>
    [...searchKeys.all, 'results', query, { section }] as const,
}

export const searchIndexQueryOptions = () =>
  queryOptions({
    queryKey: searchKeys.index(),
    queryFn: ({ signal }) => fetchApiFile('searchIndex', {}, signal),
  })

export const searchTermsQueryOptions = (shard: string) =>
  queryOptions({
    queryKey: searchKeys.terms(shard),
    queryFn: ({ signal }) => fetchApiFile('searchTerms', { shard }, signal),
  })

export const searchPartQueryOptions = (word: string, part: number) =>
  queryOptions({
    queryKey: searchKeys.part(word, part),
    queryFn: ({ signal }) => fetchApiFile('searchPart', { word, part: String(part) }, signal),
  })

export const searchGroupsQueryOptions = (range: number) =>
  queryOptions({
    queryKey: searchKeys.groups(range),
    queryFn: ({ signal }) => fetchApiFile('searchGroups', { range: String(range) }, signal),
  })

export const searchDocsQueryOptions = (block: number) =>
  queryOptions({
    queryKey: searchKeys.docs(block),
    queryFn: ({ signal }) => fetchApiFile('searchDocs', { block: String(block) }, signal),
  })
