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

  it('holds no more than its text once trimmed, and takes more after', () => {
    const column = new TextColumn(1500)
    for (let place = 0; place < 1500; place++) column.set(place, `Kittiwake ${place}`)
    const text = Array.from({ length: 1500 }, (_, place) => `Kittiwake ${place}`).join('')
    const places = 1500 * 8
    expect(column.byteLength).toBeGreaterThan(text.length + places)
    column.trim()
    expect(column.byteLength).toBe(text.length + places)
    column.set(3, 'Saltmarket')
    column.set(4, 'a longer name than it had')
    expect([column.get(2), column.get(3), column.get(4), column.get(5)]).toEqual([
      'Kittiwake 2',
      'Saltmarket',
      'a longer name than it had',
      'Kittiwake 5',
    ])
  })

  it('writes a string no longer than the one before it in its room', () => {
    const column = new TextColumn(2)
    column.set(0, '2026-12-07T09:24:04Z')
    column.set(1, '2026-12-06T10:00:00Z')
    column.trim()
    const held = column.byteLength
    column.set(0, '2026-12-08T07:15:00Z')
    column.set(0, 'later')
    expect([column.get(0), column.get(1)]).toEqual(['later', '2026-12-06T10:00:00Z'])
    expect(column.byteLength).toBe(held)
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

  it('cuts a list in its own room, and holds only its lists once trimmed', () => {
    const lists = new NumberLists(1000)
    for (let place = 0; place < 1000; place++) lists.set(place, [place, place + 1, place + 2])
    lists.trim()
    const held = lists.byteLength
    expect(held).toBe(1000 * 3 * 4 + 1000 * 8)
    // The way a full build drops a story's related stories and keeps the spares: from its own list.
    for (let place = 0; place < 1000; place++) lists.set(place, lists.get(place).subarray(1))
    expect(lists.byteLength).toBe(held)
    expect([...lists.get(0), ...lists.get(999)]).toEqual([1, 2, 1000, 1001])
    lists.set(500, [7, 8, 9, 10])
    expect([...lists.get(499), ...lists.get(500), ...lists.get(501)]).toEqual([
      500, 501, 7, 8, 9, 10, 502, 503,
    ])
  })

  it("gives back each place's strings, in their order", () => {
    const lists = new StringLists(3)
    lists.set(0, ['mara-quill', 'port-ellery'])
    lists.set(2, ['port-ellery', 'tobias-wren', 'mara-quill'])
    expect(lists.get(0)).toEqual(['mara-quill', 'port-ellery'])
    expect(lists.get(1)).toEqual([])
    expect(lists.get(2)).toEqual(['port-ellery', 'tobias-wren', 'mara-quill'])
    lists.trim()
    lists.set(2, ['tobias-wren'])
    expect([lists.get(0), lists.get(2)]).toEqual([['mara-quill', 'port-ellery'], ['tobias-wren']])
    expect(lists.byteLength).toBe(5 * 4 + 3 * 8)
  })
})
