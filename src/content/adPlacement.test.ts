import { describe, expect, it } from 'vitest'
import { adSlotPositions, type PlacementBlock } from './adPlacement'

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
    const blocks: PlacementBlock[] = ['paragraph', 'paragraph', 'quote', 'paragraph', 'quote', 'paragraph', 'paragraph', 'paragraph']
    const slots = adSlotPositions(blocks)
    expect(slots).toEqual([6])
    for (const gap of slots) {
      expect(blocks[gap - 1]).toBe('paragraph')
      expect(blocks[gap]).toBe('paragraph')
    }
  })
})
