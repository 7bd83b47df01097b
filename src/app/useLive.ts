import { startTransition, useEffect, useState } from 'react'

// Set once the app has hydrated the prerendered page; whatever renders after that starts live.
let hydrated = false

/** Whether the app has taken over the prerendered page (never while prerendering or hydrating). */
export const isLive = () => hydrated

/**
 * False in the prerendered HTML and while hydrating it, true once the app is live in the browser:
 * for what only works with JavaScript, without a hydration mismatch. The switch after hydration is
 * a transition, so it runs in its own short tasks instead of lengthening hydration's last one.
 */
export function useLive(): boolean {
  const [live, setLive] = useState(isLive)
  useEffect(() => {
    hydrated = true
    if (!live) startTransition(() => setLive(true))
  }, [live])
  return live
}
