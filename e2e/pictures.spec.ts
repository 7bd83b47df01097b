// Pictures, as a reader meets them: the story's lead picture first, with its caption and credit;
// the rest only as the reader scrolls to them; nothing moving while any of them loads.
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import type { Article } from '../src/content/schema'
import { expect, test } from './fixtures'
import { pauseClock } from './observe'
import { open } from './pages'

/** Long enough for several frames on the page's stopped clock, far short of start-up's timeout. */
const FRAMES = 200

const SLUG = 'port-ellerys-seawall-could-fail-within-25-years-marine-scientist-warns'
const story = JSON.parse(readFileSync(`content/articles/${SLUG}.json`, 'utf8')) as Article
const lead = story.image
const inline = story.body.find((block) => block.type === 'image')
if (!lead || !inline) throw new Error(`${SLUG} needs a lead picture and one in the story`)

/** The largest paint the page has made so far: what its element is, by its alt text. */
const largestPaint = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string | null>((resolve) => {
        new PerformanceObserver((list) => {
          const element = list.getEntries().at(-1) as
            (PerformanceEntry & { element?: Element }) | undefined
          resolve(element?.element?.getAttribute('alt') ?? element?.element?.tagName ?? null)
        }).observe({ type: 'largest-contentful-paint', buffered: true })
      }),
  )

/**
 * Counts every layout shift from the page's first moment (an observer added before its scripts),
 * summed as CLS counts them without its windows, and notes what moved: read with `shiftSoFar`.
 */
