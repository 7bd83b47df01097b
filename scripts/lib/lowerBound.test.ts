import { describe, expect, it } from 'vitest'
import { lowerBound } from './lowerBound'

describe('lowerBound', () => {
  const list = [2, 4, 4, 4, 9]
  const place = (value: number) => lowerBound(list.length, (i) => (list[i] as number) < value)

  it('finds the first of equal items, and where a missing one would go', () => {
    expect(place(4)).toBe(1)
    expect(place(5)).toBe(4)
    expect(place(1)).toBe(0)
    expect(place(10)).toBe(5)
  })

  it('gives 0 for an empty list', () => {
    expect(lowerBound(0, () => true)).toBe(0)
  })
})
