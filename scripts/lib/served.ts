// Files of the built site as a web server sends them: each text file with its gzip and Brotli
// copies beside it (`page.html.gz`, `page.html.br`), for nginx's `gzip_static` and `brotli_static`,
// so the server never compresses the same bytes again on each request (docs/decisions/028).
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { writeWholeSync } from './fs'

/** The types the server compresses (deploy/nginx/site.conf, `gzip_types`), by file extension. */
const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|xml|txt|webmanifest)$/
/** Below this the copies would save nothing worth a file (nginx's `gzip_min_length`). */
export const MIN_BYTES = 256
export const ENCODINGS = ['.gz', '.br'] as const

export const compressible = (file: string) => COMPRESSIBLE.test(file)

/**
 * How hard Brotli works. Hashed assets are few, cached for a year and sent to every reader: the
 * best Brotli has (11, about 45 ms for a 50 KB page). Pages and API files are many and rewritten
 * by each refresh: quality 5, a millisecond a page, within 2 % of quality 9's size.
 */
const isAsset = (file: string) => file.includes(`${path.sep}assets${path.sep}`)
const brotliQuality = (file: string) => (isAsset(file) ? 11 : 5)
/** Gzip likewise: level 6 is five times faster than 9 on the search index's files, 2.4 % bigger. */
const gzipLevel = (file: string) => (isAsset(file) ? 9 : 6)

/**
 * The copies, made on this thread. Not zlib's callback functions: in libuv's pool each call cost
 * three times the CPU (half of it system time), 0.35 ms against 0.1 ms for a 7 KB API file's
 * Brotli copy, and no less wall time on two cores (docs/decisions/034).
 */
function copies(file: string, data: Uint8Array) {
  return [
    zlib.gzipSync(data, gzipOptions(file)),
    zlib.brotliCompressSync(data, brotliOptions(file, data)),
  ] as const
}

const gzipOptions = (file: string) => ({ level: gzipLevel(file) })
const brotliOptions = (file: string, data: Uint8Array) => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality(file),
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength,
  },
})

/**
 * From this size, a file's two copies are made at once in libuv's pool: the pool's cost per call
 * is then small beside the work, and the copies of a search index's common words (hundreds of
 * KB each, a withdrawal rewrites dozens) take two cores. 87 such files, 32 MB: 1.7 s on this
 * thread, 1.0 s in the pool, for 8 % more CPU.
 */
const POOL_BYTES = 128 * 1024
const gzipInPool = promisify(zlib.gzip)
const brotliInPool = promisify(zlib.brotliCompress)

const removeSync = (file: string) => fs.rmSync(file, { force: true })

/**
 * Writes a file of the site whole, then its compressed copies, each whole too. A file too small
 * or of a type the server sends as it is loses any copies an earlier build left. Synchronous, as
 * the copies are: through the pool, a page's three files and their times took 0.39 ms of CPU, on
 * the calling thread 0.17 ms; the processes that write many files have threads of their own.
 */
export function writeServed(file: string, data: string | Uint8Array, { fresh = false } = {}) {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data
  // A new file in a folder no server sends (a full build's staging folder) needs no temp file.
  const write = fresh ? fs.writeFileSync : writeWholeSync
  write(file, bytes)
  writeCopies(file, bytes, write)
}

/**
 * writeServed for a file a server may be sending, with a large file's copies made in the pool
 * (POOL_BYTES): for a caller that writes several such files at once.
 */
export async function writeServedAsync(file: string, data: string) {
  const bytes = Buffer.from(data)
  if (!compressible(file) || bytes.byteLength < POOL_BYTES) {
    writeServed(file, bytes)
    return
  }
  const made = await Promise.all([
    gzipInPool(bytes, gzipOptions(file)),
    brotliInPool(bytes, brotliOptions(file, bytes)),
  ])
  writeWholeSync(file, bytes)
  writeCopies(file, bytes, writeWholeSync, made)
}

function writeCopies(
  file: string,
  bytes: Uint8Array,
  write = writeWholeSync,
  made?: readonly [Uint8Array, Uint8Array],
) {
  if (!compressible(file) || bytes.byteLength < MIN_BYTES) {
    for (const ext of ENCODINGS) removeSync(file + ext)
    return
  }
  const [gz, br] = made ?? copies(file, bytes)
  write(`${file}.gz`, gz)
  write(`${file}.br`, br)
  // The copies carry the file's own time: nginx sends it as Last-Modified, and `precompress`
  // knows them for up to date.
  const { atimeMs, mtimeMs } = fs.statSync(file)
  for (const ext of ENCODINGS) fs.utimesSync(file + ext, atimeMs / 1000, mtimeMs / 1000)
}

/** Removes a file of the site and its compressed copies. */
export function removeServed(file: string) {
  for (const name of [file, ...ENCODINGS.map((ext) => file + ext)]) removeSync(name)
}

/**
 * Gives a file of the site its compressed copies (or drops them, as writeServed does), from the
 * file as it is on disk: for what an earlier step wrote plainly.
 */
export function writeCopiesOf(file: string) {
  writeCopies(file, fs.readFileSync(file))
}
