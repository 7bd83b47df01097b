// The page is already painted from prerendered HTML. Load the app only once its main content has
// painted, so its download and start-up never stand between the reader and the story, and start it
// in steps, each its own task, so no single task keeps the page from answering input
// (docs/decisions/011).
import './styles/global.css'

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))
const nextFrame = (then: () => void) => requestAnimationFrame(() => setTimeout(then, 0))

/**
 * Resolves once the browser has painted the page's largest text or image (its LCP), or, where it
 * cannot say so, its first contentful paint, or failing that the next frame. A page opened in a
 * background tab paints nothing until it is shown, so it starts when shown.
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
    // A page that paints nothing contentful still starts, in time.
    const fallback = setTimeout(done, 3000)
    observer.observe({ type, buffered: true })
    if (document.visibilityState === 'hidden')
      document.addEventListener('visibilitychange', onShown)
    function done() {
      if (started) return
      started = true
      observer.disconnect()
      clearTimeout(fallback)
      document.removeEventListener('visibilitychange', onShown)
      resolve()
    }
  })
}

/** Off the main thread, while the app downloads: load the date data hydration will need. */
function warmDateFormatting() {
  try {
    new Worker(new URL('./app/warmTime.ts', import.meta.url))
  } catch {
    // Only a head start: without it the main thread loads the data itself.
  }
}

async function start() {
  await mainContentPainted()
  warmDateFormatting()
  // React DOM is evaluated in a task of its own; ./main then finds it ready.
  await nextTask()
  await Promise.all([import('react-dom/client'), import('react/jsx-runtime')])
  await nextTask()
  const app = await import('./main')
  await app.start()
}

// The page stays readable as it is; the failure goes where the site's error reporting looks.
start().catch(reportError)
