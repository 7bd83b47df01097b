// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mostShared } from './related'

const lists = (...places: number[][]) => places.map((list) => Int32Array.from(list))

/** The ranking as the build first made it: every story's count in a map, all of them sorted. */
function reference(entities: readonly Int32Array[], own: number, count: number) {
  const shared = new Map<number, number>()
  for (const list of entities)
    for (const place of list) if (place !== own) shared.set(place, (shared.get(place) ?? 0) + 1)
  const best = [...shared]
    .sort(([a, x], [b, y]) => y - x || a - b)
    .slice(0, count)
    .map(([place]) => place)
  return { best, sharing: shared.size }
}

describe('mostShared', () => {
  it('puts stories sharing more entities first, the newest first among equals, never the story itself', () => {
    // The story at place 4 names three entities; place 9 shares two of them, 1 and 2 one each.
    const found = mostShared(lists([1, 4, 9], [4, 9, 12], [2, 4]), 4, 3)
    expect(found).toEqual({ best: [9, 1, 2], sharing: 4 })
  })

  it('counts every story that shares an entity, beyond those it keeps', () => {
    expect(mostShared(lists([0, 1, 2, 3, 5, 8]), 0, 2)).toEqual({ best: [1, 2], sharing: 5 })
    expect(mostShared(lists([7]), 7, 4)).toEqual({ best: [], sharing: 0 })
    expect(mostShared([], 0, 4)).toEqual({ best: [], sharing: 0 })
  })

  it('ranks as counting every story and sorting them all would', () => {
    // Each entity's stories: distinct places in order, as the build's lists are.
    const entityList = fc
      .uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 })
      .map((places) => Int32Array.from(places.sort((a, b) => a - b)))
    fc.assert(
      fc.property(
        fc.array(entityList, { maxLength: 8 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (entities, own, count) => {
          expect(mostShared(entities, own, count)).toEqual(reference(entities, own, count))
        },
      ),
      { numRuns: 2_000 },
    )
  })
})
