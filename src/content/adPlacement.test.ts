import { describe, expect, it } from 'vitest'
import { adSlotPositions, settleAds, type PlacementBlock } from './adPlacement'

const paragraphs = (n: number): PlacementBlock[] => Array.from({ length: n }, () => 'paragraph')

describe('ad placement for stories without markers', () => {
  it('puts no slot before the third block', () => {
    expect(adSlotPositions(paragraphs(5))[0]).toBe(3)
  })

  it('keeps slots at least four blocks apart and never last', () => {
    expect(adSlotPositions(paragraphs(12))).toEqual([3, 7, 11])
    expect(adSlotPositions(paragraphs(11))).toEqual([3, 7])
  })

  it('gives a three-paragraph story no slot', () => {
    expect(adSlotPositions(paragraphs(3))).toEqual([])
    expect(adSlotPositions(paragraphs(4))).toEqual([3])
  })

  it('never puts a slot right after or right before a quote callout', () => {
    const blocks: PlacementBlock[] = [
      'paragraph',
      'paragraph',
      'quote',
      'paragraph',
      'quote',
      'paragraph',
      'paragraph',
      'paragraph',
    ]
    const slots = adSlotPositions(blocks)
    expect(slots).toEqual([6])
    for (const gap of slots) {
      expect(blocks[gap - 1]).toBe('paragraph')
      expect(blocks[gap]).toBe('paragraph')
    }
  })
})

describe("showing the newsroom's ad breaks", () => {
  const blocks = (kinds: string) =>
    kinds.split(' ').map((type, i) => ({
      type: { p: 'paragraph', q: 'quote', a: 'ad' }[type] ?? type,
      id: `${type}${i}`,
    }))
  const shown = (kinds: string) =>
    settleAds(blocks(kinds))
      .map((b) => b.id.replace(/\d+$/, ''))
      .join(' ')

  it('keeps a break that sits between two paragraphs', () => {
    expect(shown('p p a p p')).toBe('p p a p p')
  })

  it('moves a break off a quote callout to the next gap between paragraphs', () => {
    // The seed story: its marker follows the Truth Social quote.
    expect(shown('p p q a p q q p p p p')).toBe('p p q p q q p a p p p')
  })

  it('never shows two slots side by side, and drops one with nowhere to go', () => {
    expect(shown('p p a a p p p')).toBe('p p a p a p p')
    expect(shown('p p q a q')).toBe('p p q q')
  })
})
