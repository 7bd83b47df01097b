import { useSyncExternalStore } from 'react'
import type { StoryToSave } from '../saved/saveStory'
import { isSaved, subscribeSaved } from '../saved/savedList'

/**
 * Saves a story on this device, or unsaves it (docs/decisions/020): a toggle button, pressed while
 * the story is saved, named "Save" and the headline (which tells the buttons of a list apart). It
 * needs JavaScript, so it keeps its place but stays hidden until the page is live; the code that
 * saves loads on the first press.
 */
export function SaveButton({ story }: { story: StoryToSave }) {
  const saved = useSyncExternalStore(
    subscribeSaved,
    () => isSaved(story.slug),
    () => false,
  )
  return (
    <button
      type="button"
      className="save-button"
      aria-pressed={saved}
      onClick={() =>
        void import('../saved/saveStory')
          .then((saving) => saving.toggleSaved(story))
          .catch(reportError)
      }
    >
      Save
      <span className="visually-hidden"> “{story.headline}”</span>
    </button>
  )
}
