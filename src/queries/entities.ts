import { queryOptions } from '@tanstack/react-query'
import { apiPaths } from '../api/apiPaths'
import { fetchJson } from '../api/fetchJson'
import { EntityDocumentSchema, EntityStoriesPageSchema } from '../content/schema'

export const entityKeys = {
  all: ['entities'] as const,
  detail: (id: string) => [...entityKeys.all, 'detail', id] as const,
  stories: (id: string, page: number) => [...entityKeys.all, 'stories', id, { page }] as const,
}

export const entityQueryOptions = (id: string) =>
  queryOptions({
    queryKey: entityKeys.detail(id),
    queryFn: ({ signal }) => fetchJson(apiPaths.entity(id), EntityDocumentSchema, signal),
  })

export const entityStoriesQueryOptions = (id: string, page: number) =>
  queryOptions({
    queryKey: entityKeys.stories(id, page),
    queryFn: ({ signal }) =>
      fetchJson(apiPaths.entityStories(id, page), EntityStoriesPageSchema, signal),
  })
