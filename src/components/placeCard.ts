/** Space between the link and its card: small, so the pointer crosses it before the card hides. */
export const CARD_GAP_PX = 6
/** The least space between the card and the viewport's edges. */
export const CARD_MARGIN_PX = 8

export interface Box {
  top: number
  bottom: number
  left: number
}

export interface Size {
  width: number
  height: number
}

/**
 * Where a card goes, in viewport pixels (it is `position: fixed`): below its link, or above it when
 * only there it fits, and never over it; left-aligned with the link but inside the viewport.
 */
export function placeCard(link: Box, card: Size, viewport: Size): { top: number; left: number } {
  const below = link.bottom + CARD_GAP_PX
  const above = link.top - CARD_GAP_PX - card.height
  const fitsBelow = below + card.height <= viewport.height - CARD_MARGIN_PX
  const top = !fitsBelow && above >= CARD_MARGIN_PX ? above : below
  const right = viewport.width - CARD_MARGIN_PX - card.width
  return { top, left: Math.max(CARD_MARGIN_PX, Math.min(link.left, right)) }
}
