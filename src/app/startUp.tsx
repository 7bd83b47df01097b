// The app's part of start-up: the steps src/boot.ts runs, each in a task of its own, once the
// prerendered page has painted. Every step is here; the order and the reasons are in boot.ts.
import { hydrate, QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { startTransition, StrictMode, useEffect, type ReactNode } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { createBrowserRouter, matchRoutes, type DataRouter, type RouteObject } from 'react-router'
import { RouterProvider } from 'react-router/dom'
import { adEvents } from '../ads/config'
import { forwardToWindow } from '../ads/events'
import { createQueryClient } from './queryClient'
import { QUERY_STATE_ID, type PageState } from './queryState'
// Start-up's last step, here so the boot script imports nothing of the app before it is needed.
export { markLive } from './live'
import { createRoutes, pages } from './routes'
import { pageTypeOf } from './siteMap'

/**
 * The state the page was prerendered with; none on the shared not-found page. A damaged state (a
 * proxy rewrote the page, a deploy cut it short) is reported and set aside: the app then renders
 * the page from the API, as it does a page that has none.
 */
function readPageState(): PageState | undefined {
  const json = document.getElementById(QUERY_STATE_ID)?.textContent
  if (!json) return undefined
  try {
    const state: unknown = JSON.parse(json)
    if (isPageState(state)) return state
    throw new Error('it is not a page state')
  } catch (error) {
    reportError(new Error('The page state is damaged; rendering from the API', { cause: error }))
    return undefined
  }
}

function isPageState(value: unknown): value is PageState {
  if (typeof value !== 'object' || value === null) return false
  const { queries, router } = value as Partial<Record<keyof PageState, unknown>>
  return (
    typeof queries === 'object' && queries !== null && typeof router === 'object' && router !== null
  )
}

/**
 * Loads the code of the lazy routes this address matches and puts it on the routes, so the router
 * starts already initialised from the prerendered state instead of running a first navigation.
 */
async function resolveLazyRoutes(routes: RouteObject[]) {
  const lazy = matchRoutes(routes, window.location)?.filter((match) => match.route.lazy) ?? []
  await Promise.all(
    lazy.map(async ({ route }) => {
      if (typeof route.lazy !== 'function') return
      Object.assign(route, { ...(await route.lazy()), lazy: undefined })
    }),
  )
}

export interface Prepared {
  state: PageState | undefined
  queryClient: QueryClient
  routes: RouteObject[]
}

/** Fills the query cache from the page's state and readies the routes this address needs. */
export async function prepare(): Promise<Prepared> {
  // Ad events reach the site's analytics tag from before the first slot can ask.
  forwardToWindow(adEvents)
  const state = readPageState()
  const queryClient = createQueryClient()
  // Before the router exists: it runs loaders at once, and they should find their data.
  if (state) hydrate(queryClient, state.queries)
  const routes = createRoutes(queryClient)
  const url = new URL(window.location.href)
  pages[pageTypeOf(url.pathname).name].warm?.(queryClient, url)
  await resolveLazyRoutes(routes)
  return { state, queryClient, routes }
}

/**
 * Creates the router; resolves once it has its first page's data. With prerendered state that is
 * at once; without it, its loaders fetch first, and the static markup stays on screen meanwhile.
 */
export function startRouter({ state, routes }: Prepared): Promise<DataRouter> {
  const router = createBrowserRouter(routes, state ? { hydrationData: state.router } : {})
  return new Promise((resolve) => {
    if (router.state.initialized) {
      resolve(router)
      return
    }
    const unsubscribe = router.subscribe((next) => {
      if (!next.initialized) return
      unsubscribe()
      resolve(router)
    })
  })
}

/**
 * Connects the page to the service worker (src/offline/connect.ts). Loaded from here, not from
 * boot.ts: the code it shares with the app is then already in this chunk, not split out of it.
 */
export async function connectOffline(router: DataRouter, scriptUrl: string) {
  ;(await import('../offline/connect')).connectOffline(router, scriptUrl)
}

/** Calls `onCommit` once its first render is on the page. */
function Committed({ onCommit, children }: { onCommit: () => void; children: ReactNode }) {
  useEffect(() => onCommit(), [onCommit])
  return children
}

/**
 * Puts the app on the page: hydrates the prerendered markup, or, with no state to hydrate from
 * (the not-found page), renders afresh. Resolves once that first render has committed.
 */
export function mount({ state, queryClient }: Prepared, router: DataRouter): Promise<void> {
  const container = document.getElementById('root')
  if (!container) throw new Error('#root is missing from index.html')
  return new Promise((resolve) => {
    const app = (
      <StrictMode>
        <Committed onCommit={resolve}>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </Committed>
      </StrictMode>
    )
    // A transition lets React hydrate in small slices, so the page answers input throughout.
    if (state) startTransition(() => void hydrateRoot(container, app))
    else createRoot(container).render(app)
  })
}
