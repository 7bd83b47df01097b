// @vitest-environment node
import { randomBytes } from 'node:crypto'
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { brotliParts } from './brotliParts'

const css = Array.from({ length: 400 }, (_, i) => `.story-${i}{margin:${i % 9}px 0}`).join('')
const start = Buffer.from(`<!doctype html><html lang="en"><head><style>${css}</style>`)
const whole = (data: Uint8Array) =>
  brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })

describe('brotliParts', () => {
  // This Node (20, brotli 1.1) can make them; without that every page is compressed whole.
  const parts = brotliParts(start, 5)

  it("joins the start's stream and each page's rest into one stream that decodes to the page", () => {
    expect(parts).toBeDefined()
    if (!parts) return
    const rests = [
      // Markup naming the stylesheet's classes: what a decoder would misread if the rest's
      // stream were made as if nothing came before it.
      `<title>Quay</title></head><body>${Array.from({ length: 300 }, (_, i) => `<p class="story-${i}">Ferry ${i} berths at the quay.</p>`).join('')}</body></html>`,
      '',
      '</head><body>é — “quoted”</body></html>',
    ].map((text) => Buffer.from(text))
    // Bytes that do not compress: more output than input, written in more than one piece.
    rests.push(randomBytes(300_000))
    for (const rest of rests) {
      const joined = parts.after(rest)
      expect(joined.subarray(0, parts.start.byteLength).equals(parts.start)).toBe(true)
      expect(brotliDecompressSync(joined).equals(Buffer.concat([start, rest]))).toBe(true)
    }
  })

  it("is about as small as the page compressed whole, and makes the start's part only once", () => {
    if (!parts) throw new Error('no parts')
    const rest = Buffer.from(
      `<title>Harbour</title></head><body>${'<p class="story-3">The harbour board met on Tuesday.</p>'.repeat(40)}</body></html>`,
    )
    const page = Buffer.concat([start, rest])
    expect(parts.after(rest).byteLength).toBeLessThanOrEqual(whole(page).byteLength * 1.05)
    // The rest's part alone is far smaller than the page's: the start is not compressed again.
    expect(parts.after(rest).byteLength - parts.start.byteLength).toBeLessThan(
      whole(page).byteLength / 2,
    )
  })

  it('has no parts for an empty start', () => {
    expect(brotliParts(new Uint8Array(0), 5)).toBeUndefined()
  })
})
