import type { ReactNode } from 'react'
import { paths } from '../app/paths'
import { usePrefetch } from '../app/usePrefetch'
import { articleQueryOptions } from '../queries/articles'
import { Link } from './Link'

interface Props {
  slug: string
  children: ReactNode
  /** A fragment inside the story, e.g. a quote's id. */
  hash?: string
}

export function ArticleLink({ slug, children, hash }: Props) {
  const prefetch = usePrefetch((queryClient) =>
    queryClient.prefetchQuery(articleQueryOptions(slug)),
  )
  return (
    <Link to={hash ? paths.quote(slug, hash) : paths.article(slug)} {...prefetch}>
      {children}
    </Link>
  )
}
