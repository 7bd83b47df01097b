// The reader's choice to hide ads for this visit (sessionStorage), where the site allows it
// (`adConfig.readerCanHide`). An external store read through useSyncExternalStore, so every
// component in a render sees the same value.
import { useSyncExternalStore } from 'react'

const KEY = 'dispatch:ads'
const listeners = new Set<() => void>()

export interface AdPreference {
  shown: boolean
  /** How many times the reader has switched ads on this page: tells their click from a load. */
  toggles: number
}

let toggles = 0

function readShown(): boolean {
  try {
    return sessionStorage.getItem(KEY) !== 'off'
  } catch {
    return true
  }
}

// The snapshot is one string, so React can compare two readings by value.
const snapshot = () => `${readShown() ? 'shown' : 'hidden'}:${toggles}`
const serverSnapshot = () => 'shown:0'

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

/**
 * Whether to show ads, and how often the reader has switched them here. The prerendered page
 * always has its slots, so the server says shown.
 */
export function useAdPreference(): AdPreference {
  const [shown, count] = useSyncExternalStore(subscribe, snapshot, serverSnapshot).split(':')
  return { shown: shown === 'shown', toggles: Number(count) }
}
