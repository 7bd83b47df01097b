import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { APIRequestContext, Browser, Page } from '@playwright/test'
import { expect, test, WORKER_BLOCKED } from './fixtures'
import { HOSTILE_PORT } from './servers'
import { finished, runScript, serveWithNginx, stopAll } from './siteServer'
import { listRoutes } from '../scripts/prerender/site'
import { QUERY_STATE_ID } from '../src/app/queryState'
import { FIRST_PAINT_SCRIPT } from '../src/display/firstPaint'

// Runs against nginx only (see playwright.config.ts), whose Content-Security-Policy is the
// deployment's. A site built from content whose every text field holds hostile strings
// (e2e/hostile/strings.ts; built by e2e/hostile/build.ts, wire copy through ingest included):
// every page opened with and without JavaScript, every feed parsed.
test.describe.configure({ mode: 'serial' })

interface Built {
  strings: number
  stories: number
  ingested: number
  entities: number
  authors: number
  fields: Record<string, number>
  /** For each page, strings it must show as text. */
  expected: Record<string, string[]>
}

const origin = `http://127.0.0.1:${HOSTILE_PORT}`
const children: ChildProcess[] = []
let site: string
let built: Built
let pages: string[]
let request: APIRequestContext

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(300_000)
  site = await mkdtemp(path.join(os.tmpdir(), 'dispatch-hostile-'))
  const { code, output } = await finished(runScript('e2e/hostile/build.ts', ['--site', site]))
  expect(code, output).toBe(0)
  built = JSON.parse(output.trim().split('\n').at(-1) ?? '') as Built
  pages = await listRoutes(path.join(site, 'dist'))
  request = await playwright.request.newContext({ baseURL: origin })
  await serveWithNginx(path.join(site, 'dist'), HOSTILE_PORT, request, children)
})

test.afterAll(async () => {
  await request.dispose()
  await stopAll(children)
  await rm(site, { recursive: true, force: true })
})

/** What a page did that it must not: ran script, opened a dialog, broke the policy, logged errors. */
async function watched(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ baseURL: origin, javaScriptEnabled })
  const incidents: string[] = []
  // The strings call __hostile(n) if they ever run: in any frame of any page.
  await context.exposeBinding('__hostile', ({ frame }, n: unknown) => {
    incidents.push(`script ran: __hostile(${String(n)}) in ${frame.url()}`)
  })
  await context.exposeBinding('__violation', (_, v: string) => incidents.push(`CSP: ${v}`))
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __violation: (v: string) => void }).__violation
      report(`${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      incidents.push(`dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return
      if (message.text() !== WORKER_BLOCKED) incidents.push(`console: ${message.text()}`)
    })
    page.on('pageerror', (error) => incidents.push(`pageerror: ${error.message}`))
  })
  // Only the site's own code, data and ads, and the pages we open: nothing a string asked for.
  context.on('request', (req) => {
    const url = new URL(req.url())
    const ours =
      url.origin === origin &&
      (/^\/(assets|api|ads)\//.test(url.pathname) ||
        (req.isNavigationRequest() && pages.includes(url.pathname)))
    if (!ours) incidents.push(`unexpected request: ${req.url()}`)
  })
  return { context, incidents }
}

/** The strings a page must show as text, whole, that it does not. */
async function missingText(page: Page, route: string) {
  const text = await page.locator('body').evaluate((body) => body.textContent)
  return (built.expected[route] ?? []).filter((s) => !text.includes(s))
}

test('hostile content builds: every string in every text field that can hold it', () => {
  test.info().annotations.push({
    type: 'hostile content',
    description: `${built.strings} strings; ${built.stories} stories written, ${built.ingested} ingested; ${built.entities} entities; ${built.authors} authors; ${pages.length} pages; fields: ${JSON.stringify(built.fields)}`,
  })
  expect(built.strings).toBeGreaterThanOrEqual(60)
  expect(built.ingested).toBe(3)
  // Every field holds every string. (Sections are not among them: see e2e/hostile/build.ts.)
  for (const [field, count] of Object.entries(built.fields))
    expect(count, field).toBe(built.strings)
  expect(Object.keys(built.fields)).toEqual(
    expect.arrayContaining(['author name', 'author role', 'author bio']),
  )
})

