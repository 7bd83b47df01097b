// The page's side of reading offline (docs/decisions/021), loaded once the app is live: registers
// the service worker, tells it which page the reader opened and which stories are saved (it cannot
// read the device's storage), and lets a new build take over at the next navigation.
import type { DataRouter } from 'react-router'
import { paths } from '../app/paths'
import { readSavedText, subscribeSaved } from '../saved/savedList'

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
  let registration: ServiceWorkerRegistration | undefined
  let checkedAt = Date.now()
  let reported = router.state.location.pathname

  const report = (page?: string) =>
    workers.controller?.postMessage({ type: 'reading', page, saved: savedPages() })

  workers
    .register(scriptUrl, { scope: '/' })
    .then((r) => (registration = r))
    // Without a worker the site works as before, online only.
    .catch(reportError)
  // A first install: its worker now serves this page. A new build's worker taking over (from
  // another tab) leaves this page's code older than the worker's: its next navigation loads anew.
  workers.addEventListener('controllerchange', () => report(reported))
  subscribeSaved(() => report())
  report(reported)

  router.subscribe(({ navigation, location }) => {
    const next = navigation.location
    if (next && next.pathname !== location.pathname) {
      const stale = workers.controller !== startedWith && startedWith !== null
      if (registration?.waiting || stale) {
        // A new build is waiting: this navigation is a page load, under the new worker, so no
        // page ever mixes one build's code with another's.
        registration?.waiting?.postMessage({ type: 'take-over' })
        window.location.assign(router.createHref(next))
        return
      }
      if (Date.now() - checkedAt > CHECK_EVERY_MS) {
        checkedAt = Date.now()
        registration?.update().catch(() => undefined)
      }
    }
    if (navigation.state === 'idle' && location.pathname !== reported) {
      reported = location.pathname
      report(reported)
    }
  })
}
