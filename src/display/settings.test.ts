import { afterEach, describe, expect, it } from 'vitest'
import { FIRST_PAINT_SCRIPT } from './firstPaint'
import { applyDisplay, readDisplay, saveDisplay, STORAGE_KEYS, type Display } from './settings'

const root = document.documentElement
afterEach(() => {
  localStorage.clear()
  delete root.dataset.theme
  delete root.dataset.textSize
})

describe('the reader’s display settings', () => {
  it('are the system theme and default size until the reader chooses', () => {
    expect(readDisplay(localStorage)).toEqual({ theme: 'system', textSize: 'default' })
  })

  it('come back as saved, on the next page and the next visit', () => {
    saveDisplay(localStorage, { theme: 'dark', textSize: 'larger' })
    expect(readDisplay(localStorage)).toEqual({ theme: 'dark', textSize: 'larger' })
    // The defaults are stored as nothing at all.
    saveDisplay(localStorage, { theme: 'system', textSize: 'default' })
    expect(localStorage.length).toBe(0)
  })

  it('fall back to the defaults for values they do not know, or storage that refuses', () => {
    localStorage.setItem(STORAGE_KEYS.theme, 'sepia')
    localStorage.setItem(STORAGE_KEYS.textSize, 'enormous')
    expect(readDisplay(localStorage)).toEqual({ theme: 'system', textSize: 'default' })
    const refusing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError')
      },
    }
    expect(readDisplay(refusing)).toEqual({ theme: 'system', textSize: 'default' })
  })

  it('show on the root element, absent for the defaults', () => {
    applyDisplay(root, { theme: 'light', textSize: 'small' })
    expect(root.dataset).toMatchObject({ theme: 'light', textSize: 'small' })
    applyDisplay(root, { theme: 'system', textSize: 'default' })
    expect(root.dataset.theme).toBeUndefined()
    expect(root.dataset.textSize).toBeUndefined()
  })
})

describe('the first-paint script', () => {
  const stored: [string | null, string | null][] = [
    [null, null],
    ['dark', 'largest'],
    ['light', 'small'],
    ['system', 'default'],
    ['sepia', 'enormous'],
    ['dark', null],
    [null, 'large'],
  ]
  it.each(stored)('sets what the app would for theme %s and size %s', (theme, textSize) => {
    if (theme !== null) localStorage.setItem(STORAGE_KEYS.theme, theme)
    if (textSize !== null) localStorage.setItem(STORAGE_KEYS.textSize, textSize)
    // The script is text by design (it goes into the page as it is): run that text.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the page's own script, a constant
    const run = new Function(FIRST_PAINT_SCRIPT) as () => void
    run()
    const painted = { theme: root.dataset.theme, textSize: root.dataset.textSize }
    delete root.dataset.theme
    delete root.dataset.textSize
    const display: Display = readDisplay(localStorage)
    applyDisplay(root, display)
    expect(painted).toEqual({ theme: root.dataset.theme, textSize: root.dataset.textSize })
  })
})
