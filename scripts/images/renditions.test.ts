import { mkdir, mkdtemp, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  IMAGE_FORMATS,
  IMAGE_WIDTHS,
  ImageTooSmallError,
  readImageSize,
  renderImage,
  renderImages,
  renditionFiles,
} from './renditions'

// Short, wide sources: every rendition is a few hundred thousand pixels, so the suite stays fast.
let root = ''

/** Black on the left half, white on the right: the edge shows how sharply it was drawn. */
const svg = (width: number, height: number, extra = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
  `<rect width="${width}" height="${height}" fill="#fff"/>` +
  // Half a pixel off the grid, so that drawing it small and scaling up would blur it.
  `<rect width="${width / 2 + 0.5}" height="${height}" fill="#000"/>${extra}</svg>`

/** A PNG whose top half is transparent, to show what the JPEG puts behind it. */
async function png(width: number, height: number, colour = '#c00000') {
  const half = Math.round(height / 2)
  return sharp({ create: { width, height, channels: 4, background: colour } })
    .composite([
      {
        input: { create: { width, height: half, channels: 4, background: '#0000' } },
        top: 0,
        left: 0,
        blend: 'source',
      },
    ])
    .png()
    .toBuffer()
}

async function put(name: string, data: string | Buffer) {
  const file = path.join(root, 'content', name)
  await writeFile(file, data)
  return file
}

const outDir = (name: string) => path.join(root, name)

/** The container sharp reports for each of our extensions: AVIF is HEIF with AV1 in it. */
const sharpFormat = { avif: 'heif', webp: 'webp', jpg: 'jpeg' } as const

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dispatch-renditions-'))
  await mkdir(path.join(root, 'content'))
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('an SVG source', () => {
  let source = ''
  let first: Awaited<ReturnType<typeof renderImage>>

  beforeAll(async () => {
    // Drawn 400 px wide: the 1280 px rendition is more than three times its intrinsic size.
    source = await put('chart.svg', svg(400, 100))
    first = await renderImage(source, outDir('svg'))
  })

  it('has its intrinsic size', async () => {
    expect(await readImageSize(source)).toEqual({ width: 400, height: 100 })
    const viewBoxOnly = await put(
      'box.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20"/>',
    )
    expect(await readImageSize(viewBoxOnly)).toEqual({ width: 30, height: 20 })
  })

  it('is named by its stem and a hash of its content', () => {
    expect(first.image.name).toMatch(/^chart-[0-9a-f]{10}$/)
  })

  it('is rendered at every width, in every format, larger than it was drawn', async () => {
    expect(first.image).toMatchObject({ width: 1280, height: 320, widths: [...IMAGE_WIDTHS] })
    const files = renditionFiles(first.image)
    expect(files).toHaveLength(IMAGE_WIDTHS.length * IMAGE_FORMATS.length)
    expect(first.made.map((m) => m.file).sort()).toEqual([...files].sort())

    for (const made of first.made) {
      const file = path.join(outDir('svg'), made.file)
      const metadata = await sharp(file).metadata()
      expect(made.file).toBe(`${first.image.name}-${made.width}.${made.format}`)
      expect(metadata).toMatchObject({ width: made.width, height: made.width / 4 })
      expect(metadata.format).toBe(sharpFormat[made.format as keyof typeof sharpFormat])
      expect(made.bytes).toBe((await stat(file)).size)
      expect(made.ms).toBeGreaterThan(0)
    }
    expect(
      (await sharp(path.join(outDir('svg'), `${first.image.name}-320.avif`)).metadata())
        .compression,
    ).toBe('av1')
  })

  it('is drawn at each width, not scaled up from a small bitmap', async () => {
    const file = path.join(outDir('svg'), `${first.image.name}-1280.webp`)
    const { data, info } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true })
    const row = data.subarray(info.width * 160, info.width * 161)
    // Drawn at 1280 px the edge has one grey pixel; drawn at 400 and scaled up, a ramp of four.
    const grey = [...row].filter((value) => value > 40 && value < 215)
    expect(grey.length).toBeLessThanOrEqual(2)
  })

  it('makes nothing the second time, under the same name', async () => {
    const again = await renderImage(source, outDir('svg'))
    expect(again.image).toEqual(first.image)
    expect(again.made).toEqual([])
  })

  it('makes only what is missing', async () => {
    await unlink(path.join(outDir('svg'), `${first.image.name}-640.webp`))
    const again = await renderImage(source, outDir('svg'))
    expect(again.made.map((m) => m.file)).toEqual([`${first.image.name}-640.webp`])
  })

  it('leaves no temp files behind', async () => {
    const files = await readdir(outDir('svg'))
    expect(files.sort()).toEqual(renditionFiles(first.image).sort())
  })

  it('gets a new name when it changes', async () => {
    const changed = svg(400, 100, '<circle cx="300" cy="50" r="20" fill="#c00"/>')
    await writeFile(source, changed)
    const { image } = await renderImage(source, outDir('svg-changed'))
    expect(image.name).toMatch(/^chart-[0-9a-f]{10}$/)
    expect(image.name).not.toBe(first.image.name)
  })
})

