import { describe, expect, it } from 'vitest'
import { CARD_GAP_PX, CARD_MARGIN_PX, placeCard, type Box, type Size } from './placeCard'

const phone: Size = { width: 320, height: 568 }
const card: Size = { width: 304, height: 160 }
const link = (top: number, left: number): Box => ({ top, bottom: top + 24, left })

/** Whether the card's box and the link's share any pixel. */
function overlaps(at: { top: number; left: number }, size: Size, box: Box, width: number) {
  const apart =
    at.top >= box.bottom ||
    at.top + size.height <= box.top ||
    at.left >= box.left + width ||
    at.left + size.width <= box.left
  return !apart
}

describe('placeCard', () => {
  it('puts the card just below the link, aligned with its start', () => {
    expect(placeCard(link(100, 40), { width: 200, height: 160 }, phone)).toEqual({
      top: 124 + CARD_GAP_PX,
      left: 40,
    })
  })

  it('puts it above the link when it would run off the bottom, and only then', () => {
    const nearBottom = link(450, 40)
    const at = placeCard(nearBottom, card, phone)
    expect(at.top).toBe(450 - CARD_GAP_PX - card.height)
    expect(at.top + card.height).toBeLessThanOrEqual(nearBottom.top)
  })

  it('stays below when there is no room above either: it may run off the page, never over the link', () => {
    const tall: Size = { width: 304, height: 400 }
    const middle = link(250, 40)
    const at = placeCard(middle, tall, phone)
    expect(at.top).toBe(middle.bottom + CARD_GAP_PX)
  })

  it('keeps the card inside a 320 px viewport, however far right the link is', () => {
    const at = placeCard(link(100, 290), card, phone)
    expect(at.left).toBe(phone.width - CARD_MARGIN_PX - card.width)
    expect(at.left + card.width).toBeLessThanOrEqual(phone.width - CARD_MARGIN_PX)
    expect(placeCard(link(100, -30), card, phone).left).toBe(CARD_MARGIN_PX)
  })

  it('never covers the link, wherever it is on the screen', () => {
    for (let top = 0; top <= phone.height - 24; top += 8) {
      for (let left = 0; left <= phone.width - 60; left += 20) {
        const box = link(top, left)
        expect(overlaps(placeCard(box, card, phone), card, box, 60), `link at ${left},${top}`).toBe(
          false,
        )
      }
    }
  })
})
