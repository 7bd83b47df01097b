// @vitest-environment node
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { removeLeftovers, workingName } from './leftovers'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-leftovers-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The id of a process that has ended. */
const endedPid = () => spawnSync(process.execPath, ['-e', '']).pid

describe('removeLeftovers', () => {
  it("removes an ended process's staging folder, next cache and quotes, and nothing else", async () => {
    const gone = endedPid()
    const alive = process.ppid
    const site = path.join(dir, 'api')
    const cache = path.join(dir, 'cache.sqlite')
    await mkdir(path.join(dir, `api.tmp-${gone}`, 'articles'), { recursive: true })
    await writeFile(path.join(dir, `api.tmp-${gone}`, 'articles', 'harbour.json'), '{}')
    await mkdir(path.join(dir, `api.tmp-${alive}`))
    await mkdir(path.join(dir, `api.tmp-${process.pid}`))
    const kept = [
      'api',
      'cache.sqlite',
      `api.tmp-${alive}`,
      `api.tmp-${process.pid}`,
      `cache.sqlite.next-${alive}-1`,
      'api.tmp-notes',
      `apiary.tmp-${gone}`,
    ]
    for (const file of ['cache.sqlite', `cache.sqlite.next-${alive}-1`, 'api.tmp-notes'])
      await writeFile(path.join(dir, file), 'x')
    await mkdir(site)
    await mkdir(path.join(dir, `apiary.tmp-${gone}`))
    const left = [`cache.sqlite.next-${gone}-2`, `cache.sqlite.quotes-${gone}-1`]
    left.push(`cache.sqlite.quotes-${gone}-1.summaries`)
    for (const file of left) await writeFile(path.join(dir, file), 'x')

    const removed = [
      ...removeLeftovers(site, ['tmp']),
      ...removeLeftovers(cache, ['next', 'quotes']),
    ]

    expect(removed.map((file) => path.basename(file)).sort()).toEqual(
      [`api.tmp-${gone}`, ...left].sort(),
    )
    expect((await readdir(dir)).sort()).toEqual(kept.sort())
  })

  it('names working files in the shape it removes: the target, the kind, the process, which one', () => {
    const cache = path.join(dir, 'cache.sqlite')
    expect(workingName(cache, 'next', 2)).toBe(`${cache}.next-${process.pid}-2`)
    expect(workingName(path.join(dir, 'api'), 'tmp')).toBe(path.join(dir, `api.tmp-${process.pid}`))
  })

  it('does nothing where the folder is missing', () => {
    expect(removeLeftovers(path.join(dir, 'none', 'api'), ['tmp'])).toEqual([])
    expect(existsSync(path.join(dir, 'none'))).toBe(false)
  })
})
