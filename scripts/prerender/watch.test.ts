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
 * it has finished; `refreshedWith(name)` with those of the first finished refresh that had the
 * name. `withNames()`: the refreshes that found names. (A command writes the story file, then the
 * log: on a busy machine the two can be further apart than the watch waits for quiet, and a
 * refresh woken by the story file finds no name, then the next one finds it. Either is right.)
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
  const next = () => new Promise<void>((resolve) => waiting.push(resolve))
  const refreshed = async (n: number) => {
    while (finished.length < n) await next()
    return finished[n - 1]
  }
  const refreshedWith = async (name: string) => {
    for (;;) {
      const found = finished.find((names) => names.includes(name))
      if (found) return found
      await next()
    }
  }
  const withNames = () => calls.filter((names) => names.length > 0)
  return { calls, finished, refresh, refreshed, refreshedWith, withNames }
}

/** What the newsroom's commands do: the story file written whole, then noted in the log. */
async function commandChanges(name: string) {
  await writeWhole(path.join(contentDir, 'articles', name), '{}')
  await noteChanged(contentDir, [name])
}

describe('the watching refresh', () => {
  it('refreshes at once, then after each change the newsroom makes, with the stories noted', async () => {
    const { calls, refresh, refreshed, refreshedWith, withNames } = recorder()
    watcher = watchChanges(contentDir, refresh)
    expect(await refreshed(1)).toEqual([])
    await commandChanges('harbour-vote.json')
    expect(await refreshedWith('harbour-vote.json')).toEqual(['harbour-vote.json'])
    await commandChanges('ferry-strike.json')
    expect(await refreshedWith('ferry-strike.json')).toEqual(['ferry-strike.json'])
    await watcher.close()
    expect(calls[0]).toEqual([])
    expect(withNames()).toEqual([['harbour-vote.json'], ['ferry-strike.json']])
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
    const { calls, refresh, refreshed, withNames } = recorder(async (call) => {
      if (call === 2) await held
      return undefined
    })
    watcher = watchChanges(contentDir, refresh)
    await refreshed(1)
    // The log alone, one file event: the second refresh finds the name, and holds.
    await noteChanged(contentDir, ['harbour-vote.json'])
    // The second refresh has started (it took the log) and waits: three commands meanwhile.
    await expect.poll(() => calls.length).toBe(2)
    await commandChanges('ferry-strike.json')
    await commandChanges('quay-closure.json')
    await commandChanges('tram-fares.json')
    release()
    expect(await refreshed(2)).toEqual(['harbour-vote.json'])
    // One more refresh, which has all three.
    expect((await refreshed(3))?.sort()).toEqual([
      'ferry-strike.json',
      'quay-closure.json',
      'tram-fares.json',
    ])
    await watcher.close()
    expect(withNames()).toHaveLength(2)
  })

  it('goes on watching after a refresh fails, and the next one has its stories', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const failures: unknown[] = []
    const { finished, refresh, refreshed, refreshedWith } = recorder((call) =>
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
    await noteChanged(contentDir, ['harbour-vote.json'])
    await expect.poll(() => failures.length).toBe(1)
    await commandChanges('ferry-strike.json')
    await refreshedWith('ferry-strike.json')
    // Each story reached a refresh that finished, once.
    expect(finished.flat().sort()).toEqual(['ferry-strike.json', 'harbour-vote.json'])
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
