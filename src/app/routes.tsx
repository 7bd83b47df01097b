import type { QueryClient } from '@tanstack/react-query'
import type { RouteObject } from 'react-router'
import { ArticlePage } from '../routes/ArticlePage'
import { articleLoader, entityLoader, frontPageLoader, notFound } from '../routes/loaders'
import { NotFoundPage } from '../routes/NotFoundPage'
import { RouteError } from '../routes/RouteError'
import { Layout } from './Layout'
import { routePatterns } from './paths'

// The story page ships in the main bundle: it is what most readers land on. The front page and
// entity pages load their code when first visited (prerendered HTML shows them meanwhile).
const frontPage = async () => ({ Component: (await import('../routes/FrontPage')).FrontPage })
const entityPage = async () => ({ Component: (await import('../routes/EntityPage')).EntityPage })

/** The reader's routes; loaders get the query client so they fill the same cache the pages read. */
export function createRoutes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      path: '/',
      element: <Layout />,
      children: [
        {
          // Errors render inside the layout, so the masthead and a way home stay on screen.
          errorElement: <RouteError />,
          children: [
            { index: true, loader: frontPageLoader(queryClient), lazy: frontPage },
            {
              path: routePatterns.frontPage,
              loader: frontPageLoader(queryClient),
              lazy: frontPage,
            },
            {
              path: routePatterns.article,
              loader: articleLoader(queryClient),
              element: <ArticlePage />,
            },
            {
              path: routePatterns.entity,
              loader: entityLoader(queryClient),
              lazy: entityPage,
            },
            {
              path: routePatterns.entityPage,
              loader: entityLoader(queryClient),
              lazy: entityPage,
            },
            // Unknown paths: the loader answers 404, the error element shows the not-found page.
            { path: '*', loader: notFound, element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]
}
