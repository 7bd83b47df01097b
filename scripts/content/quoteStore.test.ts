// @vitest-environment node
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { quoteStore, type StoredQuote } from './quoteStore'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dispatch-quotes-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const said = (quoteId: string, speakerId: string, source?: string): StoredQuote => ({
  quoteId,
  text: `Words ${quoteId} of ${speakerId}.`,
  ...(source ? { source } : {}),
  speakerId,
})

describe('quoteStore', () => {
  it('gives each speaker’s quotes by story, and each story’s as the JSON it was given, in the body’s order', () => {
    const store = quoteStore(path.join(dir, 'quotes'))
    const harbour = [said('q1', 'mara-quill', 'on the quay'), said('q2', 'tobias-wren')]
    const ferry = [said('q1', 'tobias-wren'), said('q2', 'mara-quill'), said('q3', 'mara-quill')]
    store.add('harbour.json', harbour)
    store.add('ferry.json', ferry)
    store.add('bakery.json', [])

    // As the cache's row holds them: the same JSON, fields in their order.
    expect(store.textOf('harbour.json')).toBe(JSON.stringify(harbour))
    expect(store.textOf('ferry.json')).toBe(JSON.stringify(ferry))
    expect(store.textOf('bakery.json')).toBe('[]')
    expect(store.bySpeaker('mara-quill')).toEqual(
      new Map([
        ['ferry.json', [ferry[1], ferry[2]]],
        ['harbour.json', [harbour[0]]],
      ]),
    )
    expect(store.bySpeaker('nobody')).toEqual(new Map())
    // A story added after the first reads is found too.
    store.add('seawall.json', [said('q1', 'mara-quill')])
    expect([...store.bySpeaker('mara-quill').keys()].sort()).toEqual([
      'ferry.json',
      'harbour.json',
      'seawall.json',
    ])
    store.close()
  })

  it('keeps each summary where it says, and gives it back as it was given', () => {
    const store = quoteStore(path.join(dir, 'quotes'))
    const harbour = {
      slug: 'harbour',
      headline: 'The harbour wall is mended',
      standfirst: 'Masons finished before the spring tides — at last.',
      section: 'Local',
      publishedAt: '2025-08-01T09:00:00Z',
      updatedAt: '2025-08-02T10:00:00Z',
    }
    const ferry = { ...harbour, slug: 'ferry', headline: 'The ferry runs again', standfirst: 'Ö' }
    delete (ferry as { updatedAt?: string }).updatedAt
    const first = store.hold(harbour)
    store.add('harbour.json', [said('q1', 'mara-quill')])
    const second = store.hold(ferry)
    expect(JSON.stringify(store.summary(...second))).toBe(JSON.stringify(ferry))
    expect(JSON.stringify(store.summary(...first))).toBe(JSON.stringify(harbour))
    expect(() => store.summary(second[0], second[1] + 1)).toThrow(/no summary/)
    // Many more than the store writes at once, read back in another order.
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...harbour,
      slug: `tide-${i}`,
      standfirst: `High water at ${i} minutes past the hour. `.repeat(8),
    }))
    const places = many.map((summary) => store.hold(summary))
    for (const i of [399, 0, 217, 1, 398])
      expect(store.summary(...(places[i] as [number, number]))).toEqual(many[i])
    expect(store.summary(...first)).toEqual(harbour)
    store.close()
  })

  it('replaces a file a stopped build left, and removes its own when closed', () => {
    const file = path.join(dir, 'quotes')
    writeFileSync(file, 'left by a build that stopped')
    const store = quoteStore(file)
    store.add('harbour.json', [said('q1', 'mara-quill')])
    expect(store.bySpeaker('mara-quill').get('harbour.json')).toHaveLength(1)
    store.hold({
      slug: 'h',
      headline: 'H',
      standfirst: 'S',
      section: 'L',
      publishedAt: '2025-08-01T09:00:00Z',
    })
    store.close()
    store.close()
    expect(existsSync(file)).toBe(false)
    expect(existsSync(`${file}.summaries`)).toBe(false)
  })
})
