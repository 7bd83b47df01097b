import { useEffect, useState, type RefObject } from 'react'
import { adConfig, adEvents, reservedSizes } from './config'
import type { AdCreative, AdEventType } from './types'
import { trackViewability } from './viewability'

/**
 * Fills one slot: asks the provider only once the slot has settled near the viewport, gives up
 * after a timeout, and counts the impression (creative loaded) and viewable impression once each.
 * Leaving the page stops every observer and timer.
 */
export function useAdFill(slot: RefObject<HTMLElement | null>, slotId: string) {
  const [creative, setCreative] = useState<AdCreative | null>(null)

  useEffect(() => {
    const element = slot.current
    // Without IntersectionObserver (old browsers, test DOMs) the house fallback stays.
    if (!element || typeof IntersectionObserver === 'undefined') return
    const page = window.location.pathname
    const emit = (type: AdEventType, creativeId?: string) =>
      adEvents.emit({
        type,
        slotId,
        page,
        at: performance.now(),
        ...(creativeId ? { creativeId } : {}),
      })
    const controller = new AbortController()
    let settle: ReturnType<typeof setTimeout> | undefined

    const request = async () => {
      observer.disconnect()
      emit('request')
      const timeout = setTimeout(() => {
        controller.abort(new DOMException('no answer in time', 'TimeoutError'))
      }, adConfig.providerTimeoutMs)
      try {
        // Loading the provider's code counts toward its time to answer.
        const provider = await adConfig.loadProvider()
        controller.signal.throwIfAborted()
        const answer = await provider.request(
          { slotId, sizes: reservedSizes(), page: { path: page } },
          controller.signal,
        )
        if (controller.signal.aborted) return
        emit(answer ? 'fill' : 'empty', answer?.id)
        setCreative(answer)
      } catch {
        const reason: unknown = controller.signal.reason
        if (reason instanceof DOMException && reason.name === 'TimeoutError') emit('timeout')
        else if (!controller.signal.aborted) emit('error')
      } finally {
        clearTimeout(timeout)
      }
    }

    const observer = new IntersectionObserver(
      (entries) => {
        clearTimeout(settle)
        if (entries.some((e) => e.isIntersecting))
          settle = setTimeout(() => void request(), adConfig.settleMs)
      },
      { rootMargin: adConfig.rootMargin },
    )
    observer.observe(element)
    return () => {
      clearTimeout(settle)
      observer.disconnect()
      controller.abort()
    }
  }, [slot, slotId])

  return creative
}

/** After the creative has loaded: the impression, then watching for the viewable impression. */
export function useAdImpression(
  slot: RefObject<HTMLElement | null>,
  slotId: string,
  creativeId: string | null,
) {
  useEffect(() => {
    const element = slot.current
    if (!element || !creativeId || typeof IntersectionObserver === 'undefined') return
    const page = window.location.pathname
    adEvents.emit({ type: 'impression', slotId, page, creativeId, at: performance.now() })
    return trackViewability(element, {
      onViewable: () => {
        adEvents.emit({ type: 'viewable', slotId, page, creativeId, at: performance.now() })
      },
    })
  }, [slot, slotId, creativeId])
}
