import type { ReactNode } from 'react'
import { paths } from '../app/paths'
import { usePrefetch } from '../app/usePrefetch'
import { entityQueryOptions, entityStoriesQueryOptions } from '../queries/entities'
import { useEntityCards } from './useEntityCards'
import { Link } from './Link'

interface Props {
  id: string
  children: ReactNode
  className?: string
}

export function EntityLink({ id, children, className }: Props) {
  const prefetch = usePrefetch((queryClient) =>
    Promise.all([
      queryClient.prefetchQuery(entityQueryOptions(id)),
      queryClient.prefetchQuery(entityStoriesQueryOptions(id, 1)),
    ]),
  )
  // Its card shows on hover or keyboard focus (docs/decisions/018).
  const cardRef = useEntityCards()
  return (
    <Link ref={cardRef} to={paths.entity(id)} className={className ?? 'entity-link'} {...prefetch}>
      {children}
    </Link>
  )
}
