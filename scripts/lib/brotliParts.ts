// Brotli streams made in parts: what every page starts with compressed once, and each page's own
// bytes compressed after it by an encoder told where they begin. Brotli 1.1, which Node 20 carries,
// can do this (BROTLI_PARAM_STREAM_OFFSET: no stream header, nothing that a decoder would read
// differently after the first part), but Node's zlib passes its encoder only the parameters up to
// BROTLI_PARAM_NDIRECT. Node's own binding of the encoder is used instead, checked once by decoding
// a joined stream with the public API; where it is missing or does not join as it should, there
// are no parts and pages are compressed whole (docs/decisions/068).
import zlib from 'node:zlib'

/** brotli/encode.h: "Number of bytes of input stream already processed by a different instance." */
const STREAM_OFFSET = 9
/** The largest offset brotli takes: any from the window's size up has the same effect. */
const MAX_OFFSET = 2 ** 30
const { BROTLI_ENCODE, BROTLI_OPERATION_FLUSH, BROTLI_OPERATION_FINISH } = zlib.constants
const UNSET = 0xffff_ffff

/** What Node's zlib module calls on its Brotli encoder binding (lib/zlib.js). */
interface EncoderHandle {
  init(params: Uint32Array, writeState: Uint32Array, processCallback: () => void): unknown
  writeSync(
    flush: number,
    input: Uint8Array,
    inOffset: number,
    inLength: number,
    output: Uint8Array,
    outOffset: number,
    outLength: number,
  ): void
  close(): void
  onerror?: (message: string, errno: number) => void
}
type Encoder = new (mode: number) => EncoderHandle

function nodeEncoder(): Encoder | undefined {
  try {
    const binding = (process as unknown as { binding(name: string): unknown }).binding('zlib')
    const encoder = (binding as { BrotliEncoder?: unknown } | undefined)?.BrotliEncoder
    return typeof encoder === 'function' ? (encoder as Encoder) : undefined
  } catch {
    return undefined
  }
}

/** One encoder's whole output for input, with these parameters, ending with operation. */
function encode(
  Encoder: Encoder,
  input: Uint8Array,
  params: Readonly<Record<number, number>>,
  operation: number,
): Buffer {
  const handle = new Encoder(BROTLI_ENCODE)
  let failed: string | undefined
  handle.onerror = (message) => {
    failed = message
  }
  const values = new Uint32Array(STREAM_OFFSET + 1).fill(UNSET)
  for (const [key, value] of Object.entries(params)) values[Number(key)] = value
  // [output bytes left, input bytes left] after each write.
  const state = new Uint32Array(2)
  const chunks: Buffer[] = []
  try {
    handle.init(values, state, () => {})
    let offset = 0
    let left = input.byteLength
    for (;;) {
      // Room for the whole input and some: almost always one write.
      const out = Buffer.allocUnsafe(Math.max(4096, left + (left >> 3) + 64))
      handle.writeSync(operation, input, offset, left, out, 0, out.byteLength)
      if (failed !== undefined) throw new Error(`brotli: ${failed}`)
      const [outLeft = 0, inLeft = 0] = state
      chunks.push(out.subarray(0, out.byteLength - outLeft))
      offset += left - inLeft
      left = inLeft
      // The encoder stops early only when the output is full.
      if (outLeft > 0) break
    }
  } finally {
    handle.close()
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
}

export interface BrotliParts {
  /** The start's stream, flushed to a byte boundary and not the stream's last block. */
  readonly start: Buffer
  /** The whole stream of start + rest: the start's, then rest's, made after it. */
  after(rest: Uint8Array): Buffer
}

/**
 * The start's Brotli stream at this quality, made once, and a function that completes it with the
 * rest of a page; undefined where this Node cannot make the parts, or its joined stream does not
 * decode to the page (checked once, on the start itself and a short page after it).
 */
export function brotliParts(start: Uint8Array, quality: number): BrotliParts | undefined {
  const Encoder = nodeEncoder()
  if (!Encoder || start.byteLength === 0) return undefined
  const Q = zlib.constants.BROTLI_PARAM_QUALITY
  const HINT = zlib.constants.BROTLI_PARAM_SIZE_HINT
  try {
    const head = encode(Encoder, start, { [Q]: quality }, BROTLI_OPERATION_FLUSH)
    const parts: BrotliParts = {
      start: head,
      after: (rest) =>
        Buffer.concat([
          head,
          encode(
            Encoder,
            rest,
            {
              [Q]: quality,
              [HINT]: rest.byteLength,
              [STREAM_OFFSET]: Math.min(start.byteLength, MAX_OFFSET),
            },
            BROTLI_OPERATION_FINISH,
          ),
        ]),
    }
    // A rest that repeats words of its start, as a page's markup repeats its stylesheet's names.
    const probe = Buffer.concat([Buffer.from('<p>'), start.subarray(0, 512), Buffer.from('</p>')])
    const whole = Buffer.concat([start, probe])
    return zlib.brotliDecompressSync(parts.after(probe)).equals(whole) ? parts : undefined
  } catch {
    return undefined
  }
}
