import { useEffect, useRef } from 'react'
import { IMAGE_TYPES, paths, type ImageFormat } from '../app/paths'
import type { Rendition } from '../content/schema'

interface Props {
  rendition: Rendition
  alt: string
  /** The `sizes` attribute: how wide the picture shows at each viewport width. */
  sizes: string
  /** The page's main picture (a story's lead, the front's): fetched first, never lazily. */
  priority?: boolean
  /** Where a crop centres, 0-1 across and down (CSS crops with `object-fit: cover`). */
  focus?: { x: number; y: number } | undefined
  className?: string
}

const srcSet = (rendition: Rendition, format: ImageFormat) =>
  rendition.widths.map((w) => `${paths.image(rendition, w, format)} ${w}w`).join(', ')

/**
 * A picture in every format and width the build made, for the browser to pick the smallest that
 * fills its box. Width and height give the box its shape before a byte arrives: nothing moves.
 */
export function Picture({ rendition, alt, sizes, priority = false, focus, className }: Props) {
  // The crop's centre, set through the CSSOM once the page is live: the Content-Security-Policy
  // refuses style attributes in the HTML. Until then (and without JavaScript) crops centre.
  const image = useRef<HTMLImageElement>(null)
  const position = focus && `${Math.round(focus.x * 100)}% ${Math.round(focus.y * 100)}%`
  useEffect(() => {
    if (image.current && position) image.current.style.objectPosition = position
  }, [position])
  // The fallback for a browser without srcset: a middling width, not the largest.
  const fallback = rendition.widths.find((w) => w >= 640) ?? rendition.width
  return (
    <picture className={className}>
      {(['avif', 'webp'] as const).map((format) => (
        <source
          key={format}
          type={IMAGE_TYPES[format]}
          srcSet={srcSet(rendition, format)}
          sizes={sizes}
        />
      ))}
      <img
        src={paths.image(rendition, fallback, 'jpg')}
        srcSet={srcSet(rendition, 'jpg')}
        sizes={sizes}
        width={rendition.width}
        height={rendition.height}
        alt={alt}
        ref={image}
        decoding={priority ? 'sync' : 'async'}
        {...(priority ? { fetchPriority: 'high' as const } : { loading: 'lazy' as const })}
      />
    </picture>
  )
}
