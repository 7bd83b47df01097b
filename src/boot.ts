// The page is already painted from prerendered HTML. Load the app only once its main content has
// painted, its lead picture included, so its download and start-up never stand between the reader
// and the story, and start it in steps, each its own task, so no single task keeps the page from
// answering input (docs/decisions/011 and 027).
import './styles/global.css'
// The built worker's address (Vite's `?worker&url`), to pass through the Trusted Types policy.
import warmTimeWorker from './app/warmTime.ts?worker&url'

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))
const nextFrame = (then: () => void) => requestAnimationFrame(() => setTimeout(then, 0))

/**
 * Resolves once the page's lead picture (the one fetched with high priority) has arrived, or failed
 * to; at once where there is none. The headline paints before it and is the first LCP the browser
 * reports: starting on that alone would put the app's code on the wire beside the picture.
 */
function leadPictureSettled() {
  const lead = document.querySelector<HTMLImageElement>('img[fetchpriority="high"]')
  if (!lead || lead.complete) return Promise.resolve()
  return new Promise<void>((resolve) => {
    lead.addEventListener('load', () => resolve(), { once: true })
    lead.addEventListener('error', () => resolve(), { once: true })
  })
}

/**
 * Resolves once the browser has painted the page's largest text or image (its LCP), or, where it
 * cannot say so, its first contentful paint, or failing that the next frame; and the lead picture,
 * where there is one, has arrived and been painted. A page opened in a background tab paints
 * nothing until it is shown, so it starts when shown. A picture that never arrives does not keep
 * the app from starting.
 */
function mainContentPainted() {
  return new Promise<void>((resolve) => {
    const type =
      typeof PerformanceObserver === 'undefined'
        ? undefined
        : ['largest-contentful-paint', 'paint'].find((t) =>
            PerformanceObserver.supportedEntryTypes.includes(t),
          )
    if (!type) {
      nextFrame(resolve)
      return
    }
    let started = false
    const observer = new PerformanceObserver(done)
    const onShown = () => {
      if (document.visibilityState === 'visible') nextFrame(done)
    }
    // A page that paints nothing contentful, or whose picture is slow, still starts, in time.
    const fallback = setTimeout(() => {
      done()
      finish()
    }, 3000)
    observer.observe({ type, buffered: true })
    if (document.visibilityState === 'hidden')
      document.addEventListener('visibilitychange', onShown)
    function done() {
      if (started) return
      started = true
      observer.disconnect()
      document.removeEventListener('visibilitychange', onShown)
      void leadPictureSettled().then(() => nextFrame(finish))
    }
    function finish() {
      clearTimeout(fallback)
      resolve()
    }
  })
}

/** The few lines of the Trusted Types API this file uses (TypeScript's DOM types lack it). */
interface TrustedTypePolicyFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL(input: string): string },
  ): { createScriptURL(input: string): object }
}

/** The service worker's address (docs/decisions/021); none where a site switched it off. */
const SERVICE_WORKER = import.meta.env.VITE_OFFLINE === 'off' ? undefined : '/sw.js'

// The site's one Trusted Types policy (docs/decisions/016): it lets through the build's own two
// worker scripts and refuses anything else; the CSP lets no other code create a policy of its name.
const factory = (window as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes
const policy = factory?.createPolicy('dispatch-worker', {
  createScriptURL(url) {
    if (url === warmTimeWorker || url === SERVICE_WORKER) return url
    throw new TypeError(`${url} is not one of the site's worker scripts`)
  },
})

/** A worker's script URL, through the policy where Trusted Types are enforced. */
const scriptUrl = (url: string) => (policy ? policy.createScriptURL(url) : url) as string

/** Off the main thread, while the app downloads: load the date data hydration will need. */
function warmDateFormatting() {
  try {
    // A TrustedScriptURL is what Worker takes where Trusted Types are enforced; TypeScript's
    // declaration of Worker predates them.
    new Worker(scriptUrl(warmTimeWorker))
  } catch {
    // Only a head start: without it the main thread loads the data itself.
  }
}

/**
 * Start-up, top to bottom. Each `await nextTask()` ends a task: no step keeps the page from
 * answering input for long, however slow the phone (the figures are in docs/decisions/011).
 * Any failure goes to the one report below; the page stays readable as prerendered.
 */
async function start() {
  // 1. The story paints first: nothing below may delay it.
  await mainContentPainted()
  // 2. Off the main thread, while the app downloads: the date data hydration will need.
  warmDateFormatting()
  // 3. React DOM, the largest module, is evaluated in a task of its own.
  await nextTask()
  await import('./app/react')
  // 4. The app's code is evaluated in a task of its own, and finds React ready.
  await nextTask()
  const app = await import('./app/startUp')
  // 5. Fill the query cache from the page's state; load the code of this address's routes.
  await nextTask()
  const prepared = await app.prepare()
  // 6. Create the router (with no prerendered state, it first fetches the page's data).
  await nextTask()
  const router = await app.startRouter(prepared)
  // 7. Hydrate the prerendered markup (or render the not-found page afresh), in a transition.
  await nextTask()
  await app.mount(prepared, router)
  // 8. Live: components mounting from now on render live; QA scripts may drive the page.
  app.markLive()
  // 9. Reading offline: the service worker, once everything the reader sees is done.
  if (SERVICE_WORKER && 'serviceWorker' in navigator)
    await app.connectOffline(router, scriptUrl(SERVICE_WORKER))
}

// The one place start-up failures are reported: where the site's error reporting looks.
start().catch(reportError)
