import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PrecacheError, writePrecache } from './precache'

let dist = ''

async function put(file: string, text: string) {
  await mkdir(path.dirname(path.join(dist, file)), { recursive: true })
  await writeFile(path.join(dist, file), text)
}

/** The list written into the worker, as the worker reads it. */
async function precacheList() {
  const worker = await readFile(path.join(dist, 'sw.js'), 'utf8')
  const lists = [...worker.matchAll(/\/\*precache\*\/(.*?)\/\*end precache\*\//gs)]
  expect(lists).toHaveLength(1)
  return JSON.parse(lists[0]?.[1] ?? '') as { url: string; revision: string | null }[]
}

beforeEach(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'dispatch-precache-'))
  await put('sw.js', 'precache(self.__WB_MANIFEST);listen()')
  await put('assets/startUp-AbC123.js', 'app')
  await put('assets/AdDebugPanel-XyZ.js', 'debug')
  await put('offline/index.html', '<h1>You’re offline</h1>')
  await put('saved/index.html', '<h1>Saved stories</h1>')
  await put('manifest.webmanifest', '{}')
  await put('icons/icon-192.png', 'png')
  await put('articles/a/index.html', 'a story')
  await put('api/articles/a.json', '{}')
})

afterEach(async () => {
  await rm(dist, { recursive: true, force: true })
})

describe('the service worker’s precache list', () => {
  it('is the shell: scripts by their hashed names, the offline and saved pages by revision', async () => {
    expect(await writePrecache(dist)).toMatchObject({ count: 5 })
    const list = await precacheList()
    expect(list.map((entry) => entry.url).sort()).toEqual([
      '/assets/startUp-AbC123.js',
      '/icons/icon-192.png',
      '/manifest.webmanifest',
      '/offline/index.html',
      '/saved/index.html',
    ])
    expect(list.find((e) => e.url.startsWith('/assets/'))?.revision).toBeNull()
    expect(list.find((e) => e.url === '/offline/index.html')?.revision).toMatch(/^[0-9a-f]{32}$/)
  })

  it('is written again, in place, for a changed site: a page’s new content, a new revision', async () => {
    await writePrecache(dist)
    const before = await precacheList()
    await put('offline/index.html', '<h1>You’re offline</h1><p>new build</p>')
    await writePrecache(dist)
    const after = await precacheList()
    const revision = (list: typeof before) =>
      list.find((e) => e.url === '/offline/index.html')?.revision
    expect(revision(after)).not.toBe(revision(before))
    expect(await readFile(path.join(dist, 'sw.js'), 'utf8')).toMatch(/\);listen\(\)$/)
  })

  it('stops the build, naming the file, when a page the worker answers offline is missing', async () => {
    await rm(path.join(dist, 'saved'), { recursive: true })
    await expect(writePrecache(dist)).rejects.toThrow(PrecacheError)
    await expect(writePrecache(dist)).rejects.toThrow(/sw\.js: .*saved\/index\.html/s)
  })

  it('is not written into a worker that removes itself (VITE_OFFLINE=off)', async () => {
    const retiring = "self.addEventListener('activate', () => self.registration.unregister())"
    await put('sw.js', retiring)
    expect(await writePrecache(dist)).toBeUndefined()
    expect(await readFile(path.join(dist, 'sw.js'), 'utf8')).toBe(retiring)
  })
})
