import { startTransition, useEffect, useState } from 'react'
import { isLive } from './live'

// One shared clock for every relative time on the page, ticking while anything listens.
const TICK_MS = 30_000
const listeners = new Set<() => void>()
let timer: ReturnType<typeof setInterval> | undefined

function subscribe(listener: () => void) {
  listeners.add(listener)
  timer ??= setInterval(() => listeners.forEach((notify) => notify()), TICK_MS)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

/**
 * The current time in ms, or null while prerendering and hydrating: the static HTML cannot know
 * when it is read, so it shows the exact date and the relative one appears once the page is live.
 * Updates are transitions: dozens of times on a page re-render without blocking input.
 */
export function useNow(): number | null {
  const [now, setNow] = useState(() => (isLive() ? Date.now() : null))
  useEffect(() => {
    // After hydration, the first reading; a time that mounted live already has one.
    startTransition(() => setNow((current) => current ?? Date.now()))
    return subscribe(() => startTransition(() => setNow(Date.now())))
  }, [])
  return now
}