const watchShifts = (page: Page) =>
  page.addInitScript(() => {
    interface Shift extends PerformanceEntry {
      value: number
      sources: { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[]
    }
    const total = { value: 0, moved: [] as string[] }
    Object.assign(window, { __shifts: total })
    const box = ({ x, y, width, height }: DOMRectReadOnly) => `${x},${y} ${width}x${height}`
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Shift[]) {
        total.value += entry.value
        for (const { node, previousRect, currentRect } of entry.sources) {
          const name =
            node instanceof Element ? `${node.tagName}.${node.className}` : node?.nodeName
          total.moved.push(`${String(name)} ${box(previousRect)} -> ${box(currentRect)}`)
        }
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
/** The layout shift so far, and what moved (for the failure's message). */
const shiftSoFar = (page: Page) =>
  page.evaluate(
    () =>
      // After a frame, so the last shifts have been reported.
      new Promise<{ value: number; moved: string[] }>((resolve) =>
        requestAnimationFrame(() =>
          setTimeout(() =>
            resolve(
              (window as unknown as { __shifts: { value: number; moved: string[] } }).__shifts,
            ),
          ),
        ),
      ),
  )

/** The pictures the page has asked the server for, by path. */
const picturesFetched = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/images/')),
  )

test.describe('Pictures in a story', () => {
  test('the lead picture comes first, is the largest thing painted, and says what it shows', async ({
    page,
  }) => {
    await open(page, `/articles/${SLUG}`)
    const figure = page.getByRole('figure').filter({ has: page.getByAltText(lead.alt) })
    await expect(figure.getByRole('img', { name: lead.alt })).toBeVisible()
    await expect(figure).toContainText(lead.caption ?? '')
    await expect(figure).toContainText(lead.credit)
    // Polled: a page that went live on start-up's timeout (a busy machine, the picture still on
    // its way) has painted the headline largest so far, and lists the picture once it has come.
    await expect.poll(() => largestPaint(page)).toBe(lead.alt)
    // Fetched before any other picture, and asked for first.
    await expect
      .poll(async () => (await picturesFetched(page))[0])
      .toMatch(new RegExp(`^/images/${lead.file.replace('.svg', '')}-`))
    await expect(figure.getByRole('img')).toHaveAttribute('fetchpriority', 'high')
  })

  test('the app’s code waits until the lead picture has arrived', async ({ page }) => {
    // The picture held until the headline has painted (the first LCP the browser reports) and
    // some frames have passed: an app that started on the headline alone would be on the wire by
    // then. On the page's stopped clock, moved on by the test: start-up's timeout (3 s, after which
    // a page goes live without its picture) never runs out while a busy machine holds the test up.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(`**/images/${lead.file.replace('.svg', '')}-*`, async (route) => {
      await held
      await route.continue()
    })
    // The page's clock hides the browser's performance entries (its `performance` is a stand-in):
    // the real one is kept first, for the entries read below.
    await page.addInitScript(() => {
      Object.assign(window, { __entries: performance.getEntriesByType.bind(performance) })
    })
    const entries = (type: string) =>
      page.evaluate(
        (type) =>
          (window as unknown as { __entries: (type: string) => PerformanceResourceTiming[] })
            .__entries(type)
            .map((entry) => entry.toJSON() as PerformanceResourceTiming),
        type,
      )
    await page.clock.install()
    await page.goto(`/articles/${SLUG}`, { waitUntil: 'commit' })
    await pauseClock(page)
    // Polled from here: the page's own frames wait on its stopped clock.
    await expect.poll(async () => (await entries('paint')).length).toBeGreaterThan(0)
    await page.clock.runFor(FRAMES)
    release()
    // Resumed once the picture has come (its entry is made when it has): time runs as it would.
    const leadPicture = `/images/${lead.file.replace('.svg', '')}-`
    await expect
      .poll(async () =>
        (await entries('resource')).some((entry) =>
          new URL(entry.name).pathname.startsWith(leadPicture),
        ),
      )
      .toBe(true)
    await page.clock.resume()
    await page.locator('html[data-live]').waitFor({ state: 'attached' })
    const fetched = await entries('resource')
    const picture = fetched.find((entry) => entry.initiatorType === 'img')
    const scripts = fetched.filter(
      (entry) =>
        new URL(entry.name).pathname.startsWith('/assets/') &&
        !/\/assets\/index-[\w-]+\.js$/.test(entry.name),
    )
    expect(scripts.length).toBeGreaterThan(0)
    expect(Math.min(...scripts.map((entry) => entry.startTime))).toBeGreaterThanOrEqual(
      picture?.responseEnd ?? Infinity,
    )
  })

  test('a picture in the story has its caption and credit under it', async ({ page }) => {
    await open(page, `/articles/${SLUG}`)
    const picture = page.getByRole('img', { name: inline.alt })
    await picture.scrollIntoViewIfNeeded()
    await expect(picture).toHaveJSProperty('complete', true)
    const figure = page.getByRole('figure').filter({ has: picture })
    await expect(figure).toContainText(inline.caption ?? '')
    await expect(figure).toContainText(inline.credit)
  })

  test('nothing moves while the pictures arrive on a slow connection', async ({ page }) => {
    await watchShifts(page)
    // Every picture held until the page has painted and gone live, then let through together. With
    // its lead picture held, a page goes live on start-up's timeout, as on a very slow connection.
    let gate = Promise.resolve()
    let letThrough = () => {}
    await page.route('**/images/**', async (route) => {
      await gate
      await route.continue()
    })
    for (const path of [`/articles/${SLUG}`, '/', '/sections/science']) {
      gate = new Promise((resolve) => (letThrough = resolve))
      await page.goto(path, { waitUntil: 'domcontentloaded' })
      await page.locator('html[data-live]').waitFor({ state: 'attached' })
      letThrough()
      for (const image of await page.getByRole('main').locator('img').all())
        await image.scrollIntoViewIfNeeded()
      await page.waitForFunction(() => [...document.images].every((image) => image.complete))
      const shift = await shiftSoFar(page)
      expect(shift.value, `${path}: ${shift.moved.join('; ')}`).toBe(0)
    }
  })
})

test.describe('Pictures in lists', () => {
  test('the front page leads with its top story’s picture and crops the rest around their focus', async ({
    page,
    frontPage,
  }) => {
    await frontPage.goto()
    // In lists a picture repeats the headline beside it: screen readers skip it (empty alt).
    const pictures = frontPage.pictures
    expect(await pictures.count()).toBeGreaterThan(5)
    for (const picture of await pictures.all()) await expect(picture).toHaveAttribute('alt', '')
    await expect(pictures.first()).toHaveAttribute('fetchpriority', 'high')
    await expect(pictures.nth(1)).toHaveAttribute('loading', 'lazy')
    // The last section's pictures, far down the page, are fetched only as the reader nears them.
    const last = pictures.last()
    const file = (await last.getAttribute('src'))?.replace(/-\d+\.jpg$/, '') ?? ''
    const fetched = async () => (await picturesFetched(page)).some((path) => path.startsWith(file))
    expect(await fetched()).toBe(false)
    await last.scrollIntoViewIfNeeded()
    await expect.poll(fetched).toBe(true)
    // A thumbnail is a 3:2 crop whatever the picture's own shape.
    const thumbnail = frontPage.thumbnails.first()
    await thumbnail.scrollIntoViewIfNeeded()
    const box = await thumbnail.boundingBox()
    expect(box && box.width / box.height).toBeCloseTo(1.5, 1)
  })
})
