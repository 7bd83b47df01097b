import type { ArticleSummary } from '../content/schema'
import { ArticleLink } from './ArticleLink'
import { Picture } from './Picture'
import { StoryMeta } from './StoryMeta'

// Beside the text from 48em (three fifths of the page), above it on a phone (`.lead-story`).
const LEAD_SIZES = '(min-width: 72rem) 41rem, (min-width: 48em) 57vw, calc(100vw - 2rem)'

/**
 * The story a front leads with: larger, with its picture, above the lists. The picture is the
 * page's largest element, so it loads first. Its alt is empty, as in every list: the headline
 * beside it says what the story is (see Thumbnail).
 */
export function LeadStory({ story, level = 2 }: { story: ArticleSummary; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <div className={story.image ? 'lead-story lead-story--pictured' : 'lead-story'}>
      {story.image && (
        <Picture
          className="lead-story__picture"
          rendition={story.image.rendition}
          alt=""
          sizes={LEAD_SIZES}
          priority
        />
      )}
      <div className="lead-story__text">
        <Heading className="lead-story__headline">
          <ArticleLink slug={story.slug}>{story.headline}</ArticleLink>
        </Heading>
        <p className="lead-story__standfirst">{story.standfirst}</p>
        <StoryMeta story={story} />
      </div>
    </div>
  )
}
