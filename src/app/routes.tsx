import type { QueryClient } from '@tanstack/react-query'
import type { RouteObject } from 'react-router'
import { ArticlePage } from '../routes/ArticlePage'
import { articleLoader, entityLoader, frontPageLoader, notFound } from '../routes/loaders'
import { NotFoundPage } from '../routes/NotFoundPage'
import { RouteError } from '../routes/RouteError'
import { Layout } from './Layout'
import { pageTypes, type PageTypeName } from './siteMap'

// The story page ships in the main bundle: it is what most readers land on. The front page and
// entity pages load their code when first visited (prerendered HTML shows them meanwhile).
const frontPage = async () => ({ Component: (await import('../routes/FrontPage')).FrontPage })
const entityPage = async () => ({ Component: (await import('../routes/EntityPage')).EntityPage })

type PageRoute = Pick<RouteObject, 'loader' | 'element'> & { lazy?: typeof frontPage }

/** The reader's routes; loaders get the query client so they fill the same cache the pages read. */
export function createRoutes(queryClient: QueryClient): RouteObject[] {
  // Each page type's component and loader; its URL patterns come from the site map.
  const pages: Record<PageTypeName, PageRoute> = {
    front: { loader: frontPageLoader(queryClient), lazy: frontPage },
    story: { loader: articleLoader(queryClient), element: <ArticlePage /> },
    entity: { loader: entityLoader(queryClient), lazy: entityPage },
    // Unknown paths: the loader answers 404, the error element shows the not-found page.
    notFound: { loader: notFound, element: <NotFoundPage /> },
  }
  const children = (Object.keys(pageTypes) as PageTypeName[]).flatMap((name) =>
    pageTypes[name].routes.map((path): RouteObject =>
      path === '/' ? { index: true, ...pages[name] } : { path, ...pages[name] },
    ),
  )
  return [
    {
      path: '/',
      element: <Layout />,
      // Errors render inside the layout, so the masthead and a way home stay on screen.
      children: [{ errorElement: <RouteError />, children }],
    },
  ]
}
