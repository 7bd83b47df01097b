// @vitest-environment node
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { describe, expect, it, onTestFinished } from 'vitest'
import { siteWriter } from './siteWriter'

describe('siteWriter', () => {
  it('writes every file handed to it, in new folders, with copies where asked', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-writer-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    const writer = siteWriter()
    // Beyond Latin-1 too: each file and its copies are the text's UTF-8.
    const text = (i: number) =>
      JSON.stringify({ story: i, text: 'harbour — Ådalsvík ✓ '.repeat(30) })
    // More than a few batches, so the writer waits for its thread along the way.
    for (let i = 0; i < 2_000; i++)
      await writer.write(path.join(dir, `p${i % 7}`, `${i}.json`), text(i), i % 2 === 0)
    await writer.close()
    for (const i of [0, 1, 1_998, 1_999]) {
      const file = path.join(dir, `p${i % 7}`, `${i}.json`)
      expect(await readFile(file, 'utf8')).toBe(text(i))
      expect(existsSync(`${file}.gz`)).toBe(i % 2 === 0)
    }
    const copy = await readFile(path.join(dir, 'p0', '0.json.br'))
    expect(brotliDecompressSync(copy).toString()).toBe(text(0))
  })

  it('takes files from callers that do not wait for each other', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-writer-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    const writer = siteWriter()
    // Many writes at once: each of those that wait for the thread is woken.
    await Promise.all(
      Array.from({ length: 3_000 }, (_, i) =>
        writer.write(path.join(dir, `${i}.json`), `{"story":${i}}`, false),
      ),
    )
    await writer.close()
    expect(await readFile(path.join(dir, '2999.json'), 'utf8')).toBe('{"story":2999}')
  })

  it('with several threads, writes every file once, whole, with its copies', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-writer-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    const writer = siteWriter({ threads: 3 })
    const text = (i: number) => JSON.stringify({ story: i, text: 'Ådalsvík quay '.repeat(40) })
    for (let i = 0; i < 1_500; i++)
      await writer.write(path.join(dir, `p${i % 5}`, `${i}.json`), text(i), true)
    await writer.close()
    const names = (await Promise.all([0, 1, 2, 3, 4].map((p) => readdir(path.join(dir, `p${p}`)))))
      .flat()
      .sort()
    expect(names).toHaveLength(1_500 * 3)
    for (const i of [0, 64, 700, 1_499]) {
      const file = path.join(dir, `p${i % 5}`, `${i}.json`)
      expect(await readFile(file, 'utf8')).toBe(text(i))
      expect(brotliDecompressSync(await readFile(`${file}.br`)).toString()).toBe(text(i))
    }
  })

  it.each([1, 2])(
    'holds few large files unwritten over %i thread(s): a batch is cut at its size as well as its count',
    async (threads) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-writer-'))
      onTestFinished(() => rm(dir, { recursive: true, force: true }))
      const writer = siteWriter({ threads })
      // 100 KB files, like the search index's parts and entities' pages: seven fill a batch, not 64.
      const big = `"${'harbour '.repeat(12_800)}"`
      const count = 400
      for (let i = 0; i < count; i++) await writer.write(path.join(dir, `${i}.json`), big, false)
      // Once the last is handed over, at most 16 batches' text waits for the thread (14 of these),
      // and the batch not sent.
      const written = (await readdir(dir)).length
      await writer.close()
      expect(written).toBeGreaterThanOrEqual(count - 17 * 7)
      expect(await readdir(dir)).toHaveLength(count)
    },
  )

  it('fails its close when a file cannot be written, naming it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-writer-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    // A file where the writer needs a folder.
    await writeFile(path.join(dir, 'articles'), 'not a folder')
    const writer = siteWriter()
    await writer.write(path.join(dir, 'articles', 'a.json'), '{}', false)
    await expect(writer.close()).rejects.toThrow(/articles/)
  })

  it('holds about 10 MB of text unwritten however large its files, not 16 of them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-writer-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    const writer = siteWriter()
    // 1.5 MB files, each a batch of its own: six of them are as much text as 16 full batches.
    const big = `"${'harbour '.repeat(196_608)}"`
    const count = 40
    for (let i = 0; i < count; i++) await writer.write(path.join(dir, `${i}.json`), big, false)
    const written = (await readdir(dir)).length
    await writer.close()
    expect(written).toBeGreaterThanOrEqual(count - 6)
    expect(await readdir(dir)).toHaveLength(count)
  })

  // A full disk: the write's own error says only "ENOSPC: no space left on device, write".
  it.skipIf(!existsSync('/dev/full'))('names the file when the disk is full', async () => {
    const writer = siteWriter()
    await writer.write('/dev/full', '{}', false)
    await expect(writer.close()).rejects.toThrow(/cannot write \/dev\/full: .*ENOSPC/)
  })
})
