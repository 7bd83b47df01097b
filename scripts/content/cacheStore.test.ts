import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import {
  freshStoredCache,
  openStoredCache,
  patchStoredCache,
  readStoredCache,
  saveStoredCache,
  type StoredCache,
} from './cacheStore'

interface Facts {
  headline: string
}

const stamp = (facts: Facts) => facts.headline

const cache = (stories: Record<string, Facts>): StoredCache<Facts> => ({
  version: 3,
  meta: { settings: 'page size 20' },
  stories,
  outputs: { 'articles/a.json': 'hash-a', 'articles/b.json': 'hash-b' },
  images: { 'quay.jpg': '1:200' },
  entities: { 'port-ellery': '{"id":"port-ellery","name":"Port Ellery"}' },
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
    saveStoredCache(file, saved, undefined, stamp)
    expect(readStoredCache(file)).toEqual(saved)
  })

  it('fills a new store row by row beside the old one, and puts it in place whole or not at all', async () => {
    const old = cache({ 'old.json': { headline: 'Pier closes' } })
    saveStoredCache(file, old, undefined, stamp)
    const next = cache({
      'a.json': { headline: 'Quay reopens' },
      'b.json': { headline: 'Ferry late' },
    })
    // Each story by its place among the sorted keys: a.json 0, b.json 1.
    const shows = new Map([
      ['articles/a.json', [1]],
      ['articles/b.json', [0, 1]],
    ])
    const besides = async () =>
      (await readdir(path.dirname(file))).filter((f) => f !== 'cache.sqlite')

    const keys = Object.keys(next.stories).sort()
    const fresh = freshStoredCache(file, stamp, keys.length)
    for (const [key, facts] of Object.entries(next.stories))
      fresh.story(keys.indexOf(key), key, facts, JSON.stringify(facts))
    for (const [key, value] of Object.entries(next.outputs))
      fresh.output(key, value, shows.get(key) ?? [])
    // Until it is finished, the old store is the one read.
    expect(readStoredCache(file)).toEqual(old)
    expect(await besides()).toHaveLength(1)
    fresh.finish(next)
    expect(await besides()).toEqual([])
    // What a whole save of the same rows gives, what each file shows included.
    expect(readStoredCache(file)).toEqual(next)
    const opened = openStoredCache(file)
    expect(opened?.storyCount()).toBe(2)
    expect(opened?.shownIn('a.json')).toEqual(['articles/b.json'])
    expect(opened?.shownIn('b.json').sort()).toEqual(['articles/a.json', 'articles/b.json'])
    opened?.close()

    // One discarded leaves the store as it was, and no file of its own.
    const stopped = freshStoredCache(file, stamp, 1)
    stopped.story(0, 'c.json', { headline: 'Bridge shut' }, '{"headline":"Bridge shut"}')
    // A story it was not made for, or one twice, is a mistake of the build's, never a row.
    expect(() => stopped.story(1, 'd.json', { headline: 'Pier' }, '{}')).toThrow(/d\.json/)
    expect(() => stopped.story(0, 'c.json', { headline: 'Bridge' }, '{}')).toThrow(/already/)
    stopped.discard()
    stopped.discard()
    expect(await besides()).toEqual([])
    expect(readStoredCache(file)).toEqual(next)
  })

  it('writes the stories whose objects are new and removes those gone, leaving the rest', () => {
    const a = { headline: 'Quay reopens' }
    saveStoredCache(file, cache({ 'a.json': { headline: 'An older row' } }), undefined, stamp)
    // What the build read says a.json is `a`: the same object in the next cache is not written,
    // so the row keeps what the file has.
    const previous = cache({ 'a.json': a, 'b.json': { headline: 'Ferry late' } })
    const next: StoredCache<Facts> = {
      ...cache({ 'a.json': a, 'c.json': { headline: 'Bridge shut' } }),
      outputs: { 'articles/a.json': 'hash-a2' },
    }
    saveStoredCache(file, next, previous, stamp)
    expect(readStoredCache(file)).toEqual({
      ...next,
      stories: { 'a.json': { headline: 'An older row' }, 'c.json': { headline: 'Bridge shut' } },
    })
  })

  it('replaces every row when told of no previous cache', () => {
    saveStoredCache(file, cache({ 'a.json': { headline: 'Quay reopens' } }), undefined, stamp)
    const fresh = cache({ 'b.json': { headline: 'Ferry late' } })
    saveStoredCache(file, fresh, undefined, stamp)
    expect(readStoredCache(file)).toEqual(fresh)
  })

  it('leaves the last cache whole when a save fails part-way', () => {
    const saved = cache({ 'a.json': { headline: 'Quay reopens' } })
    saveStoredCache(file, saved, undefined, stamp)
    const broken = cache({
      'a.json': { headline: 'Changed' },
      // JSON cannot hold a BigInt: the save throws after writing a.json's row.
      'b.json': { headline: 'Ferry late', count: 1n } as Facts,
    })
    expect(() => {
      saveStoredCache(file, broken, saved, stamp)
    }).toThrow()
    expect(readStoredCache(file)).toEqual(saved)
  })

  it('treats a file that is no database as no cache, and makes it again', async () => {
    saveStoredCache(file, cache({}), undefined, stamp)
    await writeFile(file, 'not a database, just text')
    expect(readStoredCache(file)).toBeUndefined()
    const saved = cache({ 'a.json': { headline: 'Quay reopens' } })
    saveStoredCache(file, saved, undefined, stamp)
    expect(readStoredCache(file)).toEqual(saved)
  })

  it('finds the files that show a story, and forgets a file removed', () => {
    const shows = new Map([
      ['articles/a.json', ['b.json']],
      ['articles/b.json', ['a.json']],
      ['front.json', ['a.json', 'b.json']],
    ])
    const first: StoredCache<Facts> = {
      ...cache({ 'a.json': { headline: 'Quay reopens' }, 'b.json': { headline: 'Ferry late' } }),
      outputs: { 'articles/a.json': 'ha', 'articles/b.json': 'hb', 'front.json': 'hf' },
    }
    saveStoredCache(file, first, undefined, stamp, shows)
    const shownIn = (key: string) => {
      const store = openStoredCache(file)
      try {
        return store?.shownIn(key).sort()
      } finally {
        store?.close()
      }
    }
    expect(shownIn('a.json')).toEqual(['articles/b.json', 'front.json'])
    // The front page now shows only b, and b's page is gone.
    const next: StoredCache<Facts> = {
      ...first,
      outputs: { 'articles/a.json': 'ha', 'front.json': 'hf2' },
    }
    saveStoredCache(file, next, first, stamp, new Map([['front.json', ['b.json']]]))
    expect(shownIn('a.json')).toEqual([])
    expect(shownIn('b.json')).toEqual(['articles/a.json', 'front.json'])
    // Story b goes: nothing shows it any more.
    const gone: StoredCache<Facts> = {
      ...next,
      stories: { 'a.json': { headline: 'Quay reopens' } },
    }
    saveStoredCache(file, gone, next, stamp)
    expect(shownIn('b.json')).toEqual([])
  })

  it('patches a few rows, a story with its stamp, and leaves the rest', () => {
    saveStoredCache(
      file,
      cache({ 'a.json': { headline: 'Quay reopens' }, 'b.json': { headline: 'Ferry late' } }),
      undefined,
      stamp,
      new Map([['articles/b.json', ['a.json']]]),
    )
    patchStoredCache(
      file,
      {
        stories: new Map([['a.json', { headline: 'Quay reopens at dawn' }]]),
        outputs: new Map([
          ['articles/a.json', 'hash-a2'],
          ['articles/b.json', undefined],
        ]),
      },
      stamp,
    )
    const store = openStoredCache(file)
    try {
      expect(store?.story('a.json')).toEqual({ headline: 'Quay reopens at dawn' })
      expect(new Map(store?.stamps())).toEqual(
        new Map([
          ['a.json', 'Quay reopens at dawn'],
          ['b.json', 'Ferry late'],
        ]),
      )
      expect(store?.output('articles/a.json')).toBe('hash-a2')
      expect(store?.outputsUnder('articles/')).toEqual([['articles/a.json', 'hash-a2']])
      expect(store?.shownIn('a.json')).toEqual([])
      expect(store?.storyCount()).toBe(2)
    } finally {
      store?.close()
    }
    // Stories published and withdrawn: the count the store keeps follows, whatever the order.
    patchStoredCache(
      file,
      {
        stories: new Map([
          ['c.json', { headline: 'Bridge shut' }],
          ['b.json', undefined],
          ['d.json', { headline: 'Tide late' }],
          ['e.json', undefined],
        ]),
        outputs: new Map(),
      },
      stamp,
    )
    const after = openStoredCache(file)
    try {
      expect(after?.storyCount()).toBe(3)
      expect(
        after
          ?.stamps()
          .map(([key]) => key)
          .sort(),
      ).toEqual(['a.json', 'c.json', 'd.json'])
    } finally {
      after?.close()
    }
  })

  it("looks up the gazetteer's entries one by one, and keeps them until they change", () => {
    const first = cache({ 'a.json': { headline: 'Quay reopens' } })
    saveStoredCache(file, first, undefined, stamp)
    const valdoria = '{"id":"valdoria","name":"Valdoria"}'
    const next = { ...first, entities: { ...first.entities, valdoria } }
    saveStoredCache(file, next, first, stamp)
    const store = openStoredCache(file)
    try {
      expect(store?.entity('valdoria')).toBe(valdoria)
      expect(store?.entity('port-ellery')).toBe(first.entities['port-ellery'])
      expect(store?.entity('nowhere')).toBeUndefined()
      expect(store?.entityCount()).toBe(2)
    } finally {
      store?.close()
    }
    saveStoredCache(file, first, next, stamp)
    expect(readStoredCache(file)?.entities).toEqual(first.entities)
  })

  it('reads a store of another layout as none, and makes it again', () => {
    const db = new Database(file.replace('nested/', ''))
    db.exec('CREATE TABLE stories (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
    db.close()
    const old = file.replace('nested/', '')
    expect(readStoredCache(old)).toBeUndefined()
    expect(openStoredCache(old)).toBeUndefined()
    const saved = cache({ 'a.json': { headline: 'Quay reopens' } })
    saveStoredCache(old, saved, undefined, stamp)
    expect(readStoredCache(old)).toEqual(saved)
  })
})
