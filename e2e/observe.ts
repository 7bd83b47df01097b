// What a test watches on the page: layout shifts, the app's ad events, what is on screen, and the
// page's clock. Everything here waits for something the page does, never for a length of time.
import { expect, type Locator, type Page } from '@playwright/test'

interface Recorded {
  __cls: number
  __ads: string[]
  __mark: number
}

/**
 * Records every layout shift and every ad event (`dispatch:ad`, as `type:slotId`) from the very
 * start of each page load. Call before opening the page. Events are recorded in the page as they
 * happen, so what `ads()` returns is complete up to the moment it runs.
 */
export async function recordPage(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as Recorded
    w.__cls = 0
    w.__ads = []
    w.__mark = 0
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
  const ads = () => page.evaluate(() => (window as unknown as Recorded).__ads)
  return {
    /** The page's cumulative layout shift so far. */
    cls: () => page.evaluate(() => (window as unknown as Recorded).__cls),
    /** Every ad event so far, oldest first, e.g. `['request:ad1', 'fill:ad1', …]`. */
    ads,
    /** Waits until the app has emitted this ad event (e.g. `impression:ad1`). */
    adEvent: (name: string) =>
      // Events follow within moments of what causes them: look again soon, then less often.
      expect
        .poll(ads, { message: `the app emits the ad event ${name}`, intervals: [25, 50, 100, 250] })
        .toContain(name),
    /**
     * Moves the page's (paused) clock on, a step at a time, until the app emits this ad event:
     * for timers the app sets only once something else has happened (a creative's timeout starts
     * once its frame is on the page).
     */
    runClockUntil: (name: string, stepMs: number) =>
      expect
        .poll(
          async () => {
            const soFar = await ads()
            if (!soFar.includes(name)) await page.clock.runFor(stepMs)
            return soFar
          },
          // Each try moves the page's clock on itself: no reason to wait long between tries.
          { message: `the app emits the ad event ${name}`, intervals: [20] },
        )
        .toContain(name),
    /** Marks the events so far at the reader's next click, as the click happens. */
    markAtNextClick: () =>
      page.evaluate(() => {
        const w = window as unknown as Recorded
        document.addEventListener('click', () => (w.__mark = w.__ads.length), {
          capture: true,
          once: true,
        })
      }),
    /** The ad events since the mark. */
    sinceMark: () =>
      page.evaluate(() => {
        const w = window as unknown as Recorded
        return w.__ads.slice(w.__mark)
      }),
  }
}

/**
 * The URL of every request the page makes for ads (`/ads/…`: the inventory, creatives), as the
 * test hears of them: a moment after the page made them.
 */
export function adRequests(page: Page) {
  const urls: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/ads/')) urls.push(request.url())
  })
  return urls
}

/**
 * Resolves once the browser reports at least `ratio` of the element on screen (`ratio` 0: once it
 * is entirely off screen), asking a fresh IntersectionObserver. The browser computes every
 * observer's intersections in the same frame and delivers all of them in one task, so when this
 * one's report arrives the app's observers of the element have had theirs too: the app has seen
 * the same thing. (That holds for app observers that already exist when this is called.)
 */
export function onScreen(element: Locator, ratio: number) {
  return element.evaluate(
    (el, ratio) =>
      new Promise<void>((resolve) => {
        const observer = new IntersectionObserver(
          ([entry]) => {
            if (!entry) return
            const seen =
              ratio === 0
                ? !entry.isIntersecting
                : entry.isIntersecting && entry.intersectionRatio >= ratio
            if (!seen) return
            observer.disconnect()
            resolve()
          },
          { threshold: [0, ratio, 1] },
        )
        observer.observe(el)
      }),
    ratio,
  )
}

export const offScreen = (element: Locator) => onScreen(element, 0)

/** Scrolls the element to the middle of the viewport and waits until the page has seen it there. */
export async function centre(element: Locator) {
  await element.evaluate((el) => {
    el.scrollIntoView({ block: 'center' })
  })
  await onScreen(element, 0.5)
}

/** Scrolls back to the top of the page and waits until the page has seen the element go. */
export async function scrollAwayFrom(element: Locator) {
  await element.page().evaluate(() => window.scrollTo(0, 0))
  await offScreen(element)
}

/**
 * Stops the page's clock (installed with `page.clock.install()` before the page opened): from
 * here its timers fire only when the test moves time on with `page.clock.runFor(ms)`. Pausing
 * jumps the clock a second ahead, firing any timer due in that second.
 */
export async function pauseClock(page: Page) {
  // The page's clock keeps running until the pause lands; on a busy machine it can pass the time
  // asked for, which Playwright refuses ("fast-forward to the past"): then ask again.
  for (let attempt = 1; ; attempt++) {
    const now = await page.evaluate(() => Date.now())
    try {
      await page.clock.pauseAt(now + 1_000)
      return
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('to the past')) throw error
    }
  }
}
