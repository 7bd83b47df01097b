import { useEffect, useRef, useState, type RefObject } from 'react'
import { useLive } from '../app/useLive'
import { useOptionalModule } from '../app/useOptionalModule'
import { useAdPreference } from '../ads/preference'
import type { AdBlock } from '../content/schema'

// The code that fills slots loads once a live page has one: pages without ads never fetch it.
const adFill = () => import('../ads/AdFill')

/**
 * An ad break in the story. Its size is reserved by CSS at every width before anything loads, so
 * nothing below it ever moves: a creative fills the reserved box, and a slot that gets none keeps
 * the house fallback (docs/decisions/004 and 010). The region is labelled for people who navigate
 * by landmarks; its contents are hidden from assistive technology and the tab order.
 */
interface Props {
  block: AdBlock
  /** Where this slot stands among the story's slots, when there are several. */
  position?: { index: number; of: number } | undefined
}

export function AdSlot({ block, position }: Props) {
  const { shown, toggles } = useAdPreference()
  // False while hydrating prerendered HTML, true when rendered in the browser.
  const live = useLive()
  const [fromServer] = useState(() => !live)
  const [togglesAtMount] = useState(toggles)
  // A reader who hid ads sees no slots on the pages they open next, and the slots close up when
  // they click (their own input moved the story). A prerendered slot keeps its box, unfilled, so
  // loading a page never moves the text.
  if (!shown && (!fromServer || toggles > togglesAtMount)) return null
  return <SlotBox block={block} position={position} fill={shown && live} />
}

function SlotBox({ block, position, fill }: Props & { fill: boolean }) {
  const name = position ? `${block.label} ${position.index} of ${position.of}` : block.label
  const slot = useRef<HTMLElement>(null)
  return (
    <aside className="ad-slot" aria-label={name} data-ad-slot={block.id} ref={slot}>
      <p className="ad-slot__label" aria-hidden="true">
        {block.label}
      </p>
      <div className="ad-slot__creative" aria-hidden="true">
        <HouseAd />
        {fill && <Fill slot={slot} slotId={block.id} label={block.label} />}
      </div>
      <p className="ad-slot__continue" aria-hidden="true">
        Story continues below this ad
      </p>
    </aside>
  )
}

/**
 * The slot's filler, once its code has loaded. Where it cannot load (the reader went offline
 * first), the slot keeps the house ad and the story stays: `lazy` would have thrown the failure to
 * the route's error page.
 */
function Fill(props: { slot: RefObject<HTMLElement | null>; slotId: string; label: string }) {
  const loaded = useOptionalModule(adFill)
  const { slot } = props
  // The slot will not fill (for QA scripts, beside `data-ad-ready`).
  useEffect(() => {
    if (loaded === null) slot.current?.setAttribute('data-ad-unavailable', '')
  }, [loaded, slot])
  return loaded ? <loaded.AdFill {...props} /> : null
}

/** The site's own fallback: shown until a creative loads, and kept when none does. */
function HouseAd() {
  return (
    <div className="house-ad" inert>
      <span className="house-ad__brand">Dispatch</span>
      <span className="house-ad__line">The news, without the noise.</span>
    </div>
  )
}
