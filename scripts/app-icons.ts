// `npm run icons`: draws the app icons the web app manifest names (public/icons/), from the site's
// icon (public/favicon.svg): 192 and 512 pixels as they are, and a 512-pixel maskable one whose mark
// sits inside the safe circle a phone may crop it to. Re-run after a brand change.
import { chromium } from '@playwright/test'
import { mkdirSync, readFileSync } from 'node:fs'
import { launchOptions } from '../e2e/browser'
import { APP_ICONS } from '../src/offline/manifest'

const svg = readFileSync('public/favicon.svg', 'utf8')
const brand = /fill="(#[0-9a-f]{6})"/i.exec(svg)?.[1]
if (!brand) throw new Error('public/favicon.svg: no fill colour for the icon’s background')
const dataUri = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`

const browser = await chromium.launch(launchOptions)
mkdirSync('public/icons', { recursive: true })
for (const icon of APP_ICONS) {
  const size = Number(icon.sizes.split('x')[0])
  // Maskable: full-bleed background, the mark at 60% (the safe zone is the middle 80%).
  const maskable = icon.purpose === 'maskable'
  const html = `<!doctype html><html><body style="margin:0;background:${maskable ? brand : 'transparent'}">
    <img src="${dataUri}" style="display:block;width:${maskable ? size * 0.6 : size}px;
      margin:${maskable ? size * 0.2 : 0}px"></body></html>`
  const page = await browser.newPage({ viewport: { width: size, height: size } })
  await page.setContent(html)
  await page.screenshot({ path: `public${icon.src}`, omitBackground: !maskable })
  await page.close()
  console.log(`icon: public${icon.src}`)
}
await browser.close()
