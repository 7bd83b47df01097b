import type { Thumbnail as ThumbnailData } from '../content/schema'
import { Picture } from './Picture'

/** How wide a list's thumbnail box is at each viewport width: [media query, width], widest first. */
export type BoxWidths = readonly (readonly [media: string, width: string])[]

/** The shape thumbnails are cropped to (CSS: `.thumbnail`), around the picture's focus. */
const BOX_RATIO = 3 / 2

/**
 * A story's picture in a list, cropped to the list's shape. It repeats the story page's picture
 * beside the headline that links to it, so screen readers skip it (alt=""): the headline says
 * what the story is, and the story page describes the picture in full.
 */
export function Thumbnail({
  image,
  boxes,
  priority = false,
}: {
  image: ThumbnailData
  boxes: BoxWidths
  priority?: boolean
}) {
  const { rendition, focus } = image
  // Cropping a wider picture to the box shows it taller than the box is wide: ask for that width.
  const scale = Math.max(1, rendition.width / rendition.height / BOX_RATIO)
  const width = (box: string) => (scale === 1 ? box : `calc(${box} * ${scale.toFixed(3)})`)
  const sizes = boxes
    .map(([media, box]) => (media ? `${media} ${width(box)}` : width(box)))
    .join(', ')
  return (
    <Picture
      className="thumbnail"
      rendition={rendition}
      alt=""
      sizes={sizes}
      focus={focus}
      priority={priority}
    />
  )
}
