import { queryOptions } from '@tanstack/react-query'
import { fetchApiFile } from '../api/fetchJson'

export const articleKeys = {
  all: ['articles'] as const,
  list: (page: number) => [...articleKeys.all, 'list', { page }] as const,
  detail: (slug: string) => [...articleKeys.all, 'detail', slug] as const,
  withdrawn: (slug: string) => [...articleKeys.all, 'withdrawn', slug] as const,
}

export const articleIndexQueryOptions = (page: number) =>
  queryOptions({
    queryKey: articleKeys.list(page),
    queryFn: ({ signal }) => fetchApiFile('articleIndex', { page: String(page) }, signal),
  })

export const articleQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: articleKeys.detail(slug),
    queryFn: ({ signal }) => fetchApiFile('article', { slug }, signal),
  })

/** What the address of a story withdrawn from the site says: asked for when the story is not found. */
export const withdrawalQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: articleKeys.withdrawn(slug),
    queryFn: ({ signal }) => fetchApiFile('withdrawn', { slug }, signal),
  })
