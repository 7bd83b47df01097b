import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { insertDated, newestFirst, oldestFirst, sortDated, type Dated } from './dated'

// Times in several zones and to the second, with ties (the slug decides those).
const dated = fc.record({
  slug: fc.constantFrom('ferry', 'quay', 'seawall', 'bakery', 'harbour', 'a-b', 'ab', 'Ab'),
  publishedAt: fc
    .tuple(fc.integer({ min: 0, max: 20 }), fc.constantFrom('Z', '+02:00', '-05:00'))
    .map(([hour, zone]) => `2026-11-27T${String(hour).padStart(2, '0')}:00:00${zone}`),
})
const unique = fc.uniqueArray(dated, { selector: (d) => d.slug, maxLength: 8 })

describe('the orders of stories', () => {
  it('sorts as the comparisons do, parsing each time once', () => {
    fc.assert(
      fc.property(unique, (items) => {
        expect(sortDated(items, (d) => d, 'newest first')).toEqual([...items].sort(newestFirst))
        expect(sortDated(items, (d) => d, 'oldest first')).toEqual([...items].sort(oldestFirst))
      }),
    )
  })

  it('puts a few more in their places as a sort of all of them would', () => {
    fc.assert(
      fc.property(unique, fc.nat(), (items, cut) => {
        const at = items.length === 0 ? 0 : cut % items.length
        const list = [...items.slice(0, at)].sort(newestFirst)
        const more = items.slice(at)
        expect(insertDated<Dated, Dated>(list, more, (d) => d)).toEqual(
          [...items].sort(newestFirst),
        )
      }),
    )
  })
})
