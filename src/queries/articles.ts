import { queryOptions } from '@tanstack/react-query'
import { fetchApiFile } from '../api/fetchJson'

export const articleKeys = {
  all: ['articles'] as const,
  front: () => [...articleKeys.all, 'front'] as const,
  list: (page: number) => [...articleKeys.all, 'list', { page }] as const,
  section: (id: string, page: number) => [...articleKeys.all, 'section', id, { page }] as const,
  author: (id: string, page: number) => [...articleKeys.all, 'author', id, { page }] as const,
  detail: (slug: string) => [...articleKeys.all, 'detail', slug] as const,
  withdrawn: (slug: string) => [...articleKeys.all, 'withdrawn', slug] as const,
}

export const frontQueryOptions = () =>
  queryOptions({
    queryKey: articleKeys.front(),
    queryFn: ({ signal }) => fetchApiFile('front', {}, signal),
  })

export const sectionStoriesQueryOptions = (id: string, page: number) =>
  queryOptions({
    queryKey: articleKeys.section(id, page),
    queryFn: ({ signal }) => fetchApiFile('sectionStories', { id, page: String(page) }, signal),
  })

export const authorStoriesQueryOptions = (id: string, page: number) =>
  queryOptions({
    queryKey: articleKeys.author(id, page),
    queryFn: ({ signal }) => fetchApiFile('authorStories', { id, page: String(page) }, signal),
  })

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
