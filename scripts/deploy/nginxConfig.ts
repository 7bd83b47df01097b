// Writes the nginx configuration for a build: deploy/nginx/'s files, plus the security headers for
// this build's inline stylesheet and script and its settings. `npm run build` writes it to dist-nginx/; copy that folder
// to /etc/nginx/ (README, "Serving").
import { cp, mkdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { adProviderOrigins, readAdSettings } from '../../src/ads/settings'
import { writeWhole } from '../lib/fs'
import {
  apiOriginOf,
  pageInlineScripts,
  pageStylesheet,
  securityHeadersConf,
} from './securityHeaders'

export interface NginxConfigOptions {
  /** A built page: its inline stylesheet is the one every page carries. */
  pageFile: string
  /** The site's VITE_* settings (vite's `loadEnv`: the environment and .env files). */
  env: Record<string, string | undefined>
  /** deploy/nginx: the configuration's hand-written files. */
  sourceDir: string
  outDir: string
}

export async function writeNginxConfig(options: NginxConfigOptions) {
  const page = await readFile(options.pageFile, 'utf8')
  const stylesheet = pageStylesheet(page)
  const inlineScripts = pageInlineScripts(page)
  const apiOrigin = apiOriginOf(options.env.VITE_API_BASE)
  const ads = adProviderOrigins[readAdSettings(options.env).provider]
  const headers = securityHeadersConf({ stylesheet, inlineScripts, ads, apiOrigin })
  await rm(options.outDir, { recursive: true, force: true })
  await mkdir(options.outDir, { recursive: true })
  await cp(options.sourceDir, options.outDir, { recursive: true })
  await writeWhole(path.join(options.outDir, 'security-headers.conf'), headers)
  return { apiOrigin, headers }
}
