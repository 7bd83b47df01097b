// A full build's search postings wait on disk in runs: each word's come back whole and in order.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PostingsRuns } from './postingsRuns'

describe('postings kept in runs on disk', () => {
  const dirs: string[] = []
  const runsIn = (runPostings: number) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-runs-'))
    dirs.push(dir)
    return new PostingsRuns(path.join(dir, 'postings'), runPostings)
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('give each word its postings in the order they came, across every run', () => {
    const runs = runsIn(7)
    // Three words at different rates, 100 postings in all: 15 runs, the last part-filled.
    const expected = new Map<string, number[]>([
      ['harbour', []],
      ['quay', []],
      ['tide', []],
    ])
    for (let i = 0; i < 60; i++) {
      const words = i % 3 === 0 ? ['harbour', 'quay', 'tide'] : i % 2 ? ['quay'] : ['tide']
      for (const word of words) {
        runs.put(word, i * 256 + word.length)
        expected.get(word)?.push(i * 256 + word.length)
      }
    }
    expect([...runs.done().keys()].sort()).toEqual(['harbour', 'quay', 'tide'])
    for (const [word, list] of expected) expect([...(runs.get(word) ?? [])], word).toEqual(list)
    expect(runs.get('ferry')).toBeUndefined()
  })

  it('give their words sorted as strings sort, and find each by its place there', () => {
    const runs = runsIn(3)
    const words = ['tide', 'ærø', 'quay', 'quays', 'Zeeland', 'harbour', 'qu', 'éclair']
    words.forEach((word, i) => {
      runs.put(word, i)
      runs.put(word, 100 + i)
    })
    expect([...runs.keys()]).toEqual([...words].sort())
    words.forEach((word, i) => expect([...(runs.get(word) ?? [])], word).toEqual([i, 100 + i]))
    for (const absent of ['', 'q', 'quayside', 'zeeland', 'ærøs'])
      expect(runs.get(absent), absent).toBeUndefined()
    expect(() => runs.put('ferry', 1)).toThrow(/added after the postings were read/)
    runs.close()
  })

  it('take no more postings once read, and leave no file when closed', () => {
    const runs = runsIn(4)
    for (let i = 0; i < 10; i++) runs.put('quay', i)
    expect(existsSync(runs.file)).toBe(true)
    expect([...(runs.get('quay') ?? [])]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(() => runs.put('quay', 10)).toThrow(/added after the postings were read/)
    runs.close()
    runs.close()
    expect(existsSync(runs.file)).toBe(false)
  })

  it('make no file for an index with no words', () => {
    const runs = runsIn(4)
    expect([...runs.done().keys()]).toEqual([])
    expect(existsSync(runs.file)).toBe(false)
    runs.close()
  })
})
