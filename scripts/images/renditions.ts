// Responsive renditions of the article images (content/images/): each width the layout can ask
// for, in AVIF, WebP and JPEG, under content-hashed names so browsers and CDNs cache them forever.
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, unlink } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp'
import { readFile, rename, stat } from '../lib/fs'

// Steps of at most 1.5x: whatever a box needs, the next width up is never more than half as big again.
export const IMAGE_WIDTHS = [160, 240, 320, 480, 640, 800, 960, 1280] as const
export const IMAGE_FORMATS = [
  { ext: 'avif', type: 'image/avif' },
  { ext: 'webp', type: 'image/webp' },
  { ext: 'jpg', type: 'image/jpeg' },
] as const
/** The narrowest raster source the layout can use: the lead image fills 640 CSS px at 2x. */
export const MIN_SOURCE_WIDTH = 1280

export interface ImageSize {
  width: number
  height: number
}
/** What pages need to point at an image's renditions: files are `${name}-${w}.${ext}`. */
export interface RenderedImage {
  name: string
  width: number
  height: number
  widths: number[]
}
export interface RenditionMade {
  file: string
  width: number
  format: string
  bytes: number
  ms: number
}

type ImageFormat = (typeof IMAGE_FORMATS)[number]['ext']

// AVIF effort 3: on a 1600x900 SVG at 1280 px, effort 4 took 2-3x as long for about 5% fewer
// bytes. 4:2:0 like the WebP and JPEG: a tenth smaller, and faster, than AVIF's default 4:4:4.
const ENCODERS = {
  avif: { quality: 50, effort: 3, chromaSubsampling: '4:2:0' },
  webp: { quality: 75 },
  jpg: { quality: 78, mozjpeg: true, progressive: true },
} as const

/**
 * Hashed into every name, so changed settings mean new files rather than stale cached ones. The
 * encoder settings are in it already; bump the number when the pipeline changes the pixels.
 */
const RENDITION_VERSION = `1 ${JSON.stringify(ENCODERS)}`

const RASTER_FORMATS = new Set(['png', 'jpeg', 'webp'])

export class ImageTooSmallError extends Error {
  constructor(
    readonly file: string,
    readonly width: number,
  ) {
    super(`${file} is ${width} px wide; images need at least ${MIN_SOURCE_WIDTH} px`)
    this.name = 'ImageTooSmallError'
  }
}

interface Source extends ImageSize {
  file: string
  bytes: Buffer
  vector: boolean
}

/** A rendition's pixels, decoded once and encoded in every format. */
interface Pixels {
  data: Buffer
  info: OutputInfo
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error))

async function readSource(file: string): Promise<Source> {
  let bytes: Buffer
  let metadata: Metadata
  try {
    bytes = await readFile(file)
    metadata = await sharp(bytes).metadata()
  } catch (error) {
    throw new Error(`${file}: not a readable image: ${errorMessage(error)}`, { cause: error })
  }
  const vector = metadata.format === 'svg'
  if (!vector && !RASTER_FORMATS.has(metadata.format)) {
    throw new Error(
      `${file}: ${metadata.format} images are not supported; use SVG, PNG, JPEG or WebP`,
    )
  }
  // A camera JPEG's pixels may lie on their side; the EXIF orientation says which way is up.
  const { width, height } = metadata.autoOrient
  return { file, bytes, vector, width, height }
}

/** The intrinsic size: an SVG's from its width and height, or its viewBox. */
export async function readImageSize(file: string): Promise<ImageSize> {
  const { width, height } = await readSource(file)
  return { width, height }
}

export function renditionFiles(image: RenderedImage): string[] {
  return image.widths.flatMap((width) =>
    IMAGE_FORMATS.map((format) => `${image.name}-${width}.${format.ext}`),
  )
}

function widthsFor(source: Source): number[] {
  if (source.vector) return [...IMAGE_WIDTHS]
  if (source.width < MIN_SOURCE_WIDTH) throw new ImageTooSmallError(source.file, source.width)
  // Never upscale: a blown-up bitmap costs bytes and shows nothing more.
  return IMAGE_WIDTHS.filter((width) => width <= source.width)
}

const heightAt = (source: Source, width: number) =>
  Math.max(1, Math.round((width * source.height) / source.width))

function nameOf(source: Source): string {
  const stem = path.basename(source.file, path.extname(source.file))
  const hash = createHash('sha256').update(RENDITION_VERSION).update('\0').update(source.bytes)
  return `${stem}-${hash.digest('hex').slice(0, 10)}`
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  )

function toPixels(image: Sharp, width: number, height: number): Promise<Pixels> {
  // 8-bit sRGB whatever came in (16-bit PNG, greyscale, CMYK JPEG): what every encoder takes.
  return image
    .resize(width, height, { fit: 'fill' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true })
}

const fromPixels = ({ data, info }: Pixels) =>
  sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })

function encode(image: Sharp, format: ImageFormat): Sharp {
  // Output carries no metadata (no EXIF, no GPS) unless asked: sharp strips it by default.
  switch (format) {
    case 'avif':
      return image.avif(ENCODERS.avif)
    case 'webp':
      return image.webp(ENCODERS.webp)
    case 'jpg':
      // JPEG has no alpha: without flattening, transparent pixels come out black.
      return image.flatten({ background: '#ffffff' }).jpeg(ENCODERS.jpg)
  }
}

