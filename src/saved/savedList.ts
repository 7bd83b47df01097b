// Saved stories live on this device, in localStorage under one key: a JSON list, newest saved
// first (docs/decisions/020). This part is in every page's script, so it only reads whether a
// story is saved, kept in step across tabs. Saving, and reading the list whole, is
// src/saved/saveStory.ts, loaded when first used.

export const SAVED_KEY = 'dispatch.saved'
/** Fired on the window when this tab changes the list (other tabs hear a `storage` event). */
export const SAVED_EVENT = 'dispatch:saved'

/** The stored list as text; none when storage is missing or refused (private modes, policies). */
export function readSavedText(): string {
  try {
    return localStorage.getItem(SAVED_KEY) ?? '[]'
  } catch {
    return '[]'
  }
}

export function subscribeSaved(onChange: () => void) {
  window.addEventListener('storage', onChange)
  window.addEventListener(SAVED_EVENT, onChange)
  return () => {
    window.removeEventListener('storage', onChange)
    window.removeEventListener(SAVED_EVENT, onChange)
  }
}

/**
 * Whether a story is saved: its slug as the saving code writes it, found in the stored list.
 * Looked for as text, with no parse: this runs for every Save button on every page, and a list
 * damaged by hand at worst shows a button pressed (the saved page reads the list properly).
 */
export const isSaved = (slug: string) => readSavedText().includes(`"slug":${JSON.stringify(slug)}`)
