// Saving and unsaving, and the saved list whole (for /saved): loaded when first used, so pages
// that only show whether a story is saved carry none of it (src/saved/savedList.ts).
import type { ArticleSummary } from '../content/schema'
import { readSavedText, SAVED_EVENT, SAVED_KEY } from './savedList'

/** What is kept of a story when it is saved: the text of its summary. */
export type StoryToSave = Pick<
  ArticleSummary,
  'slug' | 'headline' | 'standfirst' | 'section' | 'publishedAt'
>

/** A saved story: its summary as it was when saved, and when. */
export type SavedStory = StoryToSave & { savedAt: string }

const FIELDS = ['slug', 'headline', 'standfirst', 'section', 'publishedAt', 'savedAt'] as const

/**
 * Whether a stored entry is a saved story: each field text, the times real instants. Checked by
 * hand, not with the content schema: importing that here makes the bundler split it out of the
 * start-up chunk, a request and a kilobyte more on every page.
 */
export const isSavedStory = (entry: unknown): entry is SavedStory => {
  const fields = entry as Partial<Record<(typeof FIELDS)[number], unknown>> | null
  return (
    typeof fields === 'object' &&
    fields !== null &&
    FIELDS.every((field) => typeof fields[field] === 'string') &&
    !Number.isNaN(Date.parse(String(fields.publishedAt))) &&
    !Number.isNaN(Date.parse(String(fields.savedAt)))
  )
}

/** At most this many: a reader's list, not an archive (about 300 KB of the 5 MB a site gets). */
export const MAX_SAVED = 1000

/**
 * The saved stories, newest saved first. Storage is the reader's device, not ours: entries that
 * are not saved stories (an older format, a hand edit) are left out, never shown broken.
 */
export function savedStories(text = readSavedText()): SavedStory[] {
  let list: unknown
  try {
    list = JSON.parse(text)
  } catch {
    return []
  }
  return Array.isArray(list) ? list.filter(isSavedStory) : []
}

/** Writes the list, and tells this tab's pages; throws when storage refuses (full, or off). */
function write(list: SavedStory[]) {
  localStorage.setItem(SAVED_KEY, JSON.stringify(list.slice(0, MAX_SAVED)))
  window.dispatchEvent(new Event(SAVED_EVENT))
}

/** Saves a story (first in the list), or unsaves it if it is saved. Returns whether it now is. */
export function toggleSaved(story: StoryToSave, now = new Date()): boolean {
  const list = savedStories()
  const at = list.findIndex((saved) => saved.slug === story.slug)
  if (at >= 0) {
    list.splice(at, 1)
    write(list)
    return false
  }
  const { slug, headline, standfirst, section, publishedAt } = story
  const savedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z')
  write([{ slug, headline, standfirst, section, publishedAt, savedAt }, ...list])
  return true
}

export function removeSaved(slug: string) {
  write(savedStories().filter((saved) => saved.slug !== slug))
}
