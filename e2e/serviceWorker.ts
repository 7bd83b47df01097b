// Journeys with the site's service worker (offline.spec.ts, updates.spec.ts): waiting for it to
// serve the page, and going offline in a way that the worker has heard of too.
import { expect, type Page } from '@playwright/test'

/** Resolves once the site's service worker answers this page's requests. */
export async function underServiceWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

/** The states of the site's active and waiting service workers, as the page sees them. */
export const workerStates = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration()
    return {
      active: registration?.active?.state,
      ...(registration?.waiting && { waiting: registration.waiting.state }),
    }
  })

/**
 * Takes the browser offline: the page (`navigator.onLine`, the offline notice) and every request,
 * the service worker's included. Playwright's offline setting reaches a worker late, and not at
 * all once the browser restarts it, so requests are also refused by a route, which covers workers
 * too. Resolves once a request the worker makes itself (the search index, which it never keeps)
 * fails.
 */
export async function goOffline(page: Page) {
  const context = page.context()
  await context.setOffline(true)
  await context.route('**/*', (route) => route.abort('internetdisconnected'))
  await expect
    .poll(() =>
      page.evaluate(() =>
        fetch('/api/search/index.json', { cache: 'no-store' }).then(
          () => 'the worker still reached the server',
          () => 'offline',
        ),
      ),
    )
    .toBe('offline')
}

/** Back online, as `goOffline` left it. */
export async function goOnline(page: Page) {
  const context = page.context()
  await context.unrouteAll()
  await context.setOffline(false)
}
