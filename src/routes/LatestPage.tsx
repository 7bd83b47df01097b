import { useSuspenseQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { paths } from '../app/paths'
import { SITE_DESCRIPTION } from '../app/site'
import { PageMeta } from '../components/PageMeta'
import { Pagination } from '../components/Pagination'
import { LIST_PAGE_THUMBNAILS, StoryList } from '../components/StoryList'
import { articleIndexQueryOptions } from '../queries/articles'
import { pageParam } from './loaders'

/** `/latest`: every story, newest first. */
export function LatestPage() {
  const page = pageParam(useParams().page)
  const { data } = useSuspenseQuery(articleIndexQueryOptions(page))
  return (
    <div className="list-page">
      <PageMeta
        title={page === 1 ? 'Latest stories' : `Latest stories, page ${page}`}
        description={SITE_DESCRIPTION}
        path={paths.latest(page)}
      />
      <h1 className="page-title" tabIndex={-1}>
        Latest stories
      </h1>
      <StoryList
        stories={data.items}
        emptyText="No stories have been published yet."
        thumbnails={LIST_PAGE_THUMBNAILS}
      />
      <Pagination list={data} hrefFor={paths.latest} label="Older and newer stories" />
    </div>
  )
}
