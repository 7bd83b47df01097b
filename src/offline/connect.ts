// The page's side of reading offline (docs/decisions/021), loaded once the app is live: registers
// the service worker, tells it which page the reader opened and which stories are saved (it cannot
// read the device's storage), and lets a new build take over at the next navigation.
import type { DataRouter } from 'react-router'
import { paths } from '../app/paths'
import { readSavedText, subscribeSaved } from '../saved/savedList'

/** How long a navigation waits for a new build's worker to take over before loading anyway. */
const TAKE_OVER_WAIT_MS = 4000

/** How often, at most, a long-open tab asks whether a new build is out. */
const CHECK_EVERY_MS = 5 * 60_000

/** The saved stories' pages, from the saved list (src/saved/savedList.ts). */
function savedPages(): string[] {
  try {
    const list: unknown = JSON.parse(readSavedText())
    return Array.isArray(list)
      ? list.flatMap((entry: { slug?: unknown } | null) =>
          typeof entry?.slug === 'string' ? [paths.article(entry.slug)] : [],
        )
      : []
  } catch {
    return []
  }
}

/**
 * Connects the page to its service worker. `scriptUrl` is the worker's address, through the site's
 * Trusted Types policy (src/boot.ts).
 */
export function connectOffline(router: DataRouter, scriptUrl: string) {
  const workers = navigator.serviceWorker
  const startedWith = workers.controller
  let checkedAt = Date.now()
  let reported = router.state.location.pathname

  const report = (page?: string) =>
    workers.controller?.postMessage({ type: 'reading', page, saved: savedPages() })

  /**
   * From now on, the next navigation is a page load rather than the app's, so the new build's
   * worker serves a page of its own build: no page ever runs one build's code against another's
   * files. A router blocker stops the app's navigation before it changes anything.
   */
  let loadNextPage = (registration: ServiceWorkerRegistration) => {
    loadNextPage = () => undefined
    router.getBlocker('dispatch:new-build', ({ nextLocation }) => {
      let gone = false
      const go = () => {
        if (gone) return
        gone = true
        window.location.assign(router.createHref(nextLocation))
      }
      const waiting = registration.waiting
      if (waiting) {
        // Once the new worker serves this page, so that it, not the old one, answers the load.
        workers.addEventListener('controllerchange', go, { once: true })
        // Should it not take over (it failed, or the browser holds it back), the page loads all
        // the same, under the old worker: a whole page of the new build, from the network.
        waiting.addEventListener('statechange', () => waiting.state === 'redundant' && go())
        setTimeout(go, TAKE_OVER_WAIT_MS)
        waiting.postMessage({ type: 'take-over' })
      } else go()
      return true
    })
  }

  // The worker starts, and fetches the shell, once the page has loaded and the browser is idle:
  // never in the way of the page the reader came for.
  const loaded = new Promise((resolve) =>
    document.readyState === 'complete'
      ? resolve(undefined)
      : window.addEventListener('load', resolve, { once: true }),
  )
  loaded
    .then(
      () =>
        new Promise((resolve) =>
          // Safari has no idle callbacks: the next task there.
          'requestIdleCallback' in window
            ? requestIdleCallback(resolve, { timeout: 2000 })
            : setTimeout(resolve, 0),
        ),
    )
    .then(() => workers.register(scriptUrl, { scope: '/' }))
    .then((registration: ServiceWorkerRegistration | undefined) => {
      // Nothing, where a browser's automation blocks workers (Playwright does, in most tests).
      if (!registration) return
      const waiting = () => {
        if (registration.waiting && registration.active) loadNextPage(registration)
      }
      waiting()
      registration.addEventListener('updatefound', () =>
        registration.installing?.addEventListener('statechange', waiting),
      )
      // A new build's worker took over from another tab: this page's code is the older.
      workers.addEventListener('controllerchange', () => {
        if (startedWith) loadNextPage(registration)
      })
      router.subscribe(({ navigation }) => {
        if (navigation.state === 'idle' || Date.now() - checkedAt < CHECK_EVERY_MS) return
        checkedAt = Date.now()
        registration.update().catch(() => undefined)
      })
    })
    // Without a worker the site works as before, online only.
    .catch(reportError)

  // The page the reader is on, and each they open in the app; the saved list as it changes. A
  // first install's worker hears them once it serves this page.
  workers.addEventListener('controllerchange', () => report(reported))
  subscribeSaved(() => report())
  report(reported)
  router.subscribe(({ navigation, location }) => {
    if (navigation.state !== 'idle' || location.pathname === reported) return
    reported = location.pathname
    report(reported)
  })
}
