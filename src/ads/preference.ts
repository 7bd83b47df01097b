// The reader's choice to hide ads for this visit (sessionStorage), where the site allows it
// (`adConfig.readerCanHide`).
import { useSyncExternalStore } from 'react'

const KEY = 'dispatch:ads'
const listeners = new Set<() => void>()
let toggles = 0

/** How many times the reader has switched ads this page: tells their click from a page load. */
export const togglesSoFar = () => toggles

function read(): boolean {
  try {
    return sessionStorage.getItem(KEY) !== 'off'
  } catch {
    return true
  }
}

export function setAdsShown(shown: boolean) {
  toggles++
  try {
    if (shown) sessionStorage.removeItem(KEY)
    else sessionStorage.setItem(KEY, 'off')
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
  for (const listener of listeners) listener()
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Whether to show ads. The prerendered page always has its slots, so the server says yes. */
export function useAdsShown(): boolean {
  return useSyncExternalStore(subscribe, read, () => true)
}
