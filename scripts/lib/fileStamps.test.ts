// @vitest-environment node
import { statSync } from 'node:fs'
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileStamps, stampOf } from './fileStamps'

describe('the stamps of a folder of story files', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-stamps-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  const write = async (count: number) => {
    const names = Array.from({ length: count }, (_, i) => `story-${i}.json`)
    // A few hundred at once: thousands one by one take seconds on a busy machine.
    for (let i = 0; i < count; i += 500)
      await Promise.all(
        names
          .slice(i, i + 500)
          .map((name, j) => writeFile(path.join(dir, name), 'x'.repeat((i + j) % 7))),
      )
    return names
  }

  it('gives each file its time and size, and none for a file that is not there', async () => {
    const names = await write(3)
    await utimes(path.join(dir, 'story-1.json'), new Date(2000), new Date('2026-11-30T10:00:00Z'))
    const stamps = (await fileStamps(dir, [...names, 'gone.json'])) ?? []
    expect(stamps).toEqual([...names.map((n) => stampOf(statSync(path.join(dir, n)))), undefined])
    expect(stamps[1]).toBe(`${Date.parse('2026-11-30T10:00:00Z')}:1`)
  })

  it(
    'gives the same stamps, in the same order, when a second thread looks at half',
    {
      timeout: 60_000,
    },
    async () => {
      const names = await write(6_000)
      await rm(path.join(dir, 'story-5999.json'))
      const stamps = (await fileStamps(dir, names)) ?? []
      expect(stamps).toHaveLength(6_000)
      expect(stamps.at(-1)).toBeUndefined()
      expect(stamps.slice(0, -1)).toEqual(
        names.slice(0, -1).map((n) => stampOf(statSync(path.join(dir, n)))),
      )
    },
  )

  it('stops, and gives none, once told it need not go on', { timeout: 60_000 }, async () => {
    const names = await write(12_000)
    const stop = new AbortController()
    setImmediate(() => {
      stop.abort()
    })
    expect(await fileStamps(dir, names, stop.signal)).toBeUndefined()
    // Not told: all of them.
    expect(await fileStamps(dir, names, new AbortController().signal)).toHaveLength(12_000)
  })
})
