import { useSuspenseQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { paths } from '../app/paths'
import { LeadStory } from '../components/LeadStory'
import { PageMeta } from '../components/PageMeta'
import { Pagination } from '../components/Pagination'
import { LIST_PAGE_THUMBNAILS, StoryList } from '../components/StoryList'
import { sectionStoriesQueryOptions } from '../queries/articles'
import { pageParam, slugParam } from './loaders'

/** `/sections/:id`: a section's front, its latest story leading, then the rest, newest first. */
export function SectionPage() {
  const params = useParams()
  const id = slugParam(params.id)
  const page = pageParam(params.page)
  const { data } = useSuspenseQuery(sectionStoriesQueryOptions(id, page))
  const { section } = data
  // Page 1 leads with the newest story; later pages are lists.
  const lead = page === 1 ? data.items[0] : undefined
  const rest = lead ? data.items.slice(1) : data.items
  return (
    <div className="list-page section-page">
      <PageMeta
        title={page === 1 ? section.name : `${section.name}, page ${page}`}
        description={section.description}
        path={paths.section(id, page)}
      />
      <header className="list-header">
        <h1 className="page-title" tabIndex={-1}>
          {section.name}
        </h1>
        <p className="list-header__description">{section.description}</p>
      </header>
      {lead && <LeadStory story={lead} />}
      <StoryList
        thumbnails={LIST_PAGE_THUMBNAILS}
        stories={rest}
        emptyText={lead ? '' : `No ${section.name} stories have been published yet.`}
      />
      <Pagination
        list={data}
        hrefFor={(n) => paths.section(id, n)}
        label={`Older and newer ${section.name} stories`}
      />
      <p className="feed-link">
        <a href={`${paths.section(id)}/rss.xml`} type="application/rss+xml">
          {section.name} RSS feed
        </a>
      </p>
    </div>
  )
}
