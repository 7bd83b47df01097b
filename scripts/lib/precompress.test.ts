// @vitest-environment node
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { keepSourceTimes, pageFolders, precompressTree } from './precompress'
import { paths } from '../../src/app/paths'
import { writeServed } from './served'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-precompress-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const decoded = async (file: string) => ({
  gz: gunzipSync(await readFile(`${file}.gz`)).toString(),
  br: brotliDecompressSync(await readFile(`${file}.br`)).toString(),
})

describe('precompressTree', () => {
  it('compresses what lacks current copies, once, and removes copies whose file is gone', async () => {
    await mkdir(path.join(dir, 'assets'))
    const script = path.join(dir, 'assets', 'index-abc.js')
    const sitemap = path.join(dir, 'sitemap.xml')
    await writeFile(script, `console.log("${'a'.repeat(500)}")`)
    await writeFile(sitemap, `<urlset>${'<url/>'.repeat(100)}</urlset>`)
    await writeFile(path.join(dir, 'gone.json.gz'), 'an old copy')

    // On two threads, each file once.
    expect(await precompressTree(dir, { threads: 2 })).toEqual({ written: 2, removed: 1 })
    expect((await decoded(script)).br).toBe(`console.log("${'a'.repeat(500)}")`)
    expect(existsSync(path.join(dir, 'gone.json.gz'))).toBe(false)

    // Nothing changed: nothing compressed again.
    expect(await precompressTree(dir)).toEqual({ written: 0, removed: 0 })

    // A file rewritten by a step that knows nothing of copies (its time moves on): compressed again.
    await writeFile(sitemap, `<urlset>${'<url/>'.repeat(200)}</urlset>`)
    const later = new Date(Date.now() + 5000)
    await utimes(sitemap, later, later)
    expect(await precompressTree(dir)).toEqual({ written: 1, removed: 0 })
    expect((await decoded(sitemap)).gz).toBe(`<urlset>${'<url/>'.repeat(200)}</urlset>`)
  })

  it("leaves the copies of files copied from public/ be, once they have their source's times back", async () => {
    // public/api as the content build writes it, each file with its copies (the same times).
    const from = path.join(dir, 'public')
    await mkdir(path.join(from, 'api'), { recursive: true })
    const story = (words: number) => JSON.stringify({ body: 'The ferry sails. '.repeat(words) })
    writeServed(path.join(from, 'api', 'ferry.json'), story(40))
    writeServed(path.join(from, 'api', 'harbour.json'), story(50))
    // A copy into dist/: the same bytes, each file stamped with the time of its copy.
    const to = path.join(dir, 'dist')
    await cp(from, to, { recursive: true })
    const later = new Date(Date.now() + 5000)
    for (const file of ['ferry.json', 'harbour.json'])
      await utimes(path.join(to, 'api', file), later, later)
    // A later step rewrote one of them: its size differs, its time is its own.
    await writeFile(path.join(to, 'api', 'harbour.json'), story(60))

    expect(keepSourceTimes(from, to)).toBe(5)
    const ferry = path.join(to, 'api', 'ferry.json')
    // (To the millisecond: the times a file is given are that precise.)
    const [copied, source] = await Promise.all(
      [ferry, path.join(from, 'api', 'ferry.json')].map((f) => stat(f)),
    )
    expect(Math.abs((copied?.mtimeMs ?? 0) - (source?.mtimeMs ?? 0))).toBeLessThan(1)
    // Only the rewritten file is compressed again, and its copies say what it says now.
    expect(await precompressTree(to)).toEqual({ written: 1, removed: 0 })
    expect((await decoded(path.join(to, 'api', 'harbour.json'))).br).toBe(story(60))
    expect((await decoded(ferry)).gz).toBe(story(40))
  })

  it('does not look in the folders whose files the copy linked', async () => {
    const from = path.join(dir, 'public')
    const to = path.join(dir, 'dist')
    for (const folder of ['api', 'icons']) {
      await mkdir(path.join(from, folder), { recursive: true })
      await writeFile(path.join(from, folder, 'a.json'), '{"the":"same"}')
    }
    await cp(from, to, { recursive: true })
    const later = new Date(Date.now() + 5000)
    for (const folder of ['api', 'icons'])
      await utimes(path.join(to, folder, 'a.json'), later, later)
    expect(keepSourceTimes(from, to, new Set(['api']))).toBe(1)
    // (Were it a link, its time would be its source's; a copy here shows it was left be.)
    const left = (await stat(path.join(to, 'api', 'a.json'))).mtimeMs
    expect(Math.abs(left - later.getTime())).toBeLessThan(1)
  })

  it('leaves the pages’ folders to the steps that write their pages with copies', async () => {
    const skip = pageFolders()
    // Every page a file of the API makes lives in one of them, and the API's folder is not one.
    for (const page of [
      paths.article('harbour-reopens'),
      paths.entity('port-authority', 2),
      paths.latest(),
      paths.latest(3),
      paths.section('cities'),
      paths.author('ada-mensah'),
    ])
      expect(skip).toContain(page.split('/')[1])
    expect(skip).not.toContain('api')
    expect(skip).not.toContain('assets')

    // A page written without copies (no step does) is not looked at; the API's and the app's are.
    const html = `<p>${'The ferry sails. '.repeat(40)}</p>`
    for (const file of ['articles/harbour-reopens/index.html', 'api/front.json', 'index.html']) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
      await writeFile(path.join(dir, file), html)
    }
    expect(await precompressTree(dir, { skip })).toEqual({ written: 2, removed: 0 })
    expect(existsSync(path.join(dir, 'articles/harbour-reopens/index.html.br'))).toBe(false)
    expect((await decoded(path.join(dir, 'api/front.json'))).br).toBe(html)
  })
})
