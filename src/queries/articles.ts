import { queryOptions } from '@tanstack/react-query'
import { apiPaths } from '../api/apiPaths'
import { fetchJson } from '../api/fetchJson'
import { ArticleDocumentSchema, ArticlePageSchema } from '../content/schema'

export const articleKeys = {
  all: ['articles'] as const,
  list: (page: number) => [...articleKeys.all, 'list', { page }] as const,
  detail: (slug: string) => [...articleKeys.all, 'detail', slug] as const,
}

export const articleIndexQueryOptions = (page: number) =>
  queryOptions({
    queryKey: articleKeys.list(page),
    queryFn: ({ signal }) => fetchJson(apiPaths.articleIndex(page), ArticlePageSchema, signal),
  })

export const articleQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: articleKeys.detail(slug),
    queryFn: ({ signal }) => fetchJson(apiPaths.article(slug), ArticleDocumentSchema, signal),
  })
