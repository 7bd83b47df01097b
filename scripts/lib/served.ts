// Files of the built site as a web server sends them: each text file with its gzip and Brotli
// copies beside it (`page.html.gz`, `page.html.br`), for nginx's `gzip_static` and `brotli_static`,
// so the server never compresses the same bytes again on each request (docs/decisions/028).
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { stat, writeWhole } from './fs'

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)
const utimes = promisify(fs.utimes)
const rm = (file: string) => fs.promises.rm(file, { force: true })

/** The types the server compresses (deploy/nginx/site.conf, `gzip_types`), by file extension. */
const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|xml|txt|webmanifest)$/
/** Below this the copies would save nothing worth a file (nginx's `gzip_min_length`). */
const MIN_BYTES = 256
export const ENCODINGS = ['.gz', '.br'] as const

const compressible = (file: string) => COMPRESSIBLE.test(file)

/**
 * How hard Brotli works. Hashed assets are few, cached for a year and sent to every reader: the
 * best Brotli has (11, about 45 ms for a 50 KB page). Pages and API files are many and rewritten
 * by each refresh: quality 5, a millisecond a page, within 2 % of quality 9's size.
 */
const isAsset = (file: string) => file.includes(`${path.sep}assets${path.sep}`)
const brotliQuality = (file: string) => (isAsset(file) ? 11 : 5)
/** Gzip likewise: level 6 is five times faster than 9 on the search index's files, 2.4 % bigger. */
const gzipLevel = (file: string) => (isAsset(file) ? 9 : 6)

async function copies(file: string, data: Uint8Array) {
  return Promise.all([
    gzip(data, { level: gzipLevel(file) }),
    brotli(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality(file),
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength,
      },
    }),
  ])
}

/**
 * Writes a file of the site whole, then its compressed copies, each whole too. A file too small
 * or of a type the server sends as it is loses any copies an earlier build left.
 */
export async function writeServed(file: string, data: string | Uint8Array) {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data
  await writeWhole(file, bytes)
  await writeCopies(file, bytes)
}

async function writeCopies(file: string, bytes: Uint8Array) {
  if (!compressible(file) || bytes.byteLength < MIN_BYTES) {
    await Promise.all(ENCODINGS.map((ext) => rm(file + ext)))
    return
  }
  const [gz, br] = await copies(file, bytes)
  await Promise.all([writeWhole(`${file}.gz`, gz), writeWhole(`${file}.br`, br)])
  // The copies carry the file's own time: nginx sends it as Last-Modified, and `precompress`
  // knows them for up to date.
  const { atimeMs, mtimeMs } = await stat(file)
  await Promise.all(ENCODINGS.map((ext) => utimes(file + ext, atimeMs / 1000, mtimeMs / 1000)))
}

/** Removes a file of the site and its compressed copies. */
export async function removeServed(file: string) {
  await Promise.all([rm(file), ...ENCODINGS.map((ext) => rm(file + ext))])
}

/**
 * Gives every text file under a folder its compressed copies where they are missing or older than
 * the file, and removes copies whose file is gone. For the files the build's last steps write
 * (assets, the service worker, feeds); pages and API files get theirs as they are written.
 */
export async function precompressTree(dir: string) {
  const entries = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true })
  const files = new Set(
    entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)),
  )
  let written = 0
  let removed = 0
  const work: (() => Promise<void>)[] = []
  for (const file of files) {
    const ext = path.extname(file)
    if ((ENCODINGS as readonly string[]).includes(ext)) {
      if (!files.has(file.slice(0, -ext.length))) {
        removed++
        work.push(() => rm(file))
      }
      continue
    }
    if (!compressible(file)) continue
    work.push(async () => {
      const { mtimeMs, size } = await stat(file)
      if (size < MIN_BYTES && !ENCODINGS.some((e) => files.has(file + e))) return
      const current = await Promise.all(
        ENCODINGS.map((e) =>
          files.has(file + e)
            ? stat(file + e).then((s) => Math.abs(s.mtimeMs - mtimeMs) < 1)
            : Promise.resolve(false),
        ),
      )
      if (current.every(Boolean)) return
      await writeCopies(file, await fs.promises.readFile(file))
      written++
    })
  }
  // A few at a time: compression is CPU work in libuv's pool, reading and writing are I/O.
  for (let i = 0; i < work.length; i += 32) await Promise.all(work.slice(i, i + 32).map((w) => w()))
  return { written, removed }
}
