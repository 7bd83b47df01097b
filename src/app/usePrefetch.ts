import { useQueryClient, type QueryClient } from '@tanstack/react-query'

/**
 * Handlers that start fetching a link's data when the reader shows intent (hover, focus, touch),
 * so the click usually finds it cached.
 */
export function usePrefetch(prefetch: (queryClient: QueryClient) => Promise<unknown>) {
  const queryClient = useQueryClient()
  const start = () => {
    void prefetch(queryClient)
  }
  return { onMouseEnter: start, onFocus: start, onTouchStart: start }
}
