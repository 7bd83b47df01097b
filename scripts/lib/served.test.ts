// @vitest-environment node
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  gunzipSync,
  gzipSync,
} from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { removeServed, sharedStart, writeServed, writeServedAsync } from './served'

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
    writeServed(file, page('Harbour news. '))
    expect(await readFile(file, 'utf8')).toBe(page('Harbour news. '))
    expect(await decoded(file)).toEqual({ gz: page('Harbour news. '), br: page('Harbour news. ') })

    // Rewritten: the copies follow, never an old page's bytes.
    writeServed(file, page('Ferry news. '))
    expect(await decoded(file)).toEqual({ gz: page('Ferry news. '), br: page('Ferry news. ') })
  })

  it('drops the copies of a file that became too small or is removed', () => {
    const file = path.join(dir, 'story.json')
    writeServed(file, JSON.stringify({ text: 'x'.repeat(1000) }))
    expect(existsSync(`${file}.br`)).toBe(true)
    writeServed(file, '{}')
    expect([existsSync(file), existsSync(`${file}.gz`), existsSync(`${file}.br`)]).toEqual([
      true,
      false,
      false,
    ])
    writeServed(file, JSON.stringify({ text: 'x'.repeat(1000) }))
    removeServed(file)
    expect([existsSync(file), existsSync(`${file}.gz`), existsSync(`${file}.br`)]).toEqual([
      false,
      false,
      false,
    ])
  })

  it("makes a page's copies from the start all pages share, as small as the page's own", async () => {
    // A start longer than deflate's 32 KB window, as a site's stylesheet could grow.
    const css = Array.from({ length: 1600 }, (_, i) => `.rule-${i}{margin:${i}px}`).join('')
    const start = sharedStart(`<!doctype html><head><style>${css}</style>`)
    expect(start.bytes.byteLength).toBeGreaterThan(32 * 1024)
    for (const words of ['Harbour news. ', 'Ferry news. ']) {
      const html = `${start.bytes.toString()}<title>${words}</title><p class="rule-12">${words.repeat(60)}</p>`
      const file = path.join(dir, `${words.length}.html`)
      writeServed(file, html, { start })
      expect(await decoded(file)).toEqual({ gz: html, br: html })
      const gz = await readFile(`${file}.gz`)
      // The start's stream, made once, follows the gzip header's 10 bytes.
      expect(gz.subarray(10, 10 + start.deflated.byteLength).equals(start.deflated)).toBe(true)
      expect(gz.byteLength).toBeLessThanOrEqual(gzipSync(html, { level: 6 }).byteLength * 1.01)
      // The Brotli copy begins with the start's stream, made once, too.
      const br = await readFile(`${file}.br`)
      const brotliStart = start.brotli?.start ?? Buffer.alloc(0)
      expect(brotliStart.byteLength).toBeGreaterThan(0)
      expect(br.subarray(0, brotliStart.byteLength).equals(brotliStart)).toBe(true)
      expect(br.byteLength).toBeLessThanOrEqual(
        brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).byteLength *
          1.05,
      )
    }
    // A page that does not begin with the start is compressed whole.
    const other = path.join(dir, 'other.html')
    writeServed(other, page('Tide tables. '), { start })
    expect(await decoded(other)).toEqual({ gz: page('Tide tables. '), br: page('Tide tables. ') })
    const whole = await readFile(`${other}.gz`)
    expect(whole.subarray(10, 10 + start.deflated.byteLength).equals(start.deflated)).toBe(false)
  })

  it('gives pictures no copies: they are compressed already', () => {
    const file = path.join(dir, 'map.avif')
    writeServed(file, new Uint8Array(4096))
    expect(existsSync(`${file}.gz`)).toBe(false)
  })

  it('writes large files several at once, each with copies that decode to it and carry its time', async () => {
    // Over 128 KB each, like a common word's terms file, whose copies are made in the pool.
    const texts = ['quay', 'ferry', 'tide'].map((word) =>
      JSON.stringify({
        words: [word],
        postings: [Array.from({ length: 80_000 }, (_, i) => i % 7)],
      }),
    )
    const files = texts.map((_, i) => path.join(dir, `terms-${i}.json`))
    await Promise.all(files.map((file, i) => writeServedAsync(file, texts[i] ?? '')))
    for (const [i, file] of files.entries()) {
      expect((await stat(file)).size).toBeGreaterThan(128 * 1024)
      expect(await decoded(file)).toEqual({ gz: texts[i], br: texts[i] })
      // The copies carry the file's time, as `precompress` expects of current copies.
      const times = await Promise.all([file, `${file}.gz`, `${file}.br`].map((f) => stat(f)))
      expect(new Set(times.map((t) => Math.round(t.mtimeMs))).size).toBe(1)
    }
  })
})
