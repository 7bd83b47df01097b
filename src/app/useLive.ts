import { useSyncExternalStore } from 'react'

const subscribeNever = () => () => undefined

/**
 * False in the prerendered HTML and while hydrating it, true once the app is live in the browser:
 * for what only works with JavaScript, without a hydration mismatch.
 */
export function useLive(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  )
}