describe('a raster source', () => {
  it('is never scaled up: a 1400 px PNG stops at 1280', async () => {
    const source = await put('quay.png', await png(1400, 160))
    const { image, made } = await renderImage(source, outDir('png'))
    // 1280 / 1400 * 160 = 146.3
    expect(image).toMatchObject({ width: 1280, height: 146, widths: [...IMAGE_WIDTHS] })
    expect(Math.max(...made.map((m) => m.width))).toBe(1280)

    const largest = path.join(outDir('png'), `${image.name}-1280.jpg`)
    expect(await sharp(largest).metadata()).toMatchObject({ width: 1280, height: 146 })
    // The transparent top half is white in the JPEG, and still transparent in the WebP.
    const jpeg = await sharp(largest).raw().toBuffer()
    expect([...jpeg.subarray(0, 3)].every((value) => value > 245)).toBe(true)
    const webp = path.join(outDir('png'), `${image.name}-1280.webp`)
    expect((await sharp(webp).raw().toBuffer())[3]).toBe(0)
  })

  it('narrower than 1280 px is refused, naming the file', async () => {
    const source = await put('small.png', await png(800, 100))
    const rendering = renderImage(source, outDir('small'))
    await expect(rendering).rejects.toBeInstanceOf(ImageTooSmallError)
    await expect(rendering).rejects.toThrow(
      `${source} is 800 px wide; images need at least 1280 px`,
    )
    await expect(stat(outDir('small'))).rejects.toThrow()
  })

  it('that is corrupt is an error naming the file', async () => {
    const garbage = await put('garbage.png', 'not an image')
    await expect(renderImage(garbage, outDir('corrupt'))).rejects.toThrow(garbage)

    // The header reads fine; the pixels are cut off.
    const whole = await png(1400, 160)
    const truncated = await put('truncated.png', whole.subarray(0, whole.length / 2))
    await expect(renderImage(truncated, outDir('corrupt'))).rejects.toThrow(truncated)
    const left = await readdir(outDir('corrupt'))
    expect(left.filter((file) => file.endsWith('.tmp'))).toEqual([])
  })
})

describe('renderImages', () => {
  it('renders each source once, however often it is listed', async () => {
    const a = await put('a.svg', svg(1600, 40))
    const b = await put('b.svg', svg(1600, 40, '<circle cx="1200" cy="20" r="10"/>'))
    const relative = path.relative(process.cwd(), a)
    const { images, made } = await renderImages([a, b, relative, a], outDir('many'), {
      concurrency: 2,
    })

    expect([...images.keys()]).toEqual([a, b, relative])
    expect(images.get(relative)).toEqual(images.get(a))
    const files = made.map((m) => m.file)
    expect(new Set(files).size).toBe(files.length)
    const expected = [a, b].flatMap((source) => {
      const image = images.get(source)
      return image ? renditionFiles(image) : []
    })
    expect(files.sort()).toEqual(expected.sort())
  })

  it('throws the first error, naming the file', async () => {
    const good = await put('good.svg', svg(1600, 40))
    const small = await put('tiny.png', await png(600, 40))
    await expect(renderImages([good, small], outDir('failing'))).rejects.toThrow(
      `${small} is 600 px wide`,
    )
  })

  it('gives the same bytes the same hash, whatever the file is called', async () => {
    const original = await put('same.svg', svg(1600, 40))
    const copy = await put('copy.svg', svg(1600, 40))
    const { images } = await renderImages([original, copy], outDir('copies'))
    expect(images.get(original)?.name).toMatch(/^same-[0-9a-f]{10}$/)
    expect(images.get(copy)?.name.slice(-10)).toBe(images.get(original)?.name.slice(-10))
  })
})
