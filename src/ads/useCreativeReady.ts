import { useEffect, useState, type RefObject } from 'react'
import { adConfig, adEvents } from './config'

/**
 * The creative's own word that it rendered (a `dispatch:creative-ready` message from its frame).
 * A frame's load event cannot tell a creative from the browser's error page, so only this counts;
 * no word within the timeout leaves the house fallback and records a timeout.
 */
export function useCreativeReady(
  frame: RefObject<HTMLIFrameElement | null>,
  slotId: string,
  creativeId: string | null,
): string | null {
  const [ready, setReady] = useState<string | null>(null)
  useEffect(() => {
    if (!creativeId) return
    const onMessage = (event: MessageEvent<unknown>) => {
      const data = event.data as { type?: unknown } | null
      if (event.source !== frame.current?.contentWindow || data?.type !== 'dispatch:creative-ready')
        return
      clearTimeout(timeout)
      setReady(creativeId)
    }
    const timeout = setTimeout(() => {
      window.removeEventListener('message', onMessage)
      adEvents.emit({
        type: 'creative-timeout',
        slotId,
        creativeId,
        page: window.location.pathname,
        at: performance.now(),
      })
    }, adConfig.creativeTimeoutMs)
    window.addEventListener('message', onMessage)
    return () => {
      clearTimeout(timeout)
      window.removeEventListener('message', onMessage)
    }
  }, [frame, slotId, creativeId])
  return ready === creativeId ? ready : null
}
