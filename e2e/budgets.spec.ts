import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, test } from './fixtures'
import { open } from './pages'

interface Budget {
  path: string
  javascript: number
  css: number
  firstParagraphHtml?: number
}
const { routes, serviceWorker } = JSON.parse(readFileSync('budgets.json', 'utf8')) as {
  routes: Record<string, Budget>
  serviceWorker: { file: string; javascript: number }
}
const gzipSize = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

// Sizes depend on the build, not the viewport or the server: playwright.config.ts runs this file
// in the desktop project only.
test.describe('Size budgets', () => {
  for (const [name, budget] of Object.entries(routes)) {
    test(`the ${name} page stays within its JavaScript and CSS budgets`, async ({ page }) => {
      const loaded = new Set<string>()
      page.on('response', (response) => {
        // Scripts, stylesheets and the date worker: whatever the page fetches from the build.
        const { pathname } = new URL(response.url())
        if (pathname.startsWith('/assets/') && /\.(js|css)$/.test(pathname)) loaded.add(pathname)
      })
      // Everything start-up loads is in by the time the app is live; then anything it fetches after.
      await open(page, budget.path)
      await page.waitForLoadState('networkidle')
      let javascript = 0
      // The stylesheet travels inside the page (see scripts/prerender/site.ts).
      let css = gzipSize((await page.locator('style').allTextContents()).join(''))
      for (const file of loaded) {
        const size = gzipSize(readFileSync(path.join('dist', file)))
        if (file.endsWith('.js')) javascript += size
        else css += size
      }
      test
        .info()
        .annotations.push({ type: 'size', description: `JS ${kb(javascript)}, CSS ${kb(css)}` })
      expect(javascript, `JavaScript ${kb(javascript)}`).toBeGreaterThan(0)
      expect(
        javascript,
        `JavaScript ${kb(javascript)} > ${kb(budget.javascript)}`,
      ).toBeLessThanOrEqual(budget.javascript)
      expect(css, `CSS ${kb(css)} > ${kb(budget.css)}`).toBeLessThanOrEqual(budget.css)
    })
  }

  test('the service worker stays within its budget', () => {
    // Fetched by the browser in the background on a reader's first visit, and at each new build.
    const size = gzipSize(readFileSync(path.join('dist', serviceWorker.file)))
    test.info().annotations.push({ type: 'size', description: `service worker ${kb(size)}` })
    expect(size, `service worker ${kb(size)}`).toBeLessThanOrEqual(serviceWorker.javascript)
  })

  test('the story’s first paragraph arrives in the first 14 KB of HTML', async ({ request }) => {
    const story = routes.story
    if (!story?.firstParagraphHtml) throw new Error('budgets.json has no story HTML budget')
    const html = await (await request.get(story.path)).text()
    // The first body paragraph is the first <p> inside the story body.
    const body = html.indexOf('class="article-body')
    const end = html.indexOf('</p>', html.indexOf('<p', body))
    expect(body).toBeGreaterThan(0)
    const upToParagraph = gzipSize(html.slice(0, end + '</p>'.length))
    expect(
      upToParagraph,
      `${kb(upToParagraph)} of HTML before the first paragraph ends`,
    ).toBeLessThanOrEqual(story.firstParagraphHtml)
  })
})
