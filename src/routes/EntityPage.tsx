import { useSuspenseQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { entityKindLabel } from '../app/entityKind'
import { paths } from '../app/paths'
import { formatShortDate } from '../app/time'
import { ArticleLink } from '../components/ArticleLink'
import { PageMeta } from '../components/PageMeta'
import { Pagination } from '../components/Pagination'
import { SIDE_THUMBNAILS, StoryList } from '../components/StoryList'
import { entityQueryOptions, entityStoriesQueryOptions } from '../queries/entities'
import { pageParam, slugParam } from './loaders'
import { StoryCount } from '../components/StoryCount'

export function EntityPage() {
  const params = useParams()
  const id = slugParam(params.id)
  const page = pageParam(params.page)
  const { data } = useSuspenseQuery(entityQueryOptions(id))
  const { data: stories } = useSuspenseQuery(entityStoriesQueryOptions(id, page))
  const { entity } = data
  const { quotes, totalQuotes } = stories
  const quotesHeading = entity.kind === 'person' ? 'In their words' : 'In its words'
  return (
    <div className="entity-page">
      <PageMeta
        title={page === 1 ? entity.name : `${entity.name}, page ${page}`}
        description={entity.description}
        path={paths.entity(id, page)}
        type="profile"
      />
      <header className="entity-header">
        <p className="section-label">{entityKindLabel[entity.kind]}</p>
        <h1 className="headline" tabIndex={-1}>
          {entity.name}
        </h1>
        <p className="standfirst">{entity.description}</p>
        {entity.aliases.length > 0 && (
          <p className="aliases">
            <span className="aliases__label">Also known as </span>
            {entity.aliases.join(', ')}
          </p>
        )}
      </header>
      <div className="entity-columns">
        <section aria-labelledby="stories">
          <h2 id="stories">
            Stories <StoryCount total={stories.totalItems} />
          </h2>
          <StoryList
            stories={stories.items}
            thumbnails={SIDE_THUMBNAILS}
            level={3}
            emptyText={`No stories mention ${entity.name} yet.`}
          />
          <Pagination
            list={stories}
            hrefFor={(n) => paths.entity(id, n)}
            label={`More stories about ${entity.name}`}
          />
        </section>
        <section aria-labelledby="quotes">
          <h2 id="quotes">{quotesHeading}</h2>
          {(stories.page > 1 || stories.older !== undefined) && totalQuotes !== 0 && (
            <p className="count">
              From the stories on this page
              {totalQuotes === undefined
                ? '.'
                : `; ${totalQuotes} ${totalQuotes === 1 ? 'quote' : 'quotes'} in all.`}
            </p>
          )}
          {quotes.length === 0 ? (
            <p className="empty">
              {totalQuotes === 0
                ? `No quotes from ${entity.name} in our stories yet.`
                : `No quotes from ${entity.name} in the stories on this page.`}
            </p>
          ) : (
            <ul className="quote-list">
              {quotes.map((quote) => (
                <li key={`${quote.article.slug}#${quote.quoteId}`}>
                  <figure className="quote quote--compact">
                    <blockquote className="quote__words">
                      <p>{quote.text}</p>
                    </blockquote>
                    <figcaption className="quote__caption">
                      {quote.source ? `${quote.source}, in ` : 'In '}
                      <ArticleLink slug={quote.article.slug} hash={quote.quoteId}>
                        {quote.article.headline}
                      </ArticleLink>
                      , {formatShortDate(new Date(quote.article.publishedAt))}
                    </figcaption>
                  </figure>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  )
}
