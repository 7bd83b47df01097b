import type { AdEvent } from './types'

export type AdEventListener = (event: AdEvent) => void

/**
 * The events API: every request, fill, impression and viewable impression, for a site to forward
 * to its analytics (`ads.subscribe(send)`) and for the `?debug=ads` panel.
 */
export function createAdEvents(keep = 200) {
  const listeners = new Set<AdEventListener>()
  const log: AdEvent[] = []
  return {
    emit(event: AdEvent) {
      log.push(event)
      if (log.length > keep) log.shift()
      for (const listener of listeners) listener(event)
    },
    subscribe(listener: AdEventListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /** The most recent events, oldest first. */
    recent(): readonly AdEvent[] {
      return log
    },
  }
}

export type AdEvents = ReturnType<typeof createAdEvents>

/**
 * Dispatches every event on window as a `dispatch:ad` CustomEvent, for a site's analytics tag:
 * `addEventListener('dispatch:ad', (e) => send(e.detail))`. Returns a function that stops it.
 */
export function forwardToWindow(events: AdEvents, target: EventTarget = window) {
  return events.subscribe((event) =>
    target.dispatchEvent(new CustomEvent('dispatch:ad', { detail: event })),
  )
}
