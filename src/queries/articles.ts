import { queryOptions } from '@tanstack/react-query'
import { fetchApiFile } from '../api/fetchJson'

export const articleKeys = {
  all: ['articles'] as const,
  list: (page: number) => [...articleKeys.all, 'list', { page }] as const,
  detail: (slug: string) => [...articleKeys.all, 'detail', slug] as const,
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