test('every page, with JavaScript: nothing runs, nothing is fetched, nothing breaks the policy', async ({
  browser,
}) => {
  test.setTimeout(600_000)
  const { context, incidents } = await watched(browser, true)
  const page = await context.newPage()
  for (const route of pages) {
    await page.goto(route)
    const started = await page
      .locator('html[data-live]')
      .waitFor({ state: 'attached', timeout: 30_000 })
      .then(
        () => true,
        () => false,
      )
    // What went wrong first, named with its page: a string that ran can also stop the app.
    expect(incidents, route).toEqual([])
    expect(started, `${route}: the app started`).toBe(true)
    // Ads fill as the reader nears them: bring every slot into view.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    expect(await missingText(page, route), route).toEqual([])
  }
  expect(incidents).toEqual([])
  await context.close()
})

test('every page, without JavaScript: the markup is the app’s own, the strings only text', async ({
  browser,
}) => {
  test.setTimeout(600_000)
  const { context, incidents } = await watched(browser, false)
  const page = await context.newPage()
  for (const route of pages) {
    // Without script, the page is whole once its markup is parsed.
    await page.goto(route, { waitUntil: 'domcontentloaded' })
    expect(await missingText(page, route), route).toEqual([])
    const foreign = await page.evaluate(
      ([stateId, firstPaint]) => {
        const found: string[] = []
        for (const el of document.querySelectorAll('*')) {
          for (const attr of el.getAttributeNames())
            if (attr.startsWith('on')) found.push(`${el.localName}[${attr}]`)
          const href = el.getAttribute('href') ?? ''
          if (/^\s*(javascript|data:text|vbscript)/i.test(href) && el.localName !== 'link')
            found.push(`${el.localName}[href=${href}]`)
        }
        const tags =
          'svg, math, iframe, object, embed, base, form, meta[http-equiv], noscript, style'
        // The app's own: the stylesheet in the head, the search page's form, and the notes the
        // search and saved pages have for browsers without script.
        const searchForm = document.querySelector('main form[role="search"][action="/search"]')
        const savedPage = document.querySelector('main > section[aria-labelledby="saved-title"]')
        const ours = (el: Element) =>
          (el.localName === 'style' && el.parentElement === document.head) ||
          el === searchForm ||
          (el.localName === 'noscript' &&
            (el.parentElement === searchForm || el.parentElement === savedPage))
        for (const el of document.querySelectorAll(tags)) if (!ours(el)) found.push(el.localName)
        // Scripts: the first-paint script, the app's module, and the inert JSON of its state and
        // structured data.
        for (const script of document.querySelectorAll('script')) {
          const type = script.getAttribute('type')
          if (type === null && !script.src && script.textContent === firstPaint) continue
          if (type === 'module' && script.src.includes('/assets/')) continue
          if (type === 'application/json' && script.id === stateId) {
            JSON.parse(script.textContent)
            continue
          }
          if (type === 'application/ld+json') {
            JSON.parse(script.textContent)
            continue
          }
          found.push(`script ${type ?? ''} ${script.src}`)
        }
        return found
      },
      [QUERY_STATE_ID, FIRST_PAINT_SCRIPT] as const,
    )
    expect(foreign, route).toEqual([])
    expect(incidents, route).toEqual([])
  }
  expect(incidents).toEqual([])
  await context.close()
})

test('every feed and sitemap parses as XML, headlines intact', async ({ page }) => {
  const feeds = (await readdir(path.join(site, 'dist'), { recursive: true }))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => `/${f.split(path.sep).join('/')}`)
  expect(feeds).toEqual(expect.arrayContaining(['/rss.xml', '/sitemap.xml']))
  for (const feed of feeds) {
    const xml = await (await request.get(feed)).text()
    // Chromium's XML parser is strict: a bad character or a stray `&` or `<` is a parsererror.
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml')
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        titles: [...doc.querySelectorAll('item > title')].map((t) => t.textContent),
      }
    }, xml)
    expect(parsed.error, feed).toBeNull()
    if (feed === '/rss.xml') {
      const headlines = Object.entries(built.expected)
        .filter(([route]) => route.startsWith('/articles/'))
        .map(([, shown]) => shown[0])
      expect(parsed.titles.length).toBeGreaterThan(0)
      for (const title of parsed.titles) expect(headlines).toContain(title)
    }
  }
})
