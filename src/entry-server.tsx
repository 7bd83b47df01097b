// Prerender entry: renders one URL to HTML with the data it needed, for scripts/prerender.ts.
import { dehydrate, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { renderToString } from 'react-dom/server'
import {
  createStaticHandler,
  createStaticRouter,
  isRouteErrorResponse,
  StaticRouterProvider,
} from 'react-router'
import { createQueryClient } from './app/queryClient'

export { PRERENDER_ORIGIN } from './api/config'
export { readAnswersWith } from './api/fetchJson'
import { serializeForScript, type PageState } from './app/queryState'
import { createRoutes } from './app/routes'
import { pageTypeOf, type PageTypeName } from './app/siteMap'
import {
  articleIndexQueryOptions,
  articleQueryOptions,
  authorStoriesQueryOptions,
  frontQueryOptions,
  sectionStoriesQueryOptions,
} from './queries/articles'
import { entityQueryOptions } from './queries/entities'
import { paths } from './app/paths'
import { authorPage, collectionPage, entityPage, newsArticle } from './seo/structuredData'
import type { QueryClient } from '@tanstack/react-query'

export interface RenderedPage {
  status: number
  /** Title, meta and link tags the page asked for, for the document head. */
  head: string
  /** The app's markup. */
  html: string
  /** The page state as script-safe JSON, or null for the shared not-found page. */
  queryState: string | null
  /** schema.org JSON-LD for the page, script-safe, or null. */
  structuredData: string | null
}

// Each page type's schema.org data, from what its loaders put in the cache: every type has one.
const structuredData: Record<
  PageTypeName,
  (queryClient: QueryClient, params: Record<string, string>) => object | undefined
> = {
  story: (queryClient, { slug = '' }) => {
    const doc = queryClient.getQueryData(articleQueryOptions(slug).queryKey)
    return doc && newsArticle(doc)
  },
  entity: (queryClient, { id = '' }) => {
    const doc = queryClient.getQueryData(entityQueryOptions(id).queryKey)
    return doc && entityPage(doc.entity)
  },
  front: (queryClient) => {
    const front = queryClient.getQueryData(frontQueryOptions().queryKey)
    const stories = front && [
      ...(front.lead ? [front.lead] : []),
      ...front.sections.flatMap((s) => s.items),
    ]
    return stories && collectionPage('top stories', paths.front(), stories)
  },
  latest: (queryClient, { page = '1' }) => {
    const index = queryClient.getQueryData(articleIndexQueryOptions(Number(page)).queryKey)
    return index && collectionPage('latest stories', paths.latest(index.page), index.items)
  },
  section: (queryClient, { id = '', page = '1' }) => {
    const list = queryClient.getQueryData(sectionStoriesQueryOptions(id, Number(page)).queryKey)
    return list && collectionPage(list.section.name, paths.section(id, list.page), list.items)
  },
  author: (queryClient, { id = '', page = '1' }) => {
    const list = queryClient.getQueryData(authorStoriesQueryOptions(id, Number(page)).queryKey)
    return list && authorPage(list)
  },
  // Results are the reader's own: the page itself describes nothing to a search engine.
  search: () => undefined,
  saved: () => undefined,
  offline: () => undefined,
  notFound: () => undefined,
}

function structuredDataFor(pathname: string, queryClient: QueryClient) {
  const { name, params } = pageTypeOf(pathname)
  return structuredData[name](queryClient, params)
}

const HOISTED = /^(?:<title>[^<]*<\/title>|<meta [^>]*\/?>|<link [^>]*\/?>)+/

/**
 * The query cache as of `builtAt`, when given: every shard of a build, and a whole build, then
 * write the same bytes for the same page (scripts/prerender/shard.ts), not each its own clock's.
 */
function dehydrateAt(queryClient: QueryClient, builtAt: number | undefined) {
  const state = dehydrate(queryClient)
  if (builtAt === undefined) return state
  return {
    ...state,
    queries: state.queries.map((query) => ({
      ...query,
      dehydratedAt: builtAt,
      state: {
        ...query.state,
        dataUpdatedAt: query.state.dataUpdatedAt && builtAt,
        errorUpdatedAt: query.state.errorUpdatedAt && builtAt,
      },
    })),
  }
}

interface Renderer {
  queryClient: QueryClient
  handler: ReturnType<typeof createStaticHandler>
}

// A query client and the router's handler for its routes, kept between renders: making the
// handler ranks every route again, a tenth of a page's render over a 100,000-page prerender.
// Each render takes one no other render holds and starts it with an empty cache.
const idle: Renderer[] = []

function takeRenderer(): Renderer {
  const kept = idle.pop()
  if (kept) {
    kept.queryClient.clear()
    return kept
  }
  const queryClient = createQueryClient({ prerender: true })
  return { queryClient, handler: createStaticHandler(createRoutes(queryClient)) }
}

export async function render(url: string, origin: string, builtAt?: number): Promise<RenderedPage> {
  const renderer = takeRenderer()
  try {
    return await renderWith(renderer, url, origin, builtAt)
  } finally {
    idle.push(renderer)
  }
}

async function renderWith(
  { queryClient, handler }: Renderer,
  url: string,
  origin: string,
  builtAt: number | undefined,
): Promise<RenderedPage> {
  const context = await handler.query(new Request(new URL(url, origin)))
  if (context instanceof Response)
    throw new Error(`${url} redirected to ${context.headers.get('location')}`)
  for (const error of Object.values(context.errors ?? {})) {
    if (!(isRouteErrorResponse(error) && (error.status === 404 || error.status === 410))) {
      // The API's address too: a ContractError names only the field.
      const from = error instanceof Error && 'url' in error ? ` (from ${String(error.url)})` : ''
      throw new Error(`${url} failed to render: ${String(error)}${from}`)
    }
  }
  // Not found, or a story withdrawn (410 Gone): no structured data, no page state.
  const notFound = context.statusCode === 404 || context.statusCode === 410
  // Pages served at other addresses carry no state, which would be another page's: the not-found
  // page, and the offline page the service worker answers pages it has not kept with. The app
  // renders the address it finds there afresh (a withdrawn story's too: its state would be an
  // error, which the router does not hydrate).
  const stateless = notFound || pageTypeOf(new URL(url, origin).pathname).name === 'offline'
  const router = createStaticRouter(handler.dataRoutes, context)
  const markup = renderToString(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <StaticRouterProvider router={router} context={context} hydrate={false} />
      </QueryClientProvider>
    </StrictMode>,
  )
  const head = HOISTED.exec(markup)?.[0] ?? ''
  // Our loaders return nothing (data lives in the query cache), so this is small.
  const pageState: PageState = {
    queries: dehydrateAt(queryClient, builtAt),
    router: { loaderData: context.loaderData, actionData: context.actionData, errors: null },
  }
  return {
    status: context.statusCode,
    head,
    html: markup.slice(head.length),
    queryState: stateless ? null : serializeForScript(pageState),
    structuredData: notFound
      ? null
      : serializeForScript(structuredDataFor(new URL(url, origin).pathname, queryClient) ?? null),
  }
}
