import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { noteChanged, takeChanged } from '../content/changeLog'
import { writeWhole } from '../lib/fs'
import { isChange, watchChanges, type Watcher } from './watch'

let contentDir = ''
let watcher: Watcher | undefined
beforeEach(async () => {
  contentDir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-watch-'))
  await mkdir(path.join(contentDir, 'articles'))
})
afterEach(async () => {
  await watcher?.close()
  watcher = undefined
  await rm(contentDir, { recursive: true, force: true })
})

/**
 * A stand-in for the site's refresh: takes the change log as the real one does and records the
 * names it found, one list a refresh. `refreshed(n)` resolves with the n-th refresh's names once
 * it has finished.
 */
function recorder(
  onRefresh: (call: number) => Promise<number | undefined> = () => Promise.resolve(undefined),
) {
  const calls: string[][] = []
  const finished: string[][] = []
  let waiting: (() => void)[] = []
  const refresh = async () => {
    const taken = await takeChanged(contentDir)
    const names = taken?.names ?? []
    calls.push(names)
    const next = await onRefresh(calls.length)
    await taken?.done()
    finished.push(names)
    for (const wake of waiting) wake()
    waiting = []
    return next
  }
  const refreshed = async (n: number) => {
    while (finished.length < n) await new Promise<void>((resolve) => waiting.push(resolve))
    return finished[n - 1]
  }
  return { calls, refresh, refreshed }
}

/** What the newsroom's commands do: the story file written whole, then noted in the log. */
async function commandChanges(name: string) {
  await writeWhole(path.join(contentDir, 'articles', name), '{}')
  await noteChanged(contentDir, [name])
}

describe('the watching refresh', () => {
  it('refreshes at once, then after each change the newsroom makes, with the stories noted', async () => {
    const { calls, refresh, refreshed } = recorder()
    watcher = watchChanges(contentDir, refresh)
    expect(await refreshed(1)).toEqual([])
    await commandChanges('harbour-vote.json')
    expect(await refreshed(2)).toEqual(['harbour-vote.json'])
    await commandChanges('ferry-strike.json')
    expect(await refreshed(3)).toEqual(['ferry-strike.json'])
    await watcher.close()
    expect(calls).toEqual([[], ['harbour-vote.json'], ['ferry-strike.json']])
  })

  it('refreshes after a story file edited by hand, with no note in the log', async () => {
    const { refresh, refreshed } = recorder()
    watcher = watchChanges(contentDir, refresh)
    await refreshed(1)
    await writeWhole(path.join(contentDir, 'articles', 'harbour-vote.json'), '{}')
    expect(await refreshed(2)).toEqual([])
  })

  it('gives changes made during a refresh one more refresh after it', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const { calls, refresh, refreshed } = recorder(async (call) => {
      if (call === 2) await held
      return undefined
    })
    watcher = watchChanges(contentDir, refresh)
    await refreshed(1)
    await commandChanges('harbour-vote.json')
    // The second refresh has started (it took the log) and waits: three commands meanwhile.
    await expect.poll(() => calls.length).toBe(2)
    await commandChanges('ferry-strike.json')
    await commandChanges('quay-closure.json')
    await commandChanges('tram-fares.json')
    release()
    expect(await refreshed(2)).toEqual(['harbour-vote.json'])
    expect((await refreshed(3))?.sort()).toEqual([
      'ferry-strike.json',
      'quay-closure.json',
      'tram-fares.json',
    ])
    await watcher.close()
    expect(calls).toHaveLength(3)
  })

  it('goes on watching after a refresh fails, and the next one has its stories', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const failures: unknown[] = []
    const { refresh, refreshed } = recorder((call) =>
      call === 2 ? Promise.reject(new Error('the disk is full')) : Promise.resolve(undefined),
    )
    watcher = watchChanges(contentDir, async () => {
      try {
        return await refresh()
      } catch (error) {
        failures.push(error)
        throw error
      }
    })
    await refreshed(1)
    // The failed refresh took the log and never finished: its names wait for the next one.
    await commandChanges('harbour-vote.json')
    await expect.poll(() => failures.length).toBe(1)
    await commandChanges('ferry-strike.json')
    // (The failed one never finished: the second to finish is the third refresh.)
    expect((await refreshed(2))?.sort()).toEqual(['ferry-strike.json', 'harbour-vote.json'])
    // The failure was reported, not swallowed.
    expect(logged).toHaveBeenCalledWith(failures[0])
    logged.mockRestore()
  })

  it('refreshes again when the next embargo lifts, with no change to wake it', async () => {
    const { calls, refresh, refreshed } = recorder((call) =>
      Promise.resolve(call === 1 ? Date.now() + 100 : undefined),
    )
    watcher = watchChanges(contentDir, refresh)
    await refreshed(2)
    expect(calls).toEqual([[], []])
  })
})

describe('which file events are changes', () => {
  const articles = () => path.join(contentDir, 'articles')

  it('counts a story file, the gazetteer and the log as a command writes it', async () => {
    expect(isChange(contentDir, articles(), 'harbour-vote.json')).toBe(true)
    expect(isChange(contentDir, contentDir, 'entities.json')).toBe(true)
    await noteChanged(contentDir, ['harbour-vote.json'])
    expect(isChange(contentDir, contentDir, '.changed')).toBe(true)
  })

  it('ignores the log a refresh takes away, and the temp files written beside stories', async () => {
    await noteChanged(contentDir, ['harbour-vote.json'])
    await takeChanged(contentDir)
    expect(isChange(contentDir, contentDir, '.changed')).toBe(false)
    expect(isChange(contentDir, contentDir, '.changed.taken')).toBe(false)
    expect(isChange(contentDir, articles(), '.harbour-vote.json.4242.tmp')).toBe(false)
  })
})
