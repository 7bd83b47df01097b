// The security headers the build writes for nginx (dist-nginx/security-headers.conf), from what the
// site is built with: the pages' inline stylesheet, the API's origin (VITE_API_BASE) and the ad
// provider's origins (src/ads/settings.ts). Written by the build, never by hand: a change to the
// CSS or the configuration changes the policy with it (docs/decisions/016).
import { createHash } from 'node:crypto'
import type { AdOrigins } from '../../src/ads/settings'

export interface PolicyInputs {
  /** The one inline style every page carries (docs/decisions/011). */
  stylesheet: string
  /** The inline scripts every page carries: the first-paint script (src/display/firstPaint.ts). */
  inlineScripts: readonly string[]
  /** Where readers' browsers fetch the API, when it is not the site's own origin. */
  apiOrigin?: string | undefined
  ads: AdOrigins
}

export class DeploySettingsError extends Error {
  constructor(message: string) {
    super(`deploy settings: ${message}`)
    this.name = 'DeploySettingsError'
  }
}

/** The `sha256-…` source that allows exactly this inline style or script. */
export const sourceHash = (css: string) =>
  `'sha256-${createHash('sha256').update(css).digest('base64')}'`

/** The inline stylesheet of a built page. */
export function pageStylesheet(html: string): string {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)]
  if (styles.length !== 1)
    throw new Error(`a built page should carry one inline stylesheet; found ${styles.length}`)
  return styles[0]?.[1] ?? ''
}

/**
 * The scripts a built page runs from its own markup. Data blocks (`application/json`, JSON-LD) are
 * never run, so the policy need not allow them.
 */
export function pageInlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes = '']) => !/\ssrc=/.test(attributes) && !/\stype=/.test(attributes))
    .map(([, , script = '']) => script)
}

/**
 * The origin of `VITE_API_BASE` when it names another site (`https://cms.example.org/api/`), or
 * undefined for the site's own API (a path such as the default `/api/`).
 */
export function apiOriginOf(apiBase: string | undefined): string | undefined {
  const value = apiBase?.trim()
  if (!value || value.startsWith('/')) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new DeploySettingsError(`VITE_API_BASE is "${value}"; expected a path or an http(s) URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new DeploySettingsError(`VITE_API_BASE is "${value}"; expected a path or an http(s) URL`)
  return url.origin
}

/** An origin as a CSP source: exactly a scheme, a host and maybe a port, nothing that ends the policy. */
function source(origin: string, where: string): string {
  if (!/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin))
    throw new DeploySettingsError(`${where}: "${origin}" is not an origin (https://host[:port])`)
  return origin
}

const sources = (base: string[], origins: readonly string[], where: string) =>
  [...base, ...origins.map((o) => source(o, where))].join(' ')

/**
 * The one Trusted Types policy pages may create: src/boot.ts's, which lets the date-data worker's
 * script (a build asset on the site's own origin) through.
 */
export const TRUSTED_TYPES_POLICY = 'dispatch-worker'

/**
 * The page policy. One inline script, the first-paint one, allowed by its hash; page state travels
 * as inert JSON, which needs none. Trusted Types are enforced: React renders content as text, and nothing in the app or the
 * ad code writes HTML or script into a DOM sink; the one script URL, the worker's, goes through
 * TRUSTED_TYPES_POLICY (docs/decisions/016).
 */
export function contentSecurityPolicy(inputs: PolicyInputs): string {
  const { stylesheet, inlineScripts, apiOrigin, ads } = inputs
  const connections = apiOrigin ? [...ads.connections, apiOrigin] : ads.connections
  const scripts = ["'self'", ...inlineScripts.map(sourceHash)]
  const directives = [
    "default-src 'self'",
    `script-src ${sources(scripts, ads.scripts, 'ads script origin')}`,
    `style-src 'self' ${sourceHash(stylesheet)}`,
    `img-src ${sources(["'self'", 'data:'], ads.images, 'ads image origin')}`,
    "font-src 'self'",
    `connect-src ${sources(["'self'"], connections, 'API or ads origin')}`,
    `frame-src ${sources(["'self'"], ads.frames, 'ads frame origin')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    `trusted-types ${TRUSTED_TYPES_POLICY}`,
  ]
  return directives.join('; ')
}

/** Features no page uses, refused to the page and to every frame in it (ads included). */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
].join(', ')

/** The nginx snippet every location of deploy/nginx/site.conf includes. */
export function securityHeadersConf(inputs: PolicyInputs): string {
  const header = (name: string, value: string) => `add_header ${name} "${value}" always;`
  return [
    '# Written by the build (scripts/deploy/securityHeaders.ts) from the built stylesheet and the',
    "# site's settings; edit those, not this file. Included in each location of site.conf, because an",
    '# add_header in a location replaces the ones above it.',
    header('Content-Security-Policy', contentSecurityPolicy(inputs)),
    header('X-Content-Type-Options', 'nosniff'),
    header('X-Frame-Options', 'DENY'),
    header('Referrer-Policy', 'strict-origin-when-cross-origin'),
    header('Permissions-Policy', PERMISSIONS_POLICY),
    '',
  ].join('\n')
}
