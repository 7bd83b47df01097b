import { useSuspenseQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { paths } from '../app/paths'
import { PageMeta } from '../components/PageMeta'
import { Pagination } from '../components/Pagination'
import { LIST_PAGE_THUMBNAILS, StoryList } from '../components/StoryList'
import { authorStoriesQueryOptions } from '../queries/articles'
import { pageParam, slugParam } from './loaders'
import { StoryCount } from '../components/StoryCount'

/** `/authors/:id`: who a journalist is, and their stories, newest first. */
export function AuthorPage() {
  const params = useParams()
  const id = slugParam(params.id)
  const page = pageParam(params.page)
  const { data } = useSuspenseQuery(authorStoriesQueryOptions(id, page))
  const { author } = data
  return (
    <div className="list-page author-page">
      <PageMeta
        title={page === 1 ? author.name : `${author.name}, page ${page}`}
        description={`${author.role}. ${author.bio}`}
        path={paths.author(id, page)}
        type="profile"
      />
      <header className="list-header">
        <p className="section-label">{author.role}</p>
        <h1 className="page-title" tabIndex={-1}>
          {author.name}
        </h1>
        <p className="list-header__description">{author.bio}</p>
      </header>
      <section aria-labelledby="author-stories">
        <h2 id="author-stories">
          Stories <StoryCount total={data.totalItems} />
        </h2>
        <StoryList
          stories={data.items}
          level={3}
          emptyText={`No stories by ${author.name} yet.`}
          thumbnails={LIST_PAGE_THUMBNAILS}
        />
      </section>
      <Pagination
        list={data}
        hrefFor={(n) => paths.author(id, n)}
        label={`More stories by ${author.name}`}
      />
    </div>
  )
}
