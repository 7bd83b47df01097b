import { useSuspenseQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { Link } from '../components/Link'
import { entityKindLabel } from '../app/entityKind'
import { AdsToggle } from '../components/AdsToggle'
import { ArticleBody } from '../components/ArticleBody'
import { Byline } from '../components/Byline'
import { ImageFigure } from '../components/ImageFigure'
import { Corrections } from '../components/Corrections'
import { EntityLink } from '../components/EntityLink'
import { paths } from '../app/paths'
import { sectionNamed } from '../app/sections'
import { absoluteUrl } from '../app/site'
import { PageMeta } from '../components/PageMeta'
import { shareImageOf } from '../seo/shareImage'
import { RelativeTime } from '../components/RelativeTime'
import { SaveButton } from '../components/SaveButton'
import { ShareButton } from '../components/ShareButton'
import { StoryList } from '../components/StoryList'
import { articleQueryOptions } from '../queries/articles'
import { slugParam } from './loaders'

export function ArticlePage() {
  const slug = slugParam(useParams().slug)
  const { data } = useSuspenseQuery(articleQueryOptions(slug))
  const { article, entities, related, authors } = data
  const section = sectionNamed(article.section)
  return (
    <article className="article-layout" aria-labelledby="headline">
      <PageMeta
        title={article.headline}
        description={article.standfirst}
        path={paths.article(article.slug)}
        type="article"
        image={shareImageOf(article.image)}
        article={{
          publishedTime: article.publishedAt,
          modifiedTime: article.updatedAt,
          section: article.section,
        }}
      />
      <header className="article-header">
        <p className="section-label">
          {section ? <Link to={paths.section(section.id)}>{section.name}</Link> : article.section}
        </p>
        <h1 id="headline" className="headline" tabIndex={-1}>
          {article.headline}
        </h1>
        <p className="standfirst">{article.standfirst}</p>
        <Byline authors={authors} />
        <p className="dateline">
          <RelativeTime iso={article.publishedAt} withExact />
          <span className="article-actions">
            <SaveButton story={article} />
            <ShareButton title={article.headline} url={absoluteUrl(paths.article(article.slug))} />
          </span>
          {article.updatedAt !== undefined && article.updatedAt !== article.publishedAt && (
            // A row of its own: "Updated 2 hours ago" (the exact time without JavaScript, and on
            // hover) moves nothing else when it changes.
            <span className="updated">
              Updated <RelativeTime iso={article.updatedAt} />
            </span>
          )}
        </p>
      </header>
      {article.image && <ImageFigure image={article.image} lead />}
      <ArticleBody body={article.body} entities={entities} />
      <p className="credit">{article.credit}</p>
      {article.corrections && article.corrections.length > 0 && (
        <Corrections corrections={article.corrections} />
      )}
      {article.body.some((block) => block.type === 'ad') && <AdsToggle />}
      <footer className="article-footer">
        {entities.length > 0 && (
          <section className="in-this-story" aria-labelledby="in-this-story">
            <h2 id="in-this-story">In this story</h2>
            <ul className="entity-chips">
              {entities.map((entity) => (
                <li key={entity.id}>
                  <EntityLink id={entity.id} className="entity-chip">
                    {entity.name}
                    <span className="entity-chip__kind">{entityKindLabel[entity.kind]}</span>
                  </EntityLink>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section className="related" aria-labelledby="related">
          <h2 id="related">Related stories</h2>
          <StoryList
            stories={related}
            level={3}
            emptyText="No other stories share people, places or organisations with this one yet."
          />
        </section>
      </footer>
    </article>
  )
}
