import type { ArticleSummary } from '../content/schema'
import { RelativeTime } from './RelativeTime'
import { SaveButton } from './SaveButton'

/** Under a story in a list: its section, how long ago, and its Save button. */
export function StoryMeta({ story }: { story: ArticleSummary }) {
  return (
    <p className="story-card__meta">
      <span className="section-label">{story.section}</span>
      <RelativeTime iso={story.publishedAt} />
      <SaveButton story={story} />
    </p>
  )
}
