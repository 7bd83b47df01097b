import { startTransition, useEffect, useState } from 'react'
import { isLive } from './live'

/**
 * False in the prerendered HTML and during the first render in the browser, true once the app is
 * live: for what only works with JavaScript, without a hydration mismatch. The switch after the
 * first render is a transition, so it runs in its own short tasks instead of lengthening
 * hydration's last one.
 */
export function useLive(): boolean {
  const [current, setCurrent] = useState(isLive)
  useEffect(() => {
    if (!current) startTransition(() => setCurrent(true))
  }, [current])
  return current
}
