// Which ad provider fills the slots, and how. A site with its own ad server replaces `provider`
// with its own AdProvider (see src/ads/types.ts and the README); article code stays as it is.
import { createAdEvents } from './events'
import { createHouseProvider } from './houseProvider'
import type { AdProvider, AdSize } from './types'

export const adConfig: {
  provider: AdProvider
  /** Ask for a creative when the slot is this close to the viewport (the Guardian uses 20%). */
  rootMargin: string
  /** The slot must stay near the viewport this long: a fling past it requests nothing. */
  settleMs: number
  /** A provider or creative slower than this leaves the house fallback in place. */
  timeoutMs: number
  /** Offer readers a "Hide ads" control for their visit (off for sites that must show ads). */
  readerCanHide: boolean
} = {
  provider: createHouseProvider(),
  rootMargin: '20% 0px',
  settleMs: 150,
  timeoutMs: 3000,
  readerCanHide: true,
}

/** Every ad event; the app forwards them to window as `dispatch:ad` once it starts (main.tsx). */
export const adEvents = createAdEvents()

/** The sizes the slot reserves at the current width (tokens in global.css), best first. */
export function reservedSizes(): AdSize[] {
  return window.matchMedia('(min-width: 48em)').matches
    ? [{ width: 336, height: 280 }]
    : [{ width: 300, height: 250 }]
}
