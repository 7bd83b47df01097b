// Where ad slots go in a story whose copy has no "STORY CONTINUES BELOW THIS AD" markers.
// The one rule, used by the ingest tool (see docs/decisions/006-ad-placement.md).

/** Body blocks as the rule sees them: reading text or a quote callout. */
export type PlacementBlock = 'paragraph' | 'quote'

export const AD_PLACEMENT = {
  /** Blocks of story before the first slot: the reader is into the story before any ad. */
  minBlocksBefore: 3,
  /** Blocks of story between two slots. */
  minBlocksBetween: 4,
  /** Blocks of story after the last slot: a slot never ends the story. */
  minBlocksAfter: 1,
} as const

/**
 * Returns the gaps that get a slot, each as the number of blocks before it, top to bottom.
 * A slot goes only between two paragraphs (never beside a quote callout, so a pull quote is never
 * mistaken for part of an ad), greedily from the top.
 */
export function adSlotPositions(blocks: readonly PlacementBlock[]): number[] {
  const positions: number[] = []
  let last = -Infinity
  for (
    let gap = AD_PLACEMENT.minBlocksBefore;
    gap <= blocks.length - AD_PLACEMENT.minBlocksAfter;
    gap++
  ) {
    if (gap - last < AD_PLACEMENT.minBlocksBetween) continue
    if (blocks[gap - 1] !== 'paragraph' || blocks[gap] !== 'paragraph') continue
    positions.push(gap)
    last = gap
  }
  return positions
}

/**
 * Where slots are shown: an ad block whose neighbours are not both paragraphs (beside a quote
 * callout, another slot, or at an end) moves down to the next gap between two paragraphs, and is
 * dropped if there is none. Content keeps the newsroom's marker; only the display moves.
 */
export function settleAds<T extends { type: string }>(body: readonly T[]): T[] {
  const story = body.filter((b) => b.type !== 'ad')
  const placed = new Map<number, T>()
  let gap = 0
  let last = -1
  for (const block of body) {
    if (block.type !== 'ad') {
      gap++
      continue
    }
    let at = Math.max(gap, last + 1)
    while (
      at < story.length &&
      !(story[at - 1]?.type === 'paragraph' && story[at]?.type === 'paragraph')
    )
      at++
    if (at >= story.length) continue
    placed.set(at, block)
    last = at
  }
  return story.flatMap((block, i) => {
    const ad = placed.get(i)
    return ad ? [ad, block] : [block]
  })
}
