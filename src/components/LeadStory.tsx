import type { ArticleSummary } from '../content/schema'
import { ArticleLink } from './ArticleLink'
import { RelativeTime } from './RelativeTime'
import { SaveButton } from './SaveButton'

/** The story a front leads with: larger, on its own, above the lists. */
export function LeadStory({ story, level = 2 }: { story: ArticleSummary; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <div className="lead-story">
      <div className="lead-story__text">
        <Heading className="lead-story__headline">
          <ArticleLink slug={story.slug}>{story.headline}</ArticleLink>
        </Heading>
        <p className="lead-story__standfirst">{story.standfirst}</p>
        <p className="story-card__meta">
          <span className="section-label">{story.section}</span>
          <RelativeTime iso={story.publishedAt} />
          <SaveButton story={story} />
        </p>
      </div>
    </div>
  )
}
