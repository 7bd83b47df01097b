import type { QueryClient } from '@tanstack/react-query'
import type { RouteObject } from 'react-router'
import { ArticlePage } from '../routes/ArticlePage'
import { EntityPage } from '../routes/EntityPage'
import { FrontPage } from '../routes/FrontPage'
import { articleLoader, entityLoader, frontPageLoader, notFound } from '../routes/loaders'
import { NotFoundPage } from '../routes/NotFoundPage'
import { RouteError } from '../routes/RouteError'
import { Layout } from './Layout'
import { routePatterns } from './paths'

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
            { index: true, loader: frontPageLoader(queryClient), element: <FrontPage /> },
            {
              path: routePatterns.frontPage,
              loader: frontPageLoader(queryClient),
              element: <FrontPage />,
            },
            {
              path: routePatterns.article,
              loader: articleLoader(queryClient),
              element: <ArticlePage />,
            },
            {
              path: routePatterns.entity,
              loader: entityLoader(queryClient),
              element: <EntityPage />,
            },
            {
              path: routePatterns.entityPage,
              loader: entityLoader(queryClient),
              element: <EntityPage />,
            },
            // Unknown paths: the loader answers 404, the error element shows the not-found page.
            { path: '*', loader: notFound, element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]
}
