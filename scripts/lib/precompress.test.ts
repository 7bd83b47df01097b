// @vitest-environment node
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { precompressTree } from './precompress'

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
    expect(await precompressTree(dir, 2)).toEqual({ written: 2, removed: 1 })
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
