import type { ArticleSummary } from '../content/schema'
import { ArticleLink } from './ArticleLink'
import { RelativeTime } from './RelativeTime'
import { SaveButton } from './SaveButton'

interface Props {
  stories: ArticleSummary[]
  /** Heading level of each headline, so lists sit correctly in the page outline. */
  level?: 2 | 3
  emptyText: string
}

export function StoryList({ stories, level = 2, emptyText }: Props) {
  if (stories.length === 0) return emptyText ? <p className="empty">{emptyText}</p> : null
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <ol className="story-list">
      {stories.map((story) => (
        <li key={story.slug} className="story-card">
          <Heading className="story-card__headline">
            <ArticleLink slug={story.slug}>{story.headline}</ArticleLink>
          </Heading>
          <p className="story-card__standfirst">{story.standfirst}</p>
          <p className="story-card__meta">
            <span className="section-label">{story.section}</span>
            <RelativeTime iso={story.publishedAt} />
            <SaveButton story={story} />
          </p>
        </li>
      ))}
    </ol>
  )
}
