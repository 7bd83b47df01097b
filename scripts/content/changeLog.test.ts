import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { noteChanged, takeChanged } from './changeLog'

let contentDir = ''
beforeEach(async () => {
  contentDir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-changelog-'))
})
afterEach(async () => {
  await rm(contentDir, { recursive: true, force: true })
})

describe('the change log', () => {
  it('gives the story files noted, each once, and nothing when none were', async () => {
    expect(await takeChanged(contentDir)).toBeUndefined()
    await noteChanged(contentDir, [path.join(contentDir, 'articles', 'harbour-vote.json')])
    await noteChanged(contentDir, ['ferry-strike.json', 'harbour-vote.json'])
    const taken = await takeChanged(contentDir)
    expect(taken?.names).toEqual(['harbour-vote.json', 'ferry-strike.json'])
    await taken?.done()
    expect(await takeChanged(contentDir)).toBeUndefined()
    expect(await readdir(contentDir)).toEqual([])
  })

  it('keeps what is noted while a refresh holds the log for the next one', async () => {
    await noteChanged(contentDir, ['harbour-vote.json'])
    const first = await takeChanged(contentDir)
    await noteChanged(contentDir, ['ferry-strike.json'])
    await first?.done()
    expect((await takeChanged(contentDir))?.names).toEqual(['ferry-strike.json'])
  })

  it('gives again what a refresh that stopped early took, with what was noted since', async () => {
    await noteChanged(contentDir, ['harbour-vote.json'])
    // Taken, and never done: the refresh stopped before it looked at every story file.
    await takeChanged(contentDir)
    expect((await takeChanged(contentDir))?.names).toEqual(['harbour-vote.json'])
    await noteChanged(contentDir, ['ferry-strike.json'])
    const again = await takeChanged(contentDir)
    expect(again?.names).toEqual(['harbour-vote.json', 'ferry-strike.json'])
    await again?.done()
    expect(await takeChanged(contentDir)).toBeUndefined()
  })

  it('loses no note of commands run at once', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `story-${i}.json`)
    await Promise.all(names.map((name) => noteChanged(contentDir, [name])))
    expect((await takeChanged(contentDir))?.names.sort()).toEqual([...names].sort())
  })
})
