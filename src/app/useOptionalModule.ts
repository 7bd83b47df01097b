import { useEffect, useState } from 'react'

/**
 * A module loaded when first needed, for what a page can do without: undefined until it arrives,
 * null if it cannot (offline, or a deploy removed the old chunk). React's `lazy` would throw the
 * failure to the route's error page instead, taking the page with it.
 */
export function useOptionalModule<M>(load: () => Promise<M>): M | undefined | null {
  const [loaded, setLoaded] = useState<M | undefined | null>(undefined)
  useEffect(() => {
    let current = true
    load().then(
      (module) => current && setLoaded(() => module),
      () => current && setLoaded(null),
    )
    return () => {
      current = false
    }
  }, [load])
  return loaded
}
