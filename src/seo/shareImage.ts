// The picture a page is shared with (Open Graph, Twitter cards, JSON-LD, feeds): a story's own
// lead image where it has one, the site's card otherwise.
import { paths } from '../app/paths'
import { absoluteUrl, SHARE_IMAGE } from '../app/site'
import type { Rendition } from '../content/schema'

export interface ShareImage {
  url: string
  width: number
  height: number
  alt: string
}

/** A story's lead image at its largest, as JPEG: every link preview can show that. */
export function shareImageOf(
  image: { alt: string; rendition?: Rendition | undefined } | undefined,
) {
  const rendition = image?.rendition
  if (!rendition) {
    const { path, width, height, alt } = SHARE_IMAGE
    return { url: absoluteUrl(path), width, height, alt }
  }
  return {
    url: absoluteUrl(paths.image(rendition, rendition.width, 'jpg')),
    width: rendition.width,
    height: rendition.height,
    alt: image.alt,
  } satisfies ShareImage
}
