// What a test watches on the page: layout shifts, the app's ad events, what is on screen, and the
// page's clock. Everything here waits for an event the page fires, never for a length of time.
import type { Locator, Page } from '@playwright/test'

interface Recorded {
  __cls: number
  __ads: string[]
}

/**
 * Records every layout shift and every ad event (`dispatch:ad`, as `type:slotId`) from the very
 * start of each page load. Call before opening the page.
 */
export async function recordPage(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as Recorded
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
    /** The page's cumulative layout shift so far. */
    cls: () => page.evaluate(() => (window as unknown as Recorded).__cls),
    /** Every ad event so far, oldest first, e.g. `['request:ad1', 'fill:ad1', …]`. */
    ads: () => page.evaluate(() => (window as unknown as Recorded).__ads),
    /** Forgets the ad events so far. */
    clear: () =>
      page.evaluate(() => {
        ;(window as unknown as Recorded).__ads.length = 0
      }),
    /** Resolves once the app has emitted this ad event (e.g. `impression:ad1`). */
    adEvent: (name: string) =>
      page.evaluate(
        (name) =>
          new Promise<void>((resolve) => {
            if ((window as unknown as Recorded).__ads.includes(name)) {
              resolve()
              return
            }
            addEventListener('dispatch:ad', function listener(e) {
              const { type, slotId } = (e as CustomEvent<{ type: string; slotId: string }>).detail
              if (`${type}:${slotId}` !== name) return
              removeEventListener('dispatch:ad', listener)
              resolve()
            })
          }),
        name,
      ),
  }
}

/**
 * Resolves once the browser has reported at least `ratio` of the element on screen (`ratio` 0:
 * once it is entirely off screen). It asks a fresh IntersectionObserver, whose first report comes
 * after those of the app's older observers for the same frame: when it resolves, the app has
 * seen the same thing.
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

/**
 * Stops the page's clock (installed with `page.clock.install()` before the page opened): from
 * here its timers fire only when the test moves time on with `page.clock.runFor(ms)`.
 */
export async function pauseClock(page: Page) {
  const now = await page.evaluate(() => Date.now())
  // A little ahead of the page's "now", which keeps moving until the pause lands.
  await page.clock.pauseAt(now + 1_000)
}
