// The one signal that the app has taken over the page: `<html data-live>`. Start-up (src/boot.ts)
// sets it once the first render in the browser has committed. Components that mount after that
// render live from their first render; QA scripts wait for it before they drive the page.
// Nothing else says whether the page is live.

/** Whether the app has taken over the page (never while prerendering or hydrating). */
export function isLive(): boolean {
  return typeof document !== 'undefined' && document.documentElement.hasAttribute('data-live')
}

/** Records that the app has taken over the page: start-up's last step. */
export function markLive() {
  document.documentElement.dataset.live = ''
}
