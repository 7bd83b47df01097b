// Journeys with the site's service worker (offline.spec.ts, updates.spec.ts): waiting for it to
// serve the page, and going offline in a way that the worker has heard of too.
import { expect, type CDPSession, type Page } from '@playwright/test'

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

// Pages taken offline by goOffline, with the CDP session that keeps each one offline.
const offlinePages = new WeakMap<Page, { session: CDPSession; keep: () => void }>()

const conditions = (offline: boolean) => ({
  offline,
  latency: 0,
  downloadThroughput: -1,
  uploadThroughput: -1,
})

/**
 * Takes the browser offline: the page (`navigator.onLine`, the offline notice) and every request,
 * the service worker's included. Playwright's offline setting reaches a worker late, and not at
 * all once the browser restarts it, so requests are also refused by a route, which covers workers
 * too. Some Chromium builds (150) also forget the page's offline state when a document the worker
 * served replaces it (a reload, a typed address): `navigator.onLine` reads true again. So each new
 * document is taken offline again as soon as it exists, before the app starts, as a real browser
 * without a network would have it. Resolves once a request the worker makes itself (the search
 * index, which it never keeps) fails.
 */
export async function goOffline(page: Page) {
  const context = page.context()
  await context.setOffline(true)
  await context.route('**/*', (route) => route.abort('internetdisconnected'))
  const session = await context.newCDPSession(page)
  const keep = () => {
    session.send('Network.emulateNetworkConditions', conditions(true)).catch(() => {}) // the page closed at the end of the test
  }
  page.on('domcontentloaded', keep)
  offlinePages.set(page, { session, keep })
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
  const offline = offlinePages.get(page)
  if (offline) {
    page.off('domcontentloaded', offline.keep)
    await offline.session.send('Network.emulateNetworkConditions', conditions(false))
    await offline.session.detach()
    offlinePages.delete(page)
  }
  await context.unrouteAll()
  await context.setOffline(false)
}
