import { useEffect, useState } from 'react'

/**
 * A module loaded when first needed, for what a page can do without: undefined until it arrives,
 * and for good if it cannot (offline, or a deploy removed the old chunk). React's `lazy` would
 * throw the failure to the route's error page instead.
 */
export function useOptionalModule<M>(load: () => Promise<M>): M | undefined {
  const [loaded, setLoaded] = useState<M | undefined>(undefined)
  useEffect(() => {
    let current = true
    load().then(
      (module) => current && setLoaded(() => module),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [load])
  return loaded
}
