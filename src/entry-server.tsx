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
import { serializeForScript } from './app/queryState'
import { createRoutes } from './app/routes'

export interface RenderedPage {
  status: number
  /** Title, meta and link tags the page asked for, for the document head. */
  head: string
  /** The app's markup, including the router's hydration data when the page hydrates. */
  html: string
  /** Dehydrated query cache as script-safe JSON, or null for the shared not-found page. */
  queryState: string | null
}

const HOISTED = /^(?:<title>[^<]*<\/title>|<meta [^>]*\/?>|<link [^>]*\/?>)+/

export async function render(url: string, origin: string): Promise<RenderedPage> {
  const queryClient = createQueryClient({ prerender: true })
  const handler = createStaticHandler(createRoutes(queryClient))
  const context = await handler.query(new Request(new URL(url, origin)))
  if (context instanceof Response)
    throw new Error(`${url} redirected to ${context.headers.get('location')}`)
  for (const error of Object.values(context.errors ?? {})) {
    if (!(isRouteErrorResponse(error) && error.status === 404)) {
      throw new Error(`${url} failed to render: ${String(error)}`)
    }
  }
  const notFound = context.statusCode === 404
  const router = createStaticRouter(handler.dataRoutes, context)
  const markup = renderToString(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <StaticRouterProvider router={router} context={context} hydrate={!notFound} />
      </QueryClientProvider>
    </StrictMode>,
  )
  const head = HOISTED.exec(markup)?.[0] ?? ''
  return {
    status: context.statusCode,
    head,
    html: markup.slice(head.length),
    queryState: notFound ? null : serializeForScript(dehydrate(queryClient)),
  }
}
