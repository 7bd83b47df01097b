import { useSyncExternalStore } from 'react'
import { Link } from '../components/Link'
import { paths } from '../app/paths'

// Whether the reader is online, as the browser says: 'back' for a while after it returns.
type Connection = 'online' | 'offline' | 'back'

/** How long "Back online" stays up. */
const BACK_FOR_MS = 6000

let connection: Connection = 'online'
let backTimer: ReturnType<typeof setTimeout> | undefined
const listeners = new Set<() => void>()

function set(next: Connection) {
  connection = next
  for (const listener of listeners) listener()
}

function onChange() {
  clearTimeout(backTimer)
  if (!navigator.onLine) set('offline')
  else if (connection === 'offline') {
    set('back')
    backTimer = setTimeout(() => set('online'), BACK_FOR_MS)
  }
}

function subscribe(listener: () => void) {
  if (listeners.size === 0) {
    window.addEventListener('online', onChange)
    window.addEventListener('offline', onChange)
    onChange()
  }
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
    if (listeners.size > 0) return
    window.removeEventListener('online', onChange)
    window.removeEventListener('offline', onChange)
  }
}

/**
 * Says when the reader goes offline, and what can still be read, and when they are back. A live
 * region, always on the page, so screen readers announce each change; fixed at the bottom of the
 * window, so it moves nothing.
 */
export function ConnectionNotice() {
  const state = useSyncExternalStore(
    subscribe,
    () => connection,
    () => 'online' as const,
  )
  return (
    <div role="status" className="connection-notice" data-state={state}>
      {state === 'offline' ? (
        <p>
          You’re offline. Your <Link to={paths.saved()}>saved stories</Link> and the stories you
          opened lately can still be read.
        </p>
      ) : state === 'back' ? (
        <p>You’re back online.</p>
      ) : null}
    </div>
  )
}
