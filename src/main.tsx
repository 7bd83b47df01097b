import { hydrate, QueryClientProvider } from '@tanstack/react-query'
import { startTransition, StrictMode } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { createBrowserRouter, type DataRouter } from 'react-router'
import { RouterProvider } from 'react-router/dom'
import { createQueryClient } from './app/queryClient'
import { QUERY_STATE_ID, type PageState } from './app/queryState'
import { createRoutes } from './app/routes'

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

async function start() {
  const queryClient = createQueryClient()
  // Fill the cache before the router exists: it runs loaders at once, and they should find data.
  const json = document.getElementById(QUERY_STATE_ID)?.textContent
  const state = json ? (JSON.parse(json) as PageState) : undefined
  if (state) hydrate(queryClient, state.queries)
  const router = createBrowserRouter(
    createRoutes(queryClient),
    state ? { hydrationData: state.router } : {},
  )
  const container = document.getElementById('root')
  if (!container) throw new Error('#root is missing from index.html')
  const app = (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>
  )
  // Wait for the route's code (lazy routes) and, without prerendered state, its data: the static
  // markup stays on screen until the live page can take it over whole.
  await routerReady(router)
  // A transition lets React hydrate in small slices, so the page answers input throughout.
  if (container.dataset.prerendered === 'route')
    startTransition(() => void hydrateRoot(container, app))
  else createRoot(container).render(app)
}

void start()
