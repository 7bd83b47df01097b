import { useEffect, useRef, type RefObject } from 'react'
import { useAdFill, useAdImpression } from './useAdFill'
import { useCreativeReady } from './useCreativeReady'

interface Props {
  /** The slot's box: watched to ask for a creative once the reader nears it. */
  slot: RefObject<HTMLElement | null>
  slotId: string
  label: string
}

/**
 * What fills a slot: asks the provider, shows the creative once it says it rendered, and counts
 * its impressions. Its own chunk, loaded once the page is live and has a slot: pages without ads
 * never download it (src/components/AdSlot.tsx).
 */
export function AdFill({ slot, slotId, label }: Props) {
  const frame = useRef<HTMLIFrameElement>(null)
  const creative = useAdFill(slot, slotId)
  const loaded = useCreativeReady(frame, slotId, creative?.id ?? null)
  useAdImpression(slot, slotId, loaded)
  // After the hooks above have set up their observers: the slot is watching (for QA scripts).
  useEffect(() => {
    slot.current?.setAttribute('data-ad-ready', '')
  }, [slot])
  if (!creative) return null
  return (
    <iframe
      key={creative.id}
      ref={frame}
      className={loaded === creative.id ? 'ad-frame ad-frame--loaded' : 'ad-frame'}
      src={creative.src}
      title={label}
      width={creative.width}
      height={creative.height}
      // Scripts may run, but with an opaque origin: no access to the story page, and no navigation
      // of it; a click may open the advertiser's page in a new tab.
      sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="strict-origin"
      tabIndex={-1}
    />
  )
}
