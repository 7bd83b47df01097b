import type { ArticleSummary } from '../content/schema'
import { ArticleLink } from './ArticleLink'
import { StoryMeta } from './StoryMeta'
import { Thumbnail, type BoxWidths } from './Thumbnail'

interface Props {
  stories: ArticleSummary[]
  /** Heading level of each headline, so lists sit correctly in the page outline. */
  level?: 2 | 3
  emptyText: string
  /** Show each story's picture, in boxes this wide (the list's layout decides); none: text only. */
  thumbnails?: BoxWidths
}

/** Thumbnails beside the headline, a fixed 7.5rem at every width (`.story-list`). */
export const SIDE_THUMBNAILS: BoxWidths = [['', '7.5rem']]

/** Two across from 48em, beside the headline on a phone (`.list-page`). */
export const LIST_PAGE_THUMBNAILS: BoxWidths = [
  ['(min-width: 72rem)', '33rem'],
  ['(min-width: 48em)', '45vw'],
  ['', '7.5rem'],
]

export function StoryList({ stories, level = 2, emptyText, thumbnails }: Props) {
  if (stories.length === 0) return emptyText ? <p className="empty">{emptyText}</p> : null
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <ol className="story-list">
      {stories.map((story) => (
        <li key={story.slug} className="story-card">
          {thumbnails && story.image && <Thumbnail image={story.image} boxes={thumbnails} />}
          <Heading className="story-card__headline">
            <ArticleLink slug={story.slug}>{story.headline}</ArticleLink>
          </Heading>
          <p className="story-card__standfirst">{story.standfirst}</p>
          <StoryMeta story={story} />
        </li>
      ))}
    </ol>
  )
}
