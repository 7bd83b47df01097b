// The API base is fixed at build time (VITE_API_BASE), so a site can point the reader at its own
// CMS endpoint serving the same contract. Default: the static API built from content/.
// Scripts run outside Vite (the benchmarks) have no import.meta.env: the default base then.
const env = import.meta.env as ImportMetaEnv | undefined
const configured: string = env?.VITE_API_BASE || '/api/'
const apiBase = configured.endsWith('/') ? configured : `${configured}/`

/** Origin that relative API URLs resolve against while prerendering, where there is no document. */
export const PRERENDER_ORIGIN = 'http://prerender.dispatch.invalid/'

export function apiUrl(path: string): string {
  const origin = typeof document === 'undefined' ? PRERENDER_ORIGIN : document.baseURI
  return new URL(path, new URL(apiBase, origin)).href
}

/**
 * An API URL as the prerendered page writes it: relative to the site when the API is on the
 * site's own origin (the prerender's stand-in origin must not reach a page).
 */
export function apiHref(path: string): string {
  const url = apiUrl(path)
  return url.startsWith(PRERENDER_ORIGIN) ? url.slice(PRERENDER_ORIGIN.length - 1) : url
}
