import type { Image } from '../content/schema'
import { Picture } from './Picture'

/** The column a story's pictures fill: the page's width less its gutters, up to the measure. */
export const STORY_IMAGE_SIZES = '(min-width: 42rem) 40rem, calc(100vw - 2rem)'

/** A story's picture with its caption and credit under it; the lead image loads first. */
export function ImageFigure({ image, lead = false }: { image: Image; lead?: boolean }) {
  if (!image.rendition) return null
  return (
    <figure className={lead ? 'image-figure image-figure--lead' : 'image-figure'}>
      <Picture
        rendition={image.rendition}
        alt={image.decorative ? '' : image.alt}
        sizes={STORY_IMAGE_SIZES}
        priority={lead}
      />
      <figcaption className="image-figure__caption">
        {image.caption && <span>{image.caption} </span>}
        <span className="image-figure__credit">{image.credit}</span>
      </figcaption>
    </figure>
  )
}
