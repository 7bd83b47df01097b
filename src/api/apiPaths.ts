// The static API's file layout, relative to the API base, as the site map declares it
// (src/app/siteMap.ts), for the build's scripts that write and read these files. The reader
// fetches them by name with `fetchApiFile` (src/api/fetchJson.ts).
import { apiFiles } from '../app/siteMap'

const page = (n: number) => String(n)

export const apiPaths = {
  front: () => apiFiles.front.file.fill({}),
  sectionStories: (id: string, n: number) =>
    apiFiles.sectionStories.file.fill({ id, page: page(n) }),
  authorStories: (id: string, n: number) => apiFiles.authorStories.file.fill({ id, page: page(n) }),
  articleIndex: (page: number) => apiFiles.articleIndex.file.fill({ page: String(page) }),
  article: (slug: string) => apiFiles.article.file.fill({ slug }),
  withdrawn: (slug: string) => apiFiles.withdrawn.file.fill({ slug }),
  entity: (id: string) => apiFiles.entity.file.fill({ id }),
  entityStories: (id: string, page: number) =>
    apiFiles.entityStories.file.fill({ id, page: String(page) }),
}
