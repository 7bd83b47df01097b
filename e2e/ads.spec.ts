import { loadEnv } from 'vite'
import { adTiming, readAdSettings } from '../src/ads/settings'
import { VIEWABLE } from '../src/ads/viewability'
import { expect, test } from './fixtures'
import type { Faults } from './faults'
import { adRequests, centre, onScreen, pauseClock, recordPage, scrollAwayFrom } from './observe'
import type { ArticlePage } from './pages'

// Time-based ad behaviour (the settle before a request, the creative's timeout, the viewable
// second) runs on the page's clock, which these tests stop and move on themselves: the outcome
// never depends on how fast the machine is.

// A story with no ad markers, whose two slots were placed by the ingest rule.
const LONG_STORY = 'seagrass-meadows-off-skerrin-are-spreading-surprising-marine-scientists'
const LONG_STORY_SLOTS = ['ad1', 'ad2']
// Long enough for any slot in view to ask (the settle) and for any creative to be given up on.
// The settings the app under test was built with (the same environment, read the same way).
const settings = readAdSettings(loadEnv('production', process.cwd(), 'VITE_ADS_'))
const SETTLE = adTiming.settleMs + 50
const GIVE_UP = Math.max(settings.providerTimeoutMs, settings.creativeTimeoutMs) + 50

/** Every slot's box, in page coordinates, from the top of the page. */
async function slotBoxes(articlePage: ArticlePage) {
  await articlePage.page.evaluate(() => window.scrollTo(0, 0))
  return Promise.all(LONG_STORY_SLOTS.map((id) => articlePage.adSlot(id).boundingBox()))
}

/**
 * Opens the long story with its layout shifts and ad events recorded, and stops the page's clock
 * once the app is live.
 */
async function openPaused(articlePage: ArticlePage) {
  const recorded = await recordPage(articlePage.page)
  await articlePage.page.clock.install()
  await articlePage.goto(LONG_STORY)
  await articlePage.adsReady()
  await pauseClock(articlePage.page)
  return recorded
}

