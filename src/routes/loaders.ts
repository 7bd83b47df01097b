import type { QueryClient } from '@tanstack/react-query'
import { data, type LoaderFunctionArgs } from 'react-router'
import * as v from 'valibot'
import { HttpError } from '../api/errors'
import { SlugSchema } from '../content/schema'
import {
  articleIndexQueryOptions,
  articleQueryOptions,
  authorStoriesQueryOptions,
  frontQueryOptions,
  sectionStoriesQueryOptions,
  withdrawalQueryOptions,
} from '../queries/articles'
import { entityQueryOptions, entityStoriesQueryOptions } from '../queries/entities'

/** A route's response for things that do not exist: the not-found page, with status 404. */
export function notFound(): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- react-router's 404 response
  throw data(null, { status: 404, statusText: 'Not Found' })
}

/** `/page/:page` and friends: page 1 lives at the bare URL, so a page param must be 2 or more. */
export function pageParam(raw: string | undefined): number {
  if (raw === undefined) return 1
  if (!/^[1-9]\d*$/.test(raw) || raw === '1') notFound()
  return Number(raw)
}

/** Slugs and entity ids: anything else cannot exist, so it is not fetched. */
export function slugParam(raw: string | undefined): string {
  if (!v.is(SlugSchema, raw)) notFound()
  return raw
}

async function orNotFound<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) notFound()
    throw error
  }
}

export const frontPageLoader = (queryClient: QueryClient) => async () => {
  await queryClient.ensureQueryData(frontQueryOptions())
  return null
}

export const latestLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    await orNotFound(queryClient.ensureQueryData(articleIndexQueryOptions(pageParam(params.page))))
    return null
  }

export const sectionLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    const id = slugParam(params.id)
    await orNotFound(
      queryClient.ensureQueryData(sectionStoriesQueryOptions(id, pageParam(params.page))),
    )
    return null
  }

export const authorLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    const id = slugParam(params.id)
    await orNotFound(
      queryClient.ensureQueryData(authorStoriesQueryOptions(id, pageParam(params.page))),
    )
    return null
  }

/** A story's response when it was withdrawn: the page that says when and why, with status 410. */
async function goneOrNotFound(queryClient: QueryClient, slug: string): Promise<never> {
  const withdrawal = await orNotFound(queryClient.ensureQueryData(withdrawalQueryOptions(slug)))
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- react-router's 410 response
  throw data(withdrawal, { status: 410, statusText: 'Gone' })
}

export const articleLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    const slug = slugParam(params.slug)
    try {
      await queryClient.ensureQueryData(articleQueryOptions(slug))
    } catch (error) {
      // No story here: it may have been withdrawn.
      if (error instanceof HttpError && error.status === 404)
        await goneOrNotFound(queryClient, slug)
      throw error
    }
    return null
  }

export const entityLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    const id = slugParam(params.id)
    const page = pageParam(params.page)
    await orNotFound(
      Promise.all([
        queryClient.ensureQueryData(entityQueryOptions(id)),
        queryClient.ensureQueryData(entityStoriesQueryOptions(id, page)),
      ]),
    )
    return null
  }
