// Every URL the reader links to is built here; components never hand-write paths. Each comes from
// its page type's routes in the site map (src/app/siteMap.ts), the patterns the router matches.
import { pageUrl } from './siteMap'

/** The formats of every image rendition, best first: browsers take the first they can show. */
export const IMAGE_TYPES = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' } as const
export type ImageFormat = keyof typeof IMAGE_TYPES

const onPage = (page: number) => (page > 1 ? { page: String(page) } : {})

export const paths = {
  front: () => pageUrl('front'),
  latest: (page = 1) => pageUrl('latest', onPage(page)),
  section: (id: string, page = 1) => pageUrl('section', { id, ...onPage(page) }),
  author: (id: string, page = 1) => pageUrl('author', { id, ...onPage(page) }),
  article: (slug: string) => pageUrl('story', { slug }),
  quote: (slug: string, quoteId: string) => `${paths.article(slug)}#${blockAnchor(quoteId)}`,
  entity: (id: string, page = 1) => pageUrl('entity', { id, ...onPage(page) }),
  saved: () => pageUrl('saved'),
  /** One rendition of an image the content build made (scripts/images/renditions.ts). */
  image: ({ name }: { name: string }, width: number, format: ImageFormat) =>
    `/images/${name}-${width}.${format}`,
  /** The search page, with a query when given. */
  search: (query = '') =>
    query
      ? `${pageUrl('search')}?${new URLSearchParams({ q: query }).toString()}`
      : pageUrl('search'),
}

/**
 * A story block's id in the page. Blocks have a namespace of their own (`block-`, which the app's
 * own ids never start with), so no content id can take one of the app's (`root`, `main`, the page
 * state's script) and stop the page from starting.
 */
export const blockAnchor = (blockId: string) => `block-${blockId}`
