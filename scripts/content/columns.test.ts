// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { NumberLists, StringLists, TextColumn } from './columns'

describe('a column of text', () => {
  it('gives back each place its own string, set in any order, past its first buffer', () => {
    const column = new TextColumn(3000)
    const textOf = (place: number) => `2026-12-${String(place % 28).padStart(2, '0')}Tŏ ${place}`
    for (let place = 2999; place >= 0; place -= 2) column.set(place, textOf(place))
    for (let place = 0; place < 3000; place += 2) column.set(place, textOf(place))
    for (let place = 0; place < 3000; place++) expect(column.get(place)).toBe(textOf(place))
  })

  it('tells a place never set from one set to the empty string, and takes the last set', () => {
    const column = new TextColumn(3)
    column.set(1, '')
    column.set(2, 'first')
    column.set(2, 'second')
    expect([column.get(0), column.get(1), column.get(2)]).toEqual([undefined, '', 'second'])
  })
})

describe('a column of lists', () => {
  it("gives back each place's numbers, none where none were set", () => {
    const lists = new NumberLists(2000)
    for (let place = 1999; place > 0; place--)
      lists.set(
        place,
        Array.from({ length: place % 7 }, (_, i) => place * 10 + i),
      )
    expect([...lists.get(0)]).toEqual([])
    for (let place = 1; place < 2000; place++)
      expect([...lists.get(place)]).toEqual(
        Array.from({ length: place % 7 }, (_, i) => place * 10 + i),
      )
    lists.set(8, [1, 2, 3])
    expect([...lists.get(8)]).toEqual([1, 2, 3])
    expect([...lists.get(9)]).toEqual([90, 91])
  })

  it("gives back each place's strings, in their order", () => {
    const lists = new StringLists(3)
    lists.set(0, ['mara-quill', 'port-ellery'])
    lists.set(2, ['port-ellery', 'tobias-wren', 'mara-quill'])
    expect(lists.get(0)).toEqual(['mara-quill', 'port-ellery'])
    expect(lists.get(1)).toEqual([])
    expect(lists.get(2)).toEqual(['port-ellery', 'tobias-wren', 'mara-quill'])
  })
})
