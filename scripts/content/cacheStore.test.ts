import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readStoredCache, saveStoredCache, type StoredCache } from './cacheStore'

interface Facts {
  headline: string
}

const cache = (stories: Record<string, Facts>): StoredCache<Facts> => ({
  version: 3,
  meta: { settings: 'page size 20' },
  stories,
  outputs: { 'articles/a.json': 'hash-a', 'articles/b.json': 'hash-b' },
  images: { 'quay.jpg': '1:200' },
})

describe('the content build’s cache store', () => {
  let root: string
  let file: string
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'dispatch-cache-'))
    file = path.join(root, 'nested', 'cache.sqlite')
  })
  afterEach(() => rm(root, { recursive: true, force: true }))

  it('reads back what it saved, and nothing where there is no file', () => {
    expect(readStoredCache(file)).toBeUndefined()
    const saved = cache({ 'a.json': { headline: 'Quay reopens' } })
    saveStoredCache(file, saved, undefined)
    expect(readStoredCache(file)).toEqual(saved)
  })

  it('writes the stories whose objects are new and removes those gone, leaving the rest', () => {
    const a = { headline: 'Quay reopens' }
    saveStoredCache(file, cache({ 'a.json': { headline: 'An older row' } }), undefined)
    // What the build read says a.json is `a`: the same object in the next cache is not written,
    // so the row keeps what the file has.
    const previous = cache({ 'a.json': a, 'b.json': { headline: 'Ferry late' } })
    const next: StoredCache<Facts> = {
      ...cache({ 'a.json': a, 'c.json': { headline: 'Bridge shut' } }),
      outputs: { 'articles/a.json': 'hash-a2' },
    }
    saveStoredCache(file, next, previous)
    expect(readStoredCache(file)).toEqual({
      ...next,
      stories: { 'a.json': { headline: 'An older row' }, 'c.json': { headline: 'Bridge shut' } },
    })
  })

  it('replaces every row when told of no previous cache', () => {
    saveStoredCache(file, cache({ 'a.json': { headline: 'Quay reopens' } }), undefined)
    const fresh = cache({ 'b.json': { headline: 'Ferry late' } })
    saveStoredCache(file, fresh, undefined)
    expect(readStoredCache(file)).toEqual(fresh)
  })

  it('leaves the last cache whole when a save fails part-way', () => {
    const saved = cache({ 'a.json': { headline: 'Quay reopens' } })
    saveStoredCache(file, saved, undefined)
    const broken = cache({
      'a.json': { headline: 'Changed' },
      // JSON cannot hold a BigInt: the save throws after writing a.json's row.
      'b.json': { headline: 'Ferry late', count: 1n } as Facts,
    })
    expect(() => {
      saveStoredCache(file, broken, saved)
    }).toThrow()
    expect(readStoredCache(file)).toEqual(saved)
  })

  it('treats a file that is no database as no cache, and makes it again', async () => {
    saveStoredCache(file, cache({}), undefined)
    await writeFile(file, 'not a database, just text')
    expect(readStoredCache(file)).toBeUndefined()
    const saved = cache({ 'a.json': { headline: 'Quay reopens' } })
    saveStoredCache(file, saved, undefined)
    expect(readStoredCache(file)).toEqual(saved)
  })
})
