// The page is already painted from prerendered HTML. Load the app only once its main content has
// painted, so its download and start-up never stand between the reader and the story, and start it
// in steps, each its own task, so no single task keeps the page from answering input.
import './styles/global.css'

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * Resolves once the browser has painted the page's largest text or image (its LCP), or, where it
 * cannot say so, its first contentful paint, or failing that the next frame.
 */
function mainContentPainted() {
  return new Promise<void>((resolve) => {
    const type = ['largest-contentful-paint', 'paint'].find((t) =>
      PerformanceObserver.supportedEntryTypes.includes(t),
    )
    if (!type) {
      requestAnimationFrame(() => setTimeout(resolve, 0))
      return
    }
    // A page that paints nothing contentful (or a tab that stays hidden) still starts, in time.
    const fallback = setTimeout(done, 3000)
    const observer = new PerformanceObserver(done)
    observer.observe({ type, buffered: true })
    function done() {
      observer.disconnect()
      clearTimeout(fallback)
      resolve()
    }
  })
}

async function start() {
  await mainContentPainted()
  // Off the main thread, while the app downloads: load the date data hydration will need.
  new Worker(new URL('./app/warmTime.ts', import.meta.url))
  // React DOM is evaluated in a task of its own; ./main then finds it ready.
  await nextTask()
  await Promise.all([import('react-dom/client'), import('react/jsx-runtime')])
  await nextTask()
  await import('./main')
}

void start()
