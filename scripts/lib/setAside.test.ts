// @vitest-environment node
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setAside } from './setAside'

let dir: string
let site: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-aside-'))
  site = path.join(dir, 'dist')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A built site of one story page. */
async function buildSite(words: string) {
  await mkdir(path.join(site, 'articles', 'harbour'), { recursive: true })
  await writeFile(path.join(site, 'articles', 'harbour', 'index.html'), words)
}
const page = () => readFile(path.join(site, 'articles', 'harbour', 'index.html'), 'utf8')

describe('setAside', () => {
  it('moves the last site out of the way, and removes it once the new one is whole', async () => {
    await buildSite('last build')
    const aside = setAside(site)
    expect(existsSync(site)).toBe(false)
    expect(aside?.dir).toBe(site)
    expect(aside?.folder).toBe(`${site}.old-${process.pid}`)

    await buildSite('this build')
    aside?.done()

    expect(await page()).toBe('this build')
    expect(await readdir(dir)).toEqual(['dist'])
  })

  it('puts the last site back, whole, when the new one fails part-way', async () => {
    await buildSite('last build')
    await writeFile(path.join(site, 'index.html'), 'front page')
    const aside = setAside(site)
    await mkdir(path.join(site, 'articles', 'half'), { recursive: true })

    aside?.putBack()

    expect(await page()).toBe('last build')
    expect((await readdir(site)).sort()).toEqual(['articles', 'index.html'])
    expect(await readdir(path.join(site, 'articles'))).toEqual(['harbour'])
    expect(await readdir(dir)).toEqual(['dist'])
  })

  it('clears what a build stopped part-way left aside, once the new site is whole', async () => {
    const ended = spawnSync(process.execPath, ['-e', '']).pid
    await mkdir(path.join(`${site}.old-${ended}`, 'articles'), { recursive: true })
    await buildSite('last build')
    const aside = setAside(site)
    expect((await readdir(dir)).length).toBe(2)

    await buildSite('this build')
    aside?.done()

    expect(await readdir(dir)).toEqual(['dist'])
  })

  it('has nothing to do for a first build', () => {
    expect(setAside(site)).toBeUndefined()
  })
})
