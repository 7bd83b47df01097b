// The web app manifest (docs/decisions/021): what a phone or desktop needs to install Dispatch as
// an app. vite.config.ts writes it as /manifest.webmanifest; `npm run icons` draws the icons.
import type { ManifestOptions } from 'vite-plugin-pwa'
import { SITE_LANG, SITE_NAME } from '../app/site.ts'

export const APP_ICONS = [
  { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
  { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
  { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
] as const

export const webAppManifest = {
  id: '/',
  name: SITE_NAME,
  short_name: SITE_NAME,
  description:
    'The news, read your way: stories, the people and places in them, and what they said.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  // The light theme's page and brand colours (src/styles/global.css).
  background_color: '#ffffff',
  theme_color: '#ffffff',
  lang: SITE_LANG,
  categories: ['news'],
  icons: APP_ICONS.map((icon) => ({ ...icon })),
} satisfies Partial<ManifestOptions>
