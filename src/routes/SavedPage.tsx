import { useSyncExternalStore } from 'react'
import { Link } from '../components/Link'
import { paths } from '../app/paths'
import { useLive } from '../app/useLive'
import { PageMeta } from '../components/PageMeta'
import { RelativeTime } from '../components/RelativeTime'
import { readSavedText, subscribeSaved } from '../saved/savedList'
import { removeSaved, savedStories } from '../saved/saveStory'
import { useKeptOffline } from '../offline/useKeptOffline'

/**
 * `/saved`: the stories saved on this device, newest saved first, each with a way to remove it.
 * The list is in this browser's storage, so the prerendered page has none: it fills in once the
 * app runs, and says so to a browser without JavaScript.
 */
export function SavedPage() {
  const live = useLive()
  const text = useSyncExternalStore(subscribeSaved, readSavedText, () => '[]')
  const stories = live ? savedStories(text) : []
  const keptOffline = useKeptOffline(stories.map((story) => story.slug))
  return (
    <section className="saved-page" aria-labelledby="saved-title">
      <PageMeta
        title="Saved stories"
        description="The stories you saved on this device, to read later."
        path={paths.saved()}
      />
      <h1 id="saved-title" className="page-title" tabIndex={-1}>
        Saved stories
      </h1>
      <p className="saved-page__note">
        Kept in this browser on this device, for reading later. No account, nothing sent to us.
      </p>
      <noscript>
        <p className="saved-page__note">Saved stories need JavaScript, which is off here.</p>
      </noscript>
      {live && stories.length === 0 && (
        <p className="empty">
          Nothing saved yet. Press Save on any story to keep it here.{' '}
          <Link to={paths.front()}>Go to the latest stories</Link>
        </p>
      )}
      {stories.length > 0 && (
        <ol className="story-list">
          {stories.map((story) => (
            <li key={story.slug} className="story-card">
              <h2 className="story-card__headline">
                <Link to={paths.article(story.slug)}>{story.headline}</Link>
              </h2>
              <p className="story-card__standfirst">{story.standfirst}</p>
              <p className="story-card__meta">
                <span className="section-label">{story.section}</span>
                <RelativeTime iso={story.publishedAt} />
                {keptOffline.has(story.slug) && (
                  <span className="saved-page__offline">Available offline</span>
                )}
                <button
                  type="button"
                  className="saved-page__remove"
                  onClick={() => removeSaved(story.slug)}
                >
                  Remove<span className="visually-hidden"> “{story.headline}”</span>
                </button>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
