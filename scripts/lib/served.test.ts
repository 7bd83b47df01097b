// @vitest-environment node
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { precompressTree, removeServed, writeServed } from './served'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-served-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const page = (words: string) => `<!doctype html><p>${words.repeat(40)}</p>`
const decoded = async (file: string) => ({
  gz: gunzipSync(await readFile(`${file}.gz`)).toString(),
  br: brotliDecompressSync(await readFile(`${file}.br`)).toString(),
})

describe('writeServed', () => {
  it('writes a page with gzip and Brotli copies that decode to the page', async () => {
    const file = path.join(dir, 'index.html')
    await writeServed(file, page('Harbour news. '))
    expect(await readFile(file, 'utf8')).toBe(page('Harbour news. '))
    expect(await decoded(file)).toEqual({ gz: page('Harbour news. '), br: page('Harbour news. ') })

    // Rewritten: the copies follow, never an old page's bytes.
    await writeServed(file, page('Ferry news. '))
    expect(await decoded(file)).toEqual({ gz: page('Ferry news. '), br: page('Ferry news. ') })
  })

  it('drops the copies of a file that became too small or is removed', async () => {
    const file = path.join(dir, 'story.json')
    await writeServed(file, JSON.stringify({ text: 'x'.repeat(1000) }))
    expect(existsSync(`${file}.br`)).toBe(true)
    await writeServed(file, '{}')
    expect([existsSync(file), existsSync(`${file}.gz`), existsSync(`${file}.br`)]).toEqual([
      true,
      false,
      false,
    ])
    await writeServed(file, JSON.stringify({ text: 'x'.repeat(1000) }))
    await removeServed(file)
    expect([existsSync(file), existsSync(`${file}.gz`), existsSync(`${file}.br`)]).toEqual([
      false,
      false,
      false,
    ])
  })

  it('gives pictures no copies: they are compressed already', async () => {
    const file = path.join(dir, 'map.avif')
    await writeServed(file, new Uint8Array(4096))
    expect(existsSync(`${file}.gz`)).toBe(false)
  })
})

describe('precompressTree', () => {
  it('compresses what lacks current copies, once, and removes copies whose file is gone', async () => {
    await mkdir(path.join(dir, 'assets'))
    const script = path.join(dir, 'assets', 'index-abc.js')
    const sitemap = path.join(dir, 'sitemap.xml')
    await writeFile(script, `console.log("${'a'.repeat(500)}")`)
    await writeFile(sitemap, `<urlset>${'<url/>'.repeat(100)}</urlset>`)
    await writeFile(path.join(dir, 'gone.json.gz'), 'an old copy')

    expect(await precompressTree(dir)).toEqual({ written: 2, removed: 1 })
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
})
