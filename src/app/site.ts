// Who the site is and where it lives: for canonical URLs, share cards, structured data and feeds.
export const SITE_NAME = 'Dispatch'
export const SITE_DESCRIPTION = 'The latest stories from Dispatch, newest first.'
export const SITE_LANG = 'en-GB'

// Vite fills import.meta.env in the app; the build scripts (feeds, share card) run outside Vite
// and read the same variable from the process environment.
const env = import.meta.env as ImportMetaEnv | undefined
const configured =
  env?.VITE_SITE_ORIGIN ??
  (typeof process === 'undefined' ? undefined : process.env.VITE_SITE_ORIGIN)

/** Public origin, fixed at build time with VITE_SITE_ORIGIN (no trailing slash). */
export const SITE_ORIGIN = (configured || 'http://localhost:4173').replace(/\/+$/, '')

export const absoluteUrl = (path: string) => new URL(path, `${SITE_ORIGIN}/`).href

/** The card shown when a page is shared (1200 x 630). */
export const SHARE_IMAGE = { path: '/share-card.png', width: 1200, height: 630, alt: 'Dispatch' }
