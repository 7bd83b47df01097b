import type { Page } from '@playwright/test'
import { expect, SEED_SLUG, test } from './fixtures'
import { open } from './pages'

// A story with no ad markers, whose two slots were placed by the ingest rule.
const LONG_STORY = 'seagrass-meadows-off-skerrin-are-spreading-surprising-marine-scientists'

/** Records every layout shift and every ad event from the very start of the page. */
async function record(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number; __ads: string[] }
    w.__cls = 0
    w.__ads = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as {
        value: number
        hadRecentInput: boolean
      }[]) {
        if (!entry.hadRecentInput) w.__cls += entry.value
      }
    }).observe({ type: 'layout-shift', buffered: true })
    addEventListener('dispatch:ad', (e) => {
      const { type, slotId } = (e as CustomEvent<{ type: string; slotId: string }>).detail
      w.__ads.push(`${type}:${slotId}`)
    })
  })
  return {
    cls: () => page.evaluate(() => (window as unknown as { __cls: number }).__cls),
    ads: () => page.evaluate(() => (window as unknown as { __ads: string[] }).__ads),
  }
}

async function scrollThrough(page: Page, step: number, pauseMs: number) {
  for (let y = 0; y < 6000; y += step) {
    await page.mouse.wheel(0, step)
    await page.waitForTimeout(pauseMs)
  }
}

