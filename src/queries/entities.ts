import { queryOptions } from '@tanstack/react-query'
import { fetchApiFile } from '../api/fetchJson'

export const entityKeys = {
  all: ['entities'] as const,
  detail: (id: string) => [...entityKeys.all, 'detail', id] as const,
  stories: (id: string, page: number) => [...entityKeys.all, 'stories', id, { page }] as const,
}

export const entityQueryOptions = (id: string) =>
  queryOptions({
    queryKey: entityKeys.detail(id),
    queryFn: ({ signal }) => fetchApiFile('entity', { id }, signal),
  })

export const entityStoriesQueryOptions = (id: string, page: number) =>
  queryOptions({
    queryKey: entityKeys.stories(id, page),
    queryFn: ({ signal }) => fetchApiFile('entityStories', { id, page: String(page) }, signal),
  })
