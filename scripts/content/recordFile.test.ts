// @vitest-environment node
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RecordFile } from './recordFile'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dispatch-records-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('RecordFile', () => {
  it('gives back each record as it was given, those still waiting to be written and those written alike', () => {
    const records = new RecordFile(path.join(dir, 'facts'))
    // Many more than one write's worth, some not ASCII: places count bytes, not characters.
    const texts = Array.from(
      { length: 3000 },
      (_, i) => `["Østerhavn ${i}",${i},"${'x'.repeat(i % 90)}"]`,
    )
    const places = texts.map((text) => records.append(text))
    for (const i of [2999, 0, 1500, 2998]) expect(records.read(places[i] ?? [0, 0])).toBe(texts[i])
    records.close()
  })

  it('writes a record no longer than the one it replaces over it, and a longer one at the end', () => {
    const file = path.join(dir, 'facts')
    const records = new RecordFile(file)
    const first = records.append('["a long record, with room"]')
    const second = records.append('["the next"]')
    const shorter = records.replace(first, '["short"]')
    expect(shorter).toEqual([first[0], Buffer.byteLength('["short"]')])
    const longer = records.replace(second, '["the next, grown longer than it was"]')
    expect(longer[0]).toBeGreaterThan(second[0])
    expect(records.read(shorter)).toBe('["short"]')
    expect(records.read(longer)).toBe('["the next, grown longer than it was"]')
    expect(records.read(second)).toBe('["the next"]')
    // Written over in place: the file grew by the longer record alone.
    records.read(longer)
    expect(statSync(file).size).toBe(longer[0] + longer[1])
    records.close()
  })

  it('names what it holds when asked for a record past its end, and removes its file when closed', () => {
    const file = path.join(dir, 'summaries')
    const records = new RecordFile(file, 'summary')
    const place = records.append('{"slug":"harbour"}')
    expect(() => records.read([place[0], place[1] + 1])).toThrow(/no summary at 0 \(19 bytes\)/)
    expect(records.read(place)).toBe('{"slug":"harbour"}')
    expect(readFileSync(file, 'utf8')).toBe('{"slug":"harbour"}')
    records.close()
    records.close()
    expect(existsSync(file)).toBe(false)
  })
})
