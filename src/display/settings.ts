// How the reader likes the page: a theme and a text size, kept on the device. The page's first
// paint already has them (firstPaint.ts); the Display panel changes them (DisplaySettings.tsx).

export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

/** Steps of the root font size: everything set in rem (text, spacing, measure) follows. */
export const TEXT_SIZES = ['small', 'default', 'large', 'larger', 'largest'] as const
export type TextSize = (typeof TEXT_SIZES)[number]

export const STORAGE_KEYS = { theme: 'dispatch:theme', textSize: 'dispatch:text-size' } as const

export interface Display {
  theme: Theme
  textSize: TextSize
}

const oneOf = <T extends string>(
  list: readonly T[],
  value: string | null | undefined,
  fallback: T,
) => list.find((item) => item === value) ?? fallback

/** The reader's choices, or the defaults where storage is empty, unreadable or holds nonsense. */
export function readDisplay(storage: Pick<Storage, 'getItem'> | undefined): Display {
  const get = (key: string) => {
    try {
      return storage?.getItem(key)
    } catch {
      return null // storage refused, as in some private modes
    }
  }
  return {
    theme: oneOf(THEMES, get(STORAGE_KEYS.theme), 'system'),
    textSize: oneOf(TEXT_SIZES, get(STORAGE_KEYS.textSize), 'default'),
  }
}

/**
 * Shows the choices on the page: `data-theme` and `data-text-size` on the root element, absent
 * for the defaults (the system's theme, the default size), as the first-paint script sets them.
 */
export function applyDisplay(root: HTMLElement, display: Display) {
  if (display.theme === 'system') delete root.dataset.theme
  else root.dataset.theme = display.theme
  if (display.textSize === 'default') delete root.dataset.textSize
  else root.dataset.textSize = display.textSize
}

/** Keeps the choices for the next page and the next visit; the defaults are stored as nothing. */
export function saveDisplay(storage: Pick<Storage, 'setItem' | 'removeItem'>, display: Display) {
  try {
    if (display.theme === 'system') storage.removeItem(STORAGE_KEYS.theme)
    else storage.setItem(STORAGE_KEYS.theme, display.theme)
    if (display.textSize === 'default') storage.removeItem(STORAGE_KEYS.textSize)
    else storage.setItem(STORAGE_KEYS.textSize, display.textSize)
  } catch {
    // Storage full or refused: the choice still holds on this page.
  }
}
