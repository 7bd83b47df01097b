// What a site chooses about its ads, at build time, from VITE_ADS_* settings in the environment or
// an .env file (see the README). vite.config.ts reads them once with `readAdSettings`, which stops
// the build on a bad value and names the setting; the app receives the result as a constant. No
// browser code here: the build, the unit tests and the e2e tests read the same settings.

/** The providers a site can choose; each is implemented in src/ads/providers.ts. */
export const adProviderNames = ['house'] as const
export type AdProviderName = (typeof adProviderNames)[number]

/**
 * Origins, besides the site's own, that a provider's code and creatives use. The build puts them in
 * the Content-Security-Policy it writes for the server (scripts/deploy/securityHeaders.ts): a
 * provider that frames, loads or calls anything else is blocked by readers' browsers.
 */
export interface AdOrigins {
  /** Where its creatives' frames come from (`frame-src`). */
  frames: readonly string[]
  /** Where its own code loads scripts from (`script-src`). */
  scripts: readonly string[]
  /** Where it sends requests: ad servers, measurement (`connect-src`). */
  connections: readonly string[]
  /** Where images it puts in the page itself come from (`img-src`). */
  images: readonly string[]
}

export const adProviderOrigins: Record<AdProviderName, AdOrigins> = {
  // Inventory, creatives and their frames are all the site's own files (public/ads/).
  house: { frames: [], scripts: [], connections: [], images: [] },
}

export interface AdSettings {
  /** `VITE_ADS_PROVIDER`: which provider fills the slots. Default `house`. */
  provider: AdProviderName
  /** `VITE_ADS_PROVIDER_TIMEOUT_MS`: a provider slower than this to answer leaves the slot's house fallback. Default 3000. */
  providerTimeoutMs: number
  /** `VITE_ADS_CREATIVE_TIMEOUT_MS`: a creative that has not said it rendered by then is given up on. Default 3000. */
  creativeTimeoutMs: number
  /** `VITE_ADS_READER_CAN_HIDE`: offer readers "Hide ads for this visit" (`false` for sites that must show ads). Default `true`. */
  readerCanHide: boolean
}

/** How slots ask, the same on every site (docs/decisions/010). */
export const adTiming = {
  /** Ask for a creative when the slot is this close to the viewport (the Guardian uses 20%). */
  rootMargin: '20% 0px',
  /** The slot must stay near the viewport this long: a fling past it requests nothing. */
  settleMs: 150,
} as const

export class AdSettingsError extends Error {
  constructor(problems: string[]) {
    super(`ad settings: ${problems.join('; ')}`)
    this.name = 'AdSettingsError'
  }
}

/** The site's ad settings from its environment; throws AdSettingsError naming each bad one. */
export function readAdSettings(env: Record<string, string | undefined>): AdSettings {
  const problems: string[] = []
  const setting = (name: string) => {
    const value = env[name]?.trim()
    return value === '' ? undefined : value
  }
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = setting(name)
    if (value === undefined) return fallback
    if ((allowed as readonly string[]).includes(value)) return value as T
    problems.push(`${name} is "${value}"; expected one of ${allowed.join(', ')}`)
    return fallback
  }
  const milliseconds = (name: string, fallback: number) => {
    const value = setting(name)
    if (value === undefined) return fallback
    const ms = Number(value)
    if (Number.isInteger(ms) && ms >= 100 && ms <= 60_000) return ms
    problems.push(`${name} is "${value}"; expected whole milliseconds from 100 to 60000`)
    return fallback
  }
  const settings: AdSettings = {
    provider: oneOf('VITE_ADS_PROVIDER', adProviderNames, 'house'),
    providerTimeoutMs: milliseconds('VITE_ADS_PROVIDER_TIMEOUT_MS', 3000),
    creativeTimeoutMs: milliseconds('VITE_ADS_CREATIVE_TIMEOUT_MS', 3000),
    readerCanHide: oneOf('VITE_ADS_READER_CAN_HIDE', ['true', 'false'], 'true') === 'true',
  }
  if (problems.length > 0) throw new AdSettingsError(problems)
  return settings
}
