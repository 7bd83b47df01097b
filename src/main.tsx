import { hydrate, QueryClientProvider } from '@tanstack/react-query'
import { startTransition, StrictMode } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { createBrowserRouter, matchRoutes, type DataRouter, type RouteObject } from 'react-router'
import { RouterProvider } from 'react-router/dom'
import { createQueryClient } from './app/queryClient'
import { QUERY_STATE_ID, type PageState } from './app/queryState'
import { createRoutes } from './app/routes'
import { markLive } from './app/useLive'
import { adEvents } from './ads/config'
import { forwardToWindow } from './ads/events'

function routerReady(router: DataRouter) {
  return new Promise<void>((resolve) => {
    if (router.state.initialized) {
      resolve()
      return
    }
    const unsubscribe = router.subscribe((state) => {
      if (!state.initialized) return
      unsubscribe()
      resolve()
    })
  })
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

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * Start-up runs as a few short tasks (fill the cache; create the router; hydrate), never one long
 * one. Called by boot.ts, which reports any failure.
 */
export async function start() {
  // Evaluating this module is a task of its own; the work begins in the next.
  await nextTask()
  // Ad events reach the site's analytics tag from before the first slot can ask.
  forwardToWindow(adEvents)
  const queryClient = createQueryClient()
  // Fill the cache before the router exists: it runs loaders at once, and they should find data.
  const json = document.getElementById(QUERY_STATE_ID)?.textContent
  const state = json ? (JSON.parse(json) as PageState) : undefined
  if (state) hydrate(queryClient, state.queries)
  const routes = createRoutes(queryClient)
  await resolveLazyRoutes(routes)
  await nextTask()
  const router = createBrowserRouter(routes, state ? { hydrationData: state.router } : {})
  const container = document.getElementById('root')
  if (!container) throw new Error('#root is missing from index.html')
  const app = (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>
  )
  // Without prerendered state, wait for the route's data: the static markup stays on screen until
  // the live page can take it over whole.
  await routerReady(router)
  await nextTask()
  // A transition lets React hydrate in small slices, so the page answers input throughout.
  if (container.dataset.prerendered === 'route')
    startTransition(() => void hydrateRoot(container, app))
  else {
    // Nothing to hydrate: the page renders live from the start.
    markLive()
    createRoot(container).render(app)
  }
}
