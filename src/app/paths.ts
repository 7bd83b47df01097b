// Every URL the reader links to is built here; components never hand-write paths. The patterns
// the router matches are in the site map (src/app/siteMap.ts).

export const paths = {
  front: (page = 1) => (page <= 1 ? '/' : `/page/${page}`),
  article: (slug: string) => `/articles/${slug}`,
  quote: (slug: string, quoteId: string) => `/articles/${slug}#${quoteId}`,
  entity: (id: string, page = 1) =>
    page <= 1 ? `/entities/${id}` : `/entities/${id}/page/${page}`,
}