/** Writes to a temp file, then renames: a killed build never leaves half an image under its name. */
async function writeRendition(pixels: Pixels, format: ImageFormat, file: string) {
  // Unique, not per-process: two sources with the same stem and bytes share names and may be
  // written at once.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`)
  try {
    const { size } = await encode(fromPixels(pixels), format).toFile(temp)
    await rename(temp, file)
    return size
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
}

async function writeRenditions(source: Source, image: RenderedImage, outDir: string) {
  const made: RenditionMade[] = []
  // A raster source is decoded once, at the largest width; the narrower ones shrink from that.
  let largest: Pixels | undefined
  for (const width of [...image.widths].reverse()) {
    const missing: { format: ImageFormat; file: string }[] = []
    for (const { ext } of IMAGE_FORMATS) {
      const file = `${image.name}-${width}.${ext}`
      if (!(await exists(path.join(outDir, file)))) missing.push({ format: ext, file })
    }
    if (missing.length === 0) continue

    const started = performance.now()
    const height = heightAt(source, width)
    let pixels: Pixels
    if (source.vector) {
      // librsvg draws at `density` DPI (72 is 1:1), so each width is drawn sharp, not scaled up.
      const density = (72 * width) / source.width
      pixels = await toPixels(sharp(source.bytes, { density }), width, height)
    } else {
      largest ??= await toPixels(
        sharp(source.bytes, { autoOrient: true }),
        image.width,
        image.height,
      )
      pixels = width === image.width ? largest : await toPixels(fromPixels(largest), width, height)
    }
    // Each format bears an equal share of the drawing it was encoded from.
    const shared = (performance.now() - started) / missing.length

    for (const { format, file } of missing) {
      const encodeStarted = performance.now()
      const bytes = await writeRendition(pixels, format, path.join(outDir, file))
      made.push({ file, width, format, bytes, ms: shared + performance.now() - encodeStarted })
    }
  }
  return made
}

/** A source read and sized: what pages need of it, before any rendition is made. */
export interface PlannedImage {
  image: RenderedImage
  source: Source
}

/**
 * Reads a source and works out its renditions' names and widths, which pages need, without making
 * any: a build can use them at once while the renditions are made (makeRenditions).
 */
export async function planImage(source: string): Promise<PlannedImage> {
  const input = await readSource(source)
  const widths = widthsFor(input)
  const width = Math.max(...widths)
  return {
    image: { name: nameOf(input), width, height: heightAt(input, width), widths },
    source: input,
  }
}

/**
 * Makes every rendition of a planned source missing from `outDir`. A complete set makes nothing:
 * the names are content-hashed, so files that exist are right.
 */
export async function makeRenditions(
  { image, source }: PlannedImage,
  outDir: string,
): Promise<RenditionMade[]> {
  const present = await Promise.all(renditionFiles(image).map((f) => exists(path.join(outDir, f))))
  if (present.every(Boolean)) return []

  await mkdir(outDir, { recursive: true })
  try {
    return await writeRenditions(source, image, outDir)
  } catch (error) {
    // A header can read fine and the pixels still be truncated or corrupt.
    throw new Error(`${source.file}: ${errorMessage(error)}`, { cause: error })
  }
}

/** Makes every rendition of `source` missing from `outDir` (planImage, then makeRenditions). */
export async function renderImage(
  source: string,
  outDir: string,
): Promise<{ image: RenderedImage; made: RenditionMade[] }> {
  const planned = await planImage(source)
  return { image: planned.image, made: await makeRenditions(planned, outDir) }
}

/**
 * Renders many sources, `concurrency` at a time, each path once however often it is listed.
 * Stops starting new ones at the first error, and throws it once those under way have finished.
 */
export async function renderImages(
  sources: string[],
  outDir: string,
  { concurrency = os.availableParallelism() }: { concurrency?: number } = {},
): Promise<{ images: Map<string, RenderedImage>; made: RenditionMade[] }> {
  // Keyed by resolved path, rendered under the name first given: errors name files as listed.
  const unique = new Map<string, string>()
  for (const source of sources) {
    const key = path.resolve(source)
    if (!unique.has(key)) unique.set(key, source)
  }
  const queue = [...unique]
  const results = new Map<string, { image: RenderedImage; made: RenditionMade[] }>()
  let failure: { error: unknown } | undefined

  async function worker() {
    for (let job = queue.shift(); job && !failure; job = queue.shift()) {
      const [key, source] = job
      try {
        results.set(key, await renderImage(source, outDir))
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  const workers = Math.max(1, Math.min(concurrency, unique.size))
  await Promise.all(Array.from({ length: workers }, worker))
  if (failure) throw failure.error

  // In the order given, whichever finished first: the same build prints the same report.
  const images = new Map<string, RenderedImage>()
  for (const source of sources) {
    const result = results.get(path.resolve(source))
    if (result) images.set(source, result.image)
  }
  const made = [...unique.keys()].flatMap((key) => results.get(key)?.made ?? [])
  return { images, made }
}
