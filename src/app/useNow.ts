import { useSyncExternalStore } from 'react'

// One shared clock for every relative time on the page, ticking while anything listens.
const TICK_MS = 30_000
const listeners = new Set<() => void>()
let now = 0
let timer: ReturnType<typeof setInterval> | undefined

function subscribe(listener: () => void) {
  listeners.add(listener)
  if (timer === undefined) {
    timer = setInterval(() => {
      now = Date.now()
      listeners.forEach((notify) => notify())
    }, TICK_MS)
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      clearInterval(timer)
      timer = undefined
      now = 0
    }
  }
}

function getSnapshot() {
  if (now === 0) now = Date.now()
  return now
}

/**
 * The current time in ms, or null while prerendering and hydrating: the static HTML cannot know
 * when it is read, so it shows the exact date and the relative one appears once the page is live.
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, getSnapshot, () => null)
}
