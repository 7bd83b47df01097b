// `npm run screenshots`: captures the main pages at phone and desktop widths into screenshots/,
// from a running preview (`npm start`). For looking at the reader as a reader would.
import { chromium } from '@playwright/test'
import { mkdir } from 'node:fs/promises'
import { launchOptions } from '../e2e/browser'

const base = process.env.BASE_URL ?? 'http://localhost:4173'
const pages = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      '/',
      '/articles/trump-speaks-with-putin-ally-lukashenko-thanks-him-for-prisoner-release-ahead-of-alaska-summit',
      '/entities/alexander-lukashenko',
      '/does-not-exist',
    ]
const widths = [390, 1280]

await mkdir('screenshots', { recursive: true })
const browser = await chromium.launch(launchOptions)
for (const width of widths) {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  for (const path of pages) {
    await page.goto(base + path, { waitUntil: 'networkidle' })
    // Lazy pictures load as they near the window: bring each into view, then wait for them all.
    for (const image of await page.locator('img[loading="lazy"]').all()) {
      await image.scrollIntoViewIfNeeded()
    }
    await page.waitForFunction(() => [...document.images].every((image) => image.complete))
    // Loaded is not yet drawn: on a busy machine an AVIF still decoding was shot as an empty box.
    await page.evaluate(() =>
      Promise.all([...document.images].map((image) => image.decode().catch(() => undefined))),
    )
    await page.evaluate(() => window.scrollTo(0, 0))
    const name = (path.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'front').slice(0, 40)
    const file = `screenshots/${name}-${width}.png`
    await page.screenshot({ path: file, fullPage: true })
    console.log(file)
  }
  await page.close()
}
await browser.close()
