import type { AdBlock } from '../content/schema'

/**
 * An ad break in the story. Its size is reserved by CSS at every width before anything loads, so
 * nothing below it ever moves. The region is labelled for people who navigate by landmarks; its
 * contents are hidden from assistive technology and the tab order, so reading flows past it.
 */
interface Props {
  block: AdBlock
  /** Where this slot stands among the story's slots, when there are several. */
  position?: { index: number; of: number } | undefined
}

export function AdSlot({ block, position }: Props) {
  const name = position ? `${block.label} ${position.index} of ${position.of}` : block.label
  return (
    <aside className="ad-slot" aria-label={name} data-ad-slot={block.id}>
      <p className="ad-slot__label" aria-hidden="true">
        {block.label}
      </p>
      <div className="ad-slot__creative" aria-hidden="true" inert>
        <HouseAd />
      </div>
      <p className="ad-slot__continue" aria-hidden="true">
        Story continues below this ad
      </p>
    </aside>
  )
}

/** The app's own placeholder until real ad delivery fills the slot. */
function HouseAd() {
  return (
    <div className="house-ad">
      <span className="house-ad__brand">Dispatch</span>
      <span className="house-ad__line">The news, without the noise.</span>
    </div>
  )
}
