import { QueryClient } from '@tanstack/react-query'
import { isTransient } from '../api/errors'

/** One client per browser session, or per page while prerendering (which never retries). */
export function createQueryClient({ prerender = false } = {}) {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Stories change rarely; a reader moving back and forth should not refetch them.
        staleTime: 5 * 60_000,
        // Prerendering keeps each page's cache until it is dehydrated; no timers left behind.
        gcTime: prerender ? Infinity : 30 * 60_000,
        refetchOnWindowFocus: false,
        // Loaders await their data, so a query paused while the device is offline (the default)
        // would leave a tapped link pending with no word. Try at once: no connection is an error
        // the page can name, with "Try again".
        networkMode: 'always',
        retry: (failures, error) => !prerender && isTransient(error) && failures < 2,
        retryDelay: (attempt) => 300 * 2 ** attempt,
      },
    },
  })
}
