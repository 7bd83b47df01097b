import { startTransition, useEffect, useState } from 'react'

// Set once the app has taken over the page (Layout, after hydration; main.tsx, before a client
// render): whatever mounts after that starts live.
let live = false

/** Whether the app has taken over the prerendered page (never while prerendering or hydrating). */
export const isLive = () => live

/** Records that the app is live; called once hydration has committed. */
export function markLive() {
  live = true
}

/**
 * False in the prerendered HTML and while hydrating it, true once the app is live in the browser:
 * for what only works with JavaScript, without a hydration mismatch. The switch after hydration is
 * a transition, so it runs in its own short tasks instead of lengthening hydration's last one.
 */
export function useLive(): boolean {
  const [current, setCurrent] = useState(isLive)
  useEffect(() => {
    if (!current) startTransition(() => setCurrent(true))
  }, [current])
  return current
}
