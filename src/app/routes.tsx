import type { QueryClient } from '@tanstack/react-query'
import type { ComponentType, ReactNode } from 'react'
import type { LoaderFunction, RouteObject } from 'react-router'
import { ArticlePage } from '../routes/ArticlePage'
import {
  articleLoader,
  authorLoader,
  entityLoader,
  frontPageLoader,
  latestLoader,
  notFound,
  sectionLoader,
} from '../routes/loaders'
import { NotFoundPage } from '../routes/NotFoundPage'
import { OfflinePage } from '../routes/OfflinePage'
import { RouteError } from '../routes/RouteError'
import { Layout } from './Layout'
import { useOptionalModule } from './useOptionalModule'
import { pageTypeOf, siteMap, type SiteMap } from './siteMap'

type LazyPage = () => Promise<{ Component: () => ReactNode }>

/** The React half of a page type: what the site map cannot hold, as the build reads the map. */
export interface Page {
  /** Fills the query cache with the page's data before it renders (or answers 404). */
  loader: (queryClient: QueryClient) => LoaderFunction
  /** The page itself: in the main bundle, or loaded when first visited. */
  page: { element: ReactNode } | { lazy: LazyPage }
  /** What it looks like while its data loads, on a slow navigation. */
  skeleton: ComponentType
  /**
   * Starts fetching what the page will show once it runs, as start-up begins on a page opened at
   * `url`, so the fetches overlap the loading of its code. For data the page fetches itself,
   * after the prerendered markup (a loader's data is in the page already).
   */
  warm?: (queryClient: QueryClient, url: URL) => void
}

// The story page ships in the main bundle: it is what most readers land on. The front page and
// entity pages load their code when first visited (prerendered HTML shows them meanwhile).
const frontPage: LazyPage = async () => ({
  Component: (await import('../routes/FrontPage')).FrontPage,
})
const latestPage: LazyPage = async () => ({
  Component: (await import('../routes/LatestPage')).LatestPage,
})
const sectionPage: LazyPage = async () => ({
  Component: (await import('../routes/SectionPage')).SectionPage,
})
const authorPage: LazyPage = async () => ({
  Component: (await import('../routes/AuthorPage')).AuthorPage,
})
const entityPage: LazyPage = async () => ({
  Component: (await import('../routes/EntityPage')).EntityPage,
})
const searchPage: LazyPage = async () => ({
  Component: (await import('../routes/SearchPage')).SearchPage,
})
const savedPage: LazyPage = async () => ({
  Component: (await import('../routes/SavedPage')).SavedPage,
})
// Skeletons show only on a navigation slow enough to notice, so their code waits for the first
// one; where it cannot load (offline), the page just waits without one.
const skeletons = () => import('../components/Skeletons')
function ArticleSkeleton() {
  const Skeleton = useOptionalModule(skeletons)?.ArticleSkeleton
  return Skeleton && <Skeleton />
}
function ListSkeleton() {
  const Skeleton = useOptionalModule(skeletons)?.ListSkeleton
  return Skeleton && <Skeleton />
}

// A search opened at its address (a shared link, the form without the app) shows results only
// once the app runs: their files load alongside its code, not after it. Through the page's own
// chunk, which start-up is loading anyway: a chunk of its own for the search code would make the
// bundler split shared code out of the start-up chunk. A failure is the page's to report.
const warmSearch = (queryClient: QueryClient, url: URL) =>
  void import('../routes/SearchPage').then((page) => page.warm(queryClient, url)).catch(String)

// A page with nothing to load before it shows: its data comes as the reader uses it.
const nothingToLoad = () => () => null

/** Each of the site map's page types, as the reader sees it. */
export const pages: Record<keyof typeof siteMap.pageTypes, Page> = {
  front: { loader: frontPageLoader, page: { lazy: frontPage }, skeleton: ListSkeleton },
  latest: { loader: latestLoader, page: { lazy: latestPage }, skeleton: ListSkeleton },
  section: { loader: sectionLoader, page: { lazy: sectionPage }, skeleton: ListSkeleton },
  author: { loader: authorLoader, page: { lazy: authorPage }, skeleton: ListSkeleton },
  story: { loader: articleLoader, page: { element: <ArticlePage /> }, skeleton: ArticleSkeleton },
  entity: { loader: entityLoader, page: { lazy: entityPage }, skeleton: ListSkeleton },
  search: {
    loader: nothingToLoad,
    page: { lazy: searchPage },
    skeleton: ListSkeleton,
    warm: warmSearch,
  },
  saved: { loader: nothingToLoad, page: { lazy: savedPage }, skeleton: ListSkeleton },
  offline: { loader: nothingToLoad, page: { element: <OfflinePage /> }, skeleton: ListSkeleton },
  // Unknown paths: the loader answers 404, the error element shows the not-found page.
  notFound: { loader: () => notFound, page: { element: <NotFoundPage /> }, skeleton: ListSkeleton },
}

/**
 * The router's routes for a site map and its pages: each page type's URL patterns, in the map's
 * order, with its page and loader; loaders get the query client so they fill the cache pages read.
 */
export function routesFor<M extends SiteMap>(
  map: M,
  pagesOf: Record<keyof M['pageTypes'], Page>,
  queryClient: QueryClient,
): RouteObject[] {
  const byName = pagesOf as Record<string, Page>
  const children = Object.entries(map.pageTypes).flatMap(([name, type]) => {
    const found = byName[name]
    if (!found) throw new Error(`the site map has ${name} pages, but there is no page for them`)
    const { loader, page } = found
    const route = { loader: loader(queryClient), ...page }
    return type.routes.map((path): RouteObject =>
      path === '/' ? { index: true, ...route } : { path, ...route },
    )
  })
  const skeletonFor = (pathname: string) => {
    const Skeleton = (byName[pageTypeOf(pathname, map).name] as Page).skeleton
    return <Skeleton />
  }
  return [
    {
      path: '/',
      element: <Layout skeletonFor={skeletonFor} />,
      // Errors render inside the layout, so the masthead and a way home stay on screen.
      children: [{ errorElement: <RouteError />, children }],
    },
  ]
}

/** The reader's routes. */
export function createRoutes(queryClient: QueryClient): RouteObject[] {
  return routesFor(siteMap, pages, queryClient)
}
