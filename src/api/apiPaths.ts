// The static API's file layout, relative to the API base. The content build writes these files
// and the reader fetches them, so both sides take their paths from here.
export const apiPaths = {
  articleIndex: (page: number) => `articles/index/${page}.json`,
  article: (slug: string) => `articles/${slug}.json`,
  entity: (id: string) => `entities/${id}.json`,
  entityStories: (id: string, page: number) => `entities/${id}/stories/${page}.json`,
}