test.describe('Ad slots', () => {
  const cases = {
    fill: () => Promise.resolve(),
    fail: (page: Page) => page.route('**/ads/house-*.html', (route) => route.abort()),
    'time out': (page: Page) => page.route('**/ads/house-*.html', () => undefined),
  }
  for (const [outcome, arrange] of Object.entries(cases)) {
    for (const [speed, step, pause] of [
      ['reading', 200, 120],
      ['fling', 1500, 16],
    ] as const) {
      test(`never move the text when ads ${outcome}, scrolling at ${speed} speed`, async ({
        page,
        articlePage,
      }) => {
        const measure = await record(page)
        await arrange(page)
        await articlePage.goto(SEED_SLUG)
        const slot = articlePage.adSlots.first()
        const before = await slot.boundingBox()
        expect(before?.height).toBeGreaterThanOrEqual(250)
        await scrollThrough(page, step, pause)
        await page.waitForTimeout(500)
        await page.evaluate(() => window.scrollTo(0, 0))
        const after = await slot.boundingBox()
        expect(after).toEqual(before)
        expect(await measure.cls()).toBe(0)
        // Only a creative that rendered counts; a failed one leaves the house fallback.
        const impressions = (await measure.ads()).filter((e) => e.startsWith('impression'))
        if (outcome !== 'fill') expect(impressions).toEqual([])
        else if (speed === 'reading') expect(impressions).toEqual(['impression:ad1'])
      })
    }
  }

  test('ask for a creative only when the reader nears them, not on a fling past', async ({
    page,
  }) => {
    const requested: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/ads/house-')) requested.push(r.url())
    })
    const measure = await record(page)
    await open(page, `/articles/${LONG_STORY}`)
    await page.waitForTimeout(500)
    expect(requested).toEqual([])
    // Straight to the end: the slots flash past and are not filled.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await page.waitForTimeout(800)
    expect(await measure.ads()).toEqual([])
    // Back to the first slot, and stay: it fills.
    await page.locator('[data-ad-slot="ad1"]').scrollIntoViewIfNeeded()
    await expect(page.locator('[data-ad-slot="ad1"] iframe.ad-frame--loaded')).toBeAttached()
    expect(await measure.ads()).toEqual(expect.arrayContaining(['request:ad1', 'fill:ad1']))
  })

  test('render creatives in a sandbox that cannot reach the story', async ({ page }) => {
    await open(page, `/articles/${LONG_STORY}`)
    const slot = page.locator('[data-ad-slot="ad1"]')
    await slot.scrollIntoViewIfNeeded()
    const frame = slot.locator('iframe.ad-frame--loaded')
    await expect(frame).toBeAttached()
    const sandbox = (await frame.getAttribute('sandbox')) ?? ''
    expect(sandbox.split(' ')).toContain('allow-scripts')
    expect(sandbox).not.toContain('allow-same-origin')
    expect(sandbox).not.toContain('allow-top-navigation')
    const creative = page.frames().find((f) => f.url().includes('/ads/house-'))
    if (!creative) throw new Error('the creative frame is missing')
    const reach = await creative.evaluate(() => {
      try {
        return window.top?.document.title ?? 'no top'
      } catch {
        return 'blocked'
      }
    })
    expect(reach).toBe('blocked')
  })

  test('count an impression per slot, and a viewable one only after a second on screen', async ({
    page,
  }) => {
    const measure = await record(page)
    await open(page, `/articles/${LONG_STORY}`)
    const centre = async (id: string) => {
      await page.locator(`[data-ad-slot="${id}"]`).evaluate((el) => {
        el.scrollIntoView({ block: 'center' })
      })
    }
    await centre('ad1')
    await expect(page.locator('[data-ad-slot="ad1"] iframe.ad-frame--loaded')).toBeAttached()
    // On screen for half a second only: the first slot must not count as viewed.
    await page.evaluate(() => window.scrollTo(0, 0))
    await centre('ad1')
    await page.waitForTimeout(500)
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.waitForTimeout(300)
    // The second slot stays on screen for a second and a half.
    await centre('ad2')
    await page.waitForTimeout(1500)
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.waitForTimeout(300)
    const events = await measure.ads()
    expect(events.filter((e) => e === 'impression:ad1')).toHaveLength(1)
    expect(events.filter((e) => e === 'impression:ad2')).toHaveLength(1)
    expect(events.filter((e) => e === 'viewable:ad2')).toHaveLength(1)
    expect(events).not.toContain('viewable:ad1')
  })

  test('stay out of the tab order and the reading of the story', async ({ page, articlePage }) => {
    await articlePage.goto(LONG_STORY)
    const slot = articlePage.adSlots.first()
    await slot.scrollIntoViewIfNeeded()
    await expect(slot.locator('iframe.ad-frame--loaded')).toBeAttached()
    await expect(slot.locator('iframe')).toHaveAttribute('tabindex', '-1')
    await expect(page.getByText(/Story continues below this ad/i).first()).toHaveAttribute(
      'aria-hidden',
      'true',
    )
    await page.evaluate(() => window.scrollTo(0, 0))
    const stops: string[] = []
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab')
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement
          return el?.closest('.ad-slot') ? 'AD' : (el?.tagName ?? '')
        }),
      )
    }
    expect(stops).not.toContain('AD')
    expect(stops).not.toContain('IFRAME')
  })

  test('can be hidden by the reader for the rest of the visit', async ({ page, articlePage }) => {
    await articlePage.goto(LONG_STORY)
    await expect(articlePage.adSlots).toHaveCount(2)
    await page.getByRole('button', { name: 'Hide ads for this visit' }).click()
    await expect(articlePage.adSlots).toHaveCount(0)
    // The next story, opened in the app, has no slots either; and nothing is requested.
    const requested: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/ads/')) requested.push(r.url())
    })
    await page.getByRole('link', { name: 'Skerrin', exact: true }).first().click()
    await page
      .getByRole('main')
      .getByRole('link', { name: /Ferry crews accept pay deal/ })
      .click()
    await expect(articlePage.headline).toContainText('Ferry crews accept pay deal')
    await expect(articlePage.adSlots).toHaveCount(0)
    await page.getByRole('button', { name: 'Show ads again' }).click()
    await expect(articlePage.adSlots).toHaveCount(3)
    expect(requested).toEqual([])
  })

  test('stay hidden on a story opened from the front page, when the visit began there', async ({
    page,
    articlePage,
    frontPage,
  }) => {
    await articlePage.goto(LONG_STORY)
    await page.getByRole('button', { name: 'Hide ads for this visit' }).click()
    await expect(articlePage.adSlots).toHaveCount(0)
    // A fresh page load on the front page, then a story opened in the app: nothing to reserve.
    await frontPage.goto()
    await page.getByRole('link', { name: /Ferry crews accept pay deal/ }).click()
    await expect(articlePage.headline).toContainText('Ferry crews accept pay deal')
    await expect(page.getByRole('button', { name: 'Show ads again' })).toBeVisible()
    await expect(articlePage.adSlots).toHaveCount(0)
  })

  test('show their events in a debug panel with ?debug=ads', async ({ page }) => {
    await open(page, `/articles/${LONG_STORY}?debug=ads`)
    const panel = page.getByRole('region', { name: 'Ad debug' })
    await expect(panel).toContainText('Ads: house provider')
    await page.locator('[data-ad-slot="ad1"]').scrollIntoViewIfNeeded()
    await expect(panel).toContainText('ad1 fill')
    await expect(panel).toContainText('ad1 impression')
  })

  test('leave nothing behind after 50 trips between stories', async ({ page }) => {
    // Count live IntersectionObservers: created minus disconnected.
    await page.addInitScript(() => {
      const w = window as unknown as { __observers: number }
      w.__observers = 0
      const Native = window.IntersectionObserver
      window.IntersectionObserver = class extends Native {
        private live = true
        constructor(cb: IntersectionObserverCallback, options?: IntersectionObserverInit) {
          super(cb, options)
          w.__observers++
        }
        override disconnect() {
          if (this.live) w.__observers--
          this.live = false
          super.disconnect()
        }
      }
    })
    await open(page, `/articles/${LONG_STORY}`)
    const counts = () =>
      page.evaluate(() => ({
        observers: (window as unknown as { __observers: number }).__observers,
        iframes: document.querySelectorAll('iframe').length,
      }))
    const atStart = await counts()
    for (let i = 0; i < 25; i++) {
      await page.getByRole('link', { name: 'Dispatch, home' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Latest stories' })).toBeVisible()
      await page
        .getByRole('main')
        .getByRole('link', { name: /Seagrass meadows off Skerrin/ })
        .click()
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Seagrass meadows')
      await page.locator('[data-ad-slot="ad1"]').scrollIntoViewIfNeeded()
    }
    await expect(page.locator('[data-ad-slot="ad1"] iframe.ad-frame--loaded')).toBeAttached()
    const atEnd = await counts()
    // One story's worth: its two slots' observers (fill or viewability) and at most two frames.
    expect(atEnd.observers).toBeLessThanOrEqual(Math.max(atStart.observers, 2))
    expect(atEnd.iframes).toBeLessThanOrEqual(2)
  })
})
