// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NameList } from './nameList'
import { RecordFile } from './recordFile'

let dir: string
let records: RecordFile
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dispatch-names-'))
  records = new RecordFile(path.join(dir, 'names'), 'name')
})
afterEach(() => {
  records.close()
  rmSync(dir, { recursive: true, force: true })
})

// Story files' names as a full build lists them, sorted as strings sort: more than a few blocks of
// the one name in 64 the list keeps in memory, some not ASCII.
const names = Array.from({ length: 300 }, (_, i) =>
  i % 7 === 0
    ? `ørsted-quay-${String(i).padStart(3, '0')}.json`
    : `harbour-${String(i).padStart(3, '0')}.json`,
).sort()

describe('NameList', () => {
  it('gives each name at its place, in order, and nothing past either end', () => {
    const list = new NameList(names, records)
    expect(list.length).toBe(300)
    expect([...list]).toEqual(names)
    expect(list.at(0)).toBe(names[0])
    expect(list.at(299)).toBe(names[299])
    expect(list.at(-1)).toBeUndefined()
    expect(list.at(300)).toBeUndefined()
  })

  it('finds every name’s place, those it keeps in memory and those between them alike', () => {
    const list = new NameList(names, records)
    names.forEach((name, place) => expect(list.find(name)).toBe(place))
  })

  it('finds no place for a name it does not have: before the first, after the last, or between two', () => {
    const list = new NameList(names, records)
    for (const name of [
      'a.json',
      'harbour-000.jso',
      'harbour-001.json0',
      'harbour-064-x.json',
      'zzz.json',
    ])
      expect(list.find(name)).toBe(-1)
    expect(new NameList([], records).find('harbour-000.json')).toBe(-1)
  })
})
