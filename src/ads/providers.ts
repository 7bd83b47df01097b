// Every ad provider a site can choose with VITE_ADS_PROVIDER (src/ads/settings.ts). A site with its
// own ad server adds its AdProvider (src/ads/types.ts) here and its name there; article code and
// slots stay as they are. Each loads only when the first slot asks for an ad: pages without ads,
// and readers who never scroll to one, never download it.
import type { AdProviderName } from './settings'
import type { AdProvider } from './types'

export const adProviders: Record<AdProviderName, () => Promise<AdProvider>> = {
  house: async () => (await import('./houseProvider')).createHouseProvider(),
}
