// Files of the built site as a web server sends them: each text file with its gzip and Brotli
// copies beside it (`page.html.gz`, `page.html.br`), for nginx's `gzip_static` and `brotli_static`,
// so the server never compresses the same bytes again on each request (docs/decisions/028).
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { brotliParts, type BrotliParts } from './brotliParts'
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
const PAGE_QUALITY = 5
const brotliQuality = (file: string) => (isAsset(file) ? 11 : PAGE_QUALITY)
/** Gzip likewise: level 6 is five times faster than 9 on the search index's files, 2.4 % bigger. */
const GZIP_LEVEL = 6
const gzipLevel = (file: string) => (isAsset(file) ? 9 : GZIP_LEVEL)

/**
 * The copies, made on this thread. Not zlib's callback functions: in libuv's pool each call cost
 * three times the CPU (half of it system time), 0.35 ms against 0.1 ms for a 7 KB API file's
 * Brotli copy, and no less wall time on two cores (docs/decisions/034).
 */
function copies(file: string, data: Uint8Array, start?: SharedStart) {
  if (start && !isAsset(file) && startsWith(data, start.bytes)) {
    const rest = data.subarray(start.bytes.byteLength)
    return [
      gzipAfter(start, data),
      start.brotli?.after(rest) ?? zlib.brotliCompressSync(data, brotliOptions(file, data)),
    ] as const
  }
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
 * The bytes every page of the site starts with (its template up to the page's own head: the
 * doctype, the meta tags and the inline stylesheet, 20 KB of a 43 KB story page), with their gzip
 * and Brotli streams made once. A page's gzip copy is then that stream, flushed to a byte boundary,
 * and the rest of the page compressed with the start as its dictionary: one gzip member, as pigz
 * joins the parts it compresses in parallel, as small as the whole page compressed at once, in
 * 0.28 ms against 0.45 (docs/decisions/051). Its Brotli copy is the start's stream and the rest's,
 * made by an encoder told where the rest begins: 0.35 ms against 0.84 for 1 % more bytes
 * (docs/decisions/068); whole, where this Node cannot make the parts.
 */
export interface SharedStart {
  readonly bytes: Buffer
  /** The start as raw deflate, ending on a byte boundary and not the stream's last block. */
  readonly deflated: Buffer
  readonly crc: number
  readonly brotli: BrotliParts | undefined
}

export function sharedStart(text: string): SharedStart {
  const bytes = Buffer.from(text)
  return {
    bytes,
    deflated: zlib.deflateRawSync(bytes, {
      level: GZIP_LEVEL,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    }),
    crc: zlib.crc32(bytes),
    brotli: brotliParts(bytes, PAGE_QUALITY),
  }
}

const startsWith = (data: Uint8Array, start: Uint8Array) =>
  data.byteLength >= start.byteLength &&
  Buffer.compare(data.subarray(0, start.byteLength), start) === 0

/** RFC 1952's member header as zlib writes it: deflate, no name, no time, made on Unix. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])
/** Deflate looks back at most 32 KB: the dictionary's last 32 KB are all it can use. */
const WINDOW = 32 * 1024

function gzipAfter(start: SharedStart, data: Uint8Array) {
  const rest = data.subarray(start.bytes.byteLength)
  const deflated = zlib.deflateRawSync(rest, {
    level: GZIP_LEVEL,
    dictionary: start.bytes.subarray(-WINDOW),
  })
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(zlib.crc32(rest, start.crc), 0)
  trailer.writeUInt32LE(data.byteLength % 2 ** 32, 4)
  return Buffer.concat([GZIP_HEADER, start.deflated, deflated, trailer])
}

/**
 * From this size, a file's two copies are made at once in libuv's pool: the pool's cost per call
 * is then small beside the work, and the copies of a search index's common words (hundreds of
 * KB each, a withdrawal rewrites dozens) take two cores. 87 such files, 32 MB: 1.7 s on this
 * thread, 1.0 s in the pool, for 8 % more CPU.
 */
const POOL_BYTES = 128 * 1024
const gzipInPool = promisify(zlib.gzip)
const brotliInPool = promisify(zlib.brotliCompress)

/**
 * Removes a file that may not be there. Looked for first: a prerender asks this of three files a
 * page that are almost never there, and a failed unlink costs a thrown error (8 µs against 2).
 * `lstat`, not `existsSync`, which follows a link and would leave a broken one in place.
 */
function removeSync(file: string) {
  if (!fs.lstatSync(file, { throwIfNoEntry: false })) return
  try {
    fs.unlinkSync(file)
  } catch (error) {
    // Removed meanwhile by another writer: gone either way.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/**
 * Writes a file of the site whole, then its compressed copies, each whole too. A file too small
 * or of a type the server sends as it is loses any copies an earlier build left. Synchronous, as
 * the copies are: through the pool, a page's three files and their times took 0.39 ms of CPU, on
 * the calling thread 0.17 ms; the processes that write many files have threads of their own.
 */
export function writeServed(
  file: string,
  data: string | Uint8Array,
  { fresh = false, start }: { fresh?: boolean; start?: SharedStart } = {},
) {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data
  // A new file in a folder no server sends (a full build's staging folder) needs no temp file.
  const write = fresh ? fs.writeFileSync : writeWholeSync
  write(file, bytes)
  writeCopies(file, bytes, { write, start })
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
  writeCopies(file, bytes, { made })
}

function writeCopies(
  file: string,
  bytes: Uint8Array,
  {
    write = writeWholeSync,
    made,
    start,
  }: {
    write?: (file: string, data: Uint8Array) => void
    /** The copies, made already. */
    made?: readonly [Uint8Array, Uint8Array]
    start?: SharedStart | undefined
  } = {},
) {
  if (!compressible(file) || bytes.byteLength < MIN_BYTES) {
    for (const ext of ENCODINGS) removeSync(file + ext)
    return
  }
  const [gz, br] = made ?? copies(file, bytes, start)
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
