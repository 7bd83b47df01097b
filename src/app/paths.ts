// Every URL the reader links to is built here; components never hand-write paths.
export const routePatterns = {
  front: '/',
  frontPage: '/page/:page',
  article: '/articles/:slug',
  entity: '/entities/:id',
  entityPage: '/entities/:id/page/:page',
} as const

export const paths = {
  front: (page = 1) => (page <= 1 ? '/' : `/page/${page}`),
  article: (slug: string) => `/articles/${slug}`,
  quote: (slug: string, quoteId: string) => `/articles/${slug}#${quoteId}`,
  entity: (id: string, page = 1) =>
    page <= 1 ? `/entities/${id}` : `/entities/${id}/page/${page}`,
}