test.describe('Ad slots', () => {
  const CREATIVES = '**/ads/house-*.html'
  const outcomes = {
    // The creative loads and says it rendered.
    fill: { arrange: () => Promise.resolve(), settles: 'impression' },
    // The creative's document fails to load: the browser's error page says nothing.
    fail: { arrange: (faults) => faults.abort(CREATIVES), settles: 'creative-timeout' },
    // The creative's document never arrives.
    'time out': { arrange: (faults) => faults.stall(CREATIVES), settles: 'creative-timeout' },
  } satisfies Record<string, { arrange: (faults: Faults) => Promise<unknown>; settles: string }>

  for (const [outcome, { arrange, settles }] of Object.entries(outcomes)) {
    test(`never move the text when ads ${outcome}, read slot by slot`, async ({
      page,
      articlePage,
      faults,
    }) => {
      await arrange(faults)
      const recorded = await openPaused(articlePage)
      const before = await slotBoxes(articlePage)
      expect(before[0]?.height).toBeGreaterThanOrEqual(250)
      // The reader stops at each slot long enough for it to ask, fill, and render or give up.
      for (const id of LONG_STORY_SLOTS) {
        await centre(articlePage.adSlot(id))
        await page.clock.runFor(SETTLE)
        await recorded.adEvent(`fill:${id}`)
        // The creative's timeout starts once its frame is on the page: move time on until then.
        if (settles === 'creative-timeout')
          await recorded.runClockUntil(`creative-timeout:${id}`, 500)
        else await recorded.adEvent(`${settles}:${id}`)
      }
      expect(await slotBoxes(articlePage)).toEqual(before)
      expect(await recorded.cls()).toBe(0)
      // Only a creative that rendered counts; one that failed leaves the house fallback.
      const impressions = (await recorded.ads()).filter((e) => e.startsWith('impression'))
      expect(impressions).toEqual(
        outcome === 'fill' ? LONG_STORY_SLOTS.map((id) => `impression:${id}`) : [],
      )
    })
  }

  test('ask for nothing, and move nothing, when the reader passes a slot before it settles', async ({
    page,
    articlePage,
  }) => {
    const recorded = await openPaused(articlePage)
    const before = await slotBoxes(articlePage)
    // Each slot comes on screen, stays a moment short of the settle, and the reader moves on.
    for (const id of LONG_STORY_SLOTS) {
      await centre(articlePage.adSlot(id))
      await page.clock.runFor(adTiming.settleMs - 1)
      await scrollAwayFrom(articlePage.adSlot(id))
      await page.clock.runFor(GIVE_UP)
    }
    expect(await recorded.ads()).toEqual([])
    expect(await slotBoxes(articlePage)).toEqual(before)
    expect(await recorded.cls()).toBe(0)
  })

  test(
    'ask for a creative only when the reader nears them',
    { tag: '@smoke' },
    async ({ page, articlePage }) => {
      const requested = adRequests(page)
      const recorded = await openPaused(articlePage)
      // At the top of the story, with time passing, no slot is near: nothing is asked for.
      await page.clock.runFor(GIVE_UP)
      expect(await recorded.ads()).toEqual([])
      // Near the first slot, once it has settled there: it asks, fills, and renders.
      await centre(articlePage.adSlot('ad1'))
      await page.clock.runFor(SETTLE)
      await expect(articlePage.loadedCreative('ad1')).toBeAttached()
      await recorded.adEvent('impression:ad1')
      expect(requested.some((url) => url.endsWith('/ads/inventory.json'))).toBe(true)
      expect(await recorded.ads()).toEqual(
        expect.arrayContaining(['request:ad1', 'fill:ad1', 'impression:ad1']),
      )
      expect(await recorded.ads()).not.toContain('request:ad2')
    },
  )

  test('render creatives in a sandbox that cannot reach the story', async ({
    page,
    articlePage,
  }) => {
    await openPaused(articlePage)
    await centre(articlePage.adSlot('ad1'))
    await page.clock.runFor(SETTLE)
    const frame = articlePage.loadedCreative('ad1')
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
    articlePage,
  }) => {
    const recorded = await openPaused(articlePage)
    const [first, second] = [articlePage.adSlot('ad1'), articlePage.adSlot('ad2')]

    // The first slot fills and renders, then stays half a second on screen: not yet viewable.
    await centre(first)
    await page.clock.runFor(SETTLE)
    await recorded.adEvent('impression:ad1')
    await onScreen(first, VIEWABLE.ratio)
    await page.clock.runFor(VIEWABLE.ms / 2)
    await scrollAwayFrom(first)
    // Off screen, the half second does not add up to a whole one, however long it waits.
    await page.clock.runFor(VIEWABLE.ms * 5)

    // The second slot stays on screen for a whole second: viewable, once.
    await centre(second)
    await page.clock.runFor(SETTLE)
    await recorded.adEvent('impression:ad2')
    await onScreen(second, VIEWABLE.ratio)
    await page.clock.runFor(VIEWABLE.ms - 1)
    expect(await recorded.ads()).not.toContain('viewable:ad2')
    await page.clock.runFor(1)
    await recorded.adEvent('viewable:ad2')
    await page.clock.runFor(VIEWABLE.ms * 5)

    const events = await recorded.ads()
    expect(events.filter((e) => e === 'impression:ad1')).toHaveLength(1)
    expect(events.filter((e) => e === 'impression:ad2')).toHaveLength(1)
    expect(events.filter((e) => e === 'viewable:ad2')).toHaveLength(1)
    expect(events).not.toContain('viewable:ad1')
  })

  test('stay out of the tab order and the reading of the story', async ({ page, articlePage }) => {
    await openPaused(articlePage)
    const slot = articlePage.adSlot('ad1')
    await centre(slot)
    await page.clock.runFor(SETTLE)
    await expect(articlePage.loadedCreative('ad1')).toBeAttached()
    await expect(slot.locator('iframe')).toHaveAttribute('tabindex', '-1')
    await expect(page.getByText(/Story continues below this ad/i).first()).toHaveAttribute(
      'aria-hidden',
      'true',
    )
    // Every focus stop from the top of the page to the control after the story.
    await page.evaluate(() => {
      const w = window as unknown as { __stops: string[] }
      w.__stops = []
      document.addEventListener('focusin', (e) => {
        const el = e.target as Element
        w.__stops.push(
          el.closest('.ad-slot')
            ? 'AD'
            : el.matches('button') && el.textContent === 'Hide ads for this visit'
              ? 'END'
              : el.tagName,
        )
      })
      window.scrollTo(0, 0)
    })
    const stops = () => page.evaluate(() => (window as unknown as { __stops: string[] }).__stops)
    while (!(await stops()).includes('END')) {
      expect((await stops()).length, 'Tab presses before the end of the story').toBeLessThan(200)
      for (let i = 0; i < 10; i++) await page.keyboard.press('Tab')
    }
    const path = await stops()
    // The walk passed the story's links, and never stopped in an ad.
    expect(path.slice(0, path.indexOf('END'))).toContain('A')
    expect(path).not.toContain('AD')
    expect(path).not.toContain('IFRAME')
  })

  test('can be hidden by the reader for the rest of the visit', async ({ page, articlePage }) => {
    const requested = adRequests(page)
    const recorded = await recordPage(page)
    await page.clock.install()
    await articlePage.goto(LONG_STORY)
    await expect(articlePage.adSlots).toHaveCount(2)
    // What the story asked for before the click is not the question: scrolling to the button can
    // bring the second slot near the screen long enough to ask, a moment before the click lands.
    // From the click on, nothing may be asked for.
    await recorded.markAtNextClick()
    await articlePage.hideAds.click()
    await expect(articlePage.adSlots).toHaveCount(0)
    // (The network, watched from here, only once the slots are gone: its events arrive late.)
    requested.length = 0
    // The next story, opened in the app, has no slots either.
    await page.getByRole('link', { name: 'Skerrin', exact: true }).first().click()
    await articlePage.main.getByRole('link', { name: /Ferry crews accept pay deal/ }).click()
    await expect(articlePage.headline).toContainText('Ferry crews accept pay deal')
    await expect(articlePage.adSlots).toHaveCount(0)
    // The mouse, left where the last click put it, would rest on whatever entity link the reading
    // scrolls under it, and that link's card would open over the button below: move it aside.
    await page.mouse.move(0, 0)
    // Read it to the end, pausing at every paragraph: the app asks for nothing while ads are hidden.
    await pauseClock(page)
    for (const paragraph of await articlePage.body.locator('p').all()) {
      await centre(paragraph)
      await page.clock.runFor(SETTLE)
    }
    await page.clock.runFor(GIVE_UP)
    expect(await recorded.sinceMark()).toEqual([])
    expect(requested).toEqual([])
    // Ads back: the slots return, and the first one the reader reaches asks for a creative, which
    // shows the recording above would have seen a request.
    await articlePage.showAds.click()
    await expect(articlePage.adSlots).toHaveCount(3)
    // The slots are back before their ad code watches them: only then can time be moved on.
    await articlePage.adsReady()
    await centre(articlePage.adSlot('ad1'))
    await page.clock.runFor(SETTLE)
    await recorded.adEvent('request:ad1')
    await expect(articlePage.loadedCreative('ad1')).toBeAttached()
    expect(requested.some((url) => new URL(url).pathname.startsWith('/ads/house-'))).toBe(true)
  })

  test('stay hidden on a story opened from the front page, when the visit began there', async ({
    articlePage,
    frontPage,
  }) => {
    await articlePage.goto(LONG_STORY)
    await articlePage.hideAds.click()
    await expect(articlePage.adSlots).toHaveCount(0)
    // A fresh page load on the front page, then a story opened in the app: nothing to reserve.
    await frontPage.goto()
    await frontPage.storyLink(/Ferry crews accept pay deal/).click()
    await expect(articlePage.headline).toContainText('Ferry crews accept pay deal')
    await expect(articlePage.showAds).toBeVisible()
    await expect(articlePage.adSlots).toHaveCount(0)
  })

  test('show their events in a debug panel with ?debug=ads', async ({ page, articlePage }) => {
    const recorded = await recordPage(page)
    // On the page's stopped clock, as the tests above: a creative slow to load on a busy machine
    // is never given up on meanwhile.
    await page.clock.install()
    await articlePage.goto(`${LONG_STORY}?debug=ads`)
    await articlePage.adsReady()
    await pauseClock(page)
    const panel = page.getByRole('region', { name: 'Ad debug' })
    await expect(panel).toContainText('Ads: house provider')
    const box = await panel.boundingBox()
    // Every slot fills while the panel lists its events: the panel scrolls inside, nothing moves.
    for (const id of LONG_STORY_SLOTS) {
      await centre(articlePage.adSlot(id))
      await page.clock.runFor(SETTLE)
      await expect(panel).toContainText(`${id} impression`)
    }
    expect(await panel.boundingBox()).toEqual(box)
    expect(await recorded.cls()).toBe(0)
  })

  // The app's own clean-up, the same at every width and on every server: run once, on desktop.
  test(
    'leave nothing behind after 50 trips between stories',
    { tag: '@desktop-only' },
    async ({ page, frontPage, articlePage }) => {
      const ROUND_TRIPS = 25 // front page to story and back: 50 trips
      // A trip takes well under a second here and a few seconds on a busy runner; the budget is the
      // work's, not the default 60 s.
      test.setTimeout(30_000 + ROUND_TRIPS * 2 * 3_000)
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
      // The browser's own counts after a garbage collection: what a leak would grow.
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      const counts = async () => {
        await cdp.send('HeapProfiler.collectGarbage')
        const { metrics } = await cdp.send('Performance.getMetrics')
        const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN
        return {
          observers: await page.evaluate(
            () => (window as unknown as { __observers: number }).__observers,
          ),
          iframes: await page.locator('iframe').count(),
          heapMB: metric('JSHeapUsedSize') / 2 ** 20,
          nodes: metric('Nodes'),
          listeners: metric('JSEventListeners'),
        }
      }
      // Each story's first slot filled on the page's stopped clock, as the tests above: a creative
      // slow to load on a busy machine is never given up on meanwhile. Time runs between stories.
      const recorded = await recordPage(page)
      const requests = async () => (await recorded.ads()).filter((e) => e === 'request:ad1').length
      await page.clock.install()
      /** `asked`: the slot's requests before this story was opened. */
      const fillFirstSlot = async (asked: number) => {
        await articlePage.adsReady()
        await pauseClock(page)
        await centre(articlePage.adSlot('ad1'))
        // The slot asks once it has been near the screen for the settle time. On a busy machine the
        // app's observer can report after the test's, and set its timer after the clock moved on:
        // move the clock on until the slot has asked, never further.
        await expect
          .poll(
            async () => {
              const now = await requests()
              if (now === asked) await page.clock.runFor(SETTLE)
              return now
            },
            { message: 'the first slot asks for a creative', intervals: [20] },
          )
          .toBeGreaterThan(asked)
        await expect(articlePage.loadedCreative('ad1')).toBeAttached()
        await page.clock.resume()
      }
      await articlePage.goto(LONG_STORY)
      await fillFirstSlot(0)
      const atStart = await counts()
      const roundTripMs: number[] = []
      for (let i = 0; i < ROUND_TRIPS; i++) {
        const started = Date.now()
        await frontPage.homeLink.click()
        await expect(frontPage.heading).toBeVisible()
        const asked = await requests()
        await frontPage.storyLink(/Seagrass meadows off Skerrin/).click()
        await expect(articlePage.headline).toContainText('Seagrass meadows')
        await fillFirstSlot(asked)
        roundTripMs.push(Date.now() - started)
      }
      const atEnd = await counts()

      // Printed, not asserted (time depends on the machine): a leak shows as later trips growing.
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
      const fifth = Math.ceil(ROUND_TRIPS / 5)
      const report =
        `round trips: first ${fifth} median ${median(roundTripMs.slice(0, fifth))} ms, ` +
        `last ${fifth} median ${median(roundTripMs.slice(-fifth))} ms; ` +
        `heap ${atStart.heapMB.toFixed(1)} -> ${atEnd.heapMB.toFixed(1)} MB, ` +
        `DOM nodes ${atStart.nodes} -> ${atEnd.nodes}, ` +
        `listeners ${atStart.listeners} -> ${atEnd.listeners}`
      console.log(`[${test.info().project.name}] ${report}`)
      test.info().annotations.push({ type: 'trips', description: report })

      // One story's worth: its slots' observers (fill or viewability) and at most two frames.
      expect(atEnd.observers).toBeLessThanOrEqual(Math.max(atStart.observers, 2))
      expect(atEnd.iframes).toBeLessThanOrEqual(2)
    },
  )
})

test.describe('Ad slots without their code', () => {
  // The one failed load: the slots' code, refused as a dropped connection would.
  test.use({ allowedConsoleErrors: [/^Failed to load resource: net::ERR_CONNECTION_RESET$/] })

  test('keep the story and the house ad when the reader went offline before the code arrived', async ({
    page,
    articlePage,
    faults,
  }) => {
    await faults.abort('**/assets/AdFill-*.js')
    await articlePage.goto(LONG_STORY)
    // Each slot says it will not fill once the app has met the failure.
    for (const id of LONG_STORY_SLOTS)
      await expect(articlePage.adSlot(id)).toHaveAttribute('data-ad-unavailable')
    await expect(articlePage.headline).toContainText('Seagrass meadows')
    await expect(articlePage.adSlot('ad1')).toContainText('The news, without the noise.')
    await expect(page.locator('iframe')).toHaveCount(0)
  })
})
