/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the article API, fixed at build time. Default: `/api/` (the built-in content). */
  readonly VITE_API_BASE?: string
  /** The site's public origin, for canonical URLs, share cards and feeds. */
  readonly VITE_SITE_ORIGIN?: string
  /** `off` builds the site without its service worker, and retires one readers already have. */
  readonly VITE_OFFLINE?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}

/** The site's ad settings, read from VITE_ADS_* by vite.config.ts at build time. */
declare const __DISPATCH_ADS__: import('./ads/settings').AdSettings

/** Defined (true) in the browser bundle only: see `contentRules` in src/content/schema.ts. */
declare const __BROWSER_BUNDLE__: true | undefined
