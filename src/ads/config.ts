// The ads this build delivers: the site's settings (src/ads/settings.ts, read by vite.config.ts at
// build time), the provider they name, and the events every slot reports to.
import { createAdEvents } from './events'
import { adProviders } from './providers'
import { adTiming } from './settings'
import type { AdProvider, AdSize } from './types'

let provider: Promise<AdProvider> | undefined

export const adConfig = {
  ...__DISPATCH_ADS__,
  ...adTiming,
  /** The site's provider, loaded once, when first asked for (again after a failed load). */
  loadProvider: () =>
    (provider ??= adProviders[__DISPATCH_ADS__.provider]().catch((error: unknown) => {
      provider = undefined
      throw error
    })),
}

/** Every ad event; start-up forwards them to window as `dispatch:ad` (src/app/startUp.tsx). */
export const adEvents = createAdEvents()

/** The sizes the slot reserves at the current width (tokens in global.css), best first. */
export function reservedSizes(): AdSize[] {
  return window.matchMedia('(min-width: 48em)').matches
    ? [{ width: 336, height: 280 }]
    : [{ width: 300, height: 250 }]
}
