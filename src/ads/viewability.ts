// The display-ad standard (IAB/MRC): a viewable impression is at least 50% of the ad on screen
// for one continuous second. Counted once per slot; a hidden tab does not count.

export const VIEWABLE = { ratio: 0.5, ms: 1000 } as const

export interface ViewabilityOptions {
  onViewable: () => void
  /** Injected for tests; the platform's by default. */
  Observer?: typeof IntersectionObserver
}

/** Watches one slot until it has been viewable once; returns a function that stops watching. */
export function trackViewability(
  element: Element,
  { onViewable, Observer = IntersectionObserver }: ViewabilityOptions,
) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let inView = false
  let done = false
  const stopTimer = () => {
    clearTimeout(timer)
    timer = undefined
  }
  const startTimer = () => {
    if (timer !== undefined || done || document.visibilityState === 'hidden') return
    timer = setTimeout(() => {
      done = true
      stop()
      onViewable()
    }, VIEWABLE.ms)
  }
  const observer = new Observer(
    (entries) => {
      for (const entry of entries) {
        inView = entry.isIntersecting && entry.intersectionRatio >= VIEWABLE.ratio
        if (inView) startTimer()
        else stopTimer()
      }
    },
    { threshold: [0, VIEWABLE.ratio] },
  )
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') stopTimer()
    else if (inView) startTimer()
  }
  observer.observe(element)
  document.addEventListener('visibilitychange', onVisibility)
  function stop() {
    stopTimer()
    observer.disconnect()
    document.removeEventListener('visibilitychange', onVisibility)
  }
  return stop
}
