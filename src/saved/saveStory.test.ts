import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ArticleSummary } from '../content/schema'
import { isSaved, SAVED_EVENT, SAVED_KEY } from './savedList'
import { MAX_SAVED, removeSaved, savedStories, toggleSaved } from './saveStory'

const story = (slug: string): ArticleSummary => ({
  slug,
  headline: `Headline of ${slug}`,
  standfirst: 'A standfirst.',
  section: 'World',
  publishedAt: '2026-11-20T10:00:00Z',
})

afterEach(() => localStorage.clear())

describe('saved stories', () => {
  it('are saved newest first, and a second press unsaves', () => {
    toggleSaved(story('ferry'), new Date('2026-12-01T09:00:00Z'))
    toggleSaved(story('seawall'), new Date('2026-12-01T10:00:00Z'))
    expect(savedStories().map((s) => [s.slug, s.savedAt])).toEqual([
      ['seawall', '2026-12-01T10:00:00Z'],
      ['ferry', '2026-12-01T09:00:00Z'],
    ])
    expect(isSaved('ferry')).toBe(true)
    expect(toggleSaved(story('ferry'))).toBe(false)
    expect(isSaved('ferry')).toBe(false)
    expect(savedStories().map((s) => s.slug)).toEqual(['seawall'])
  })

  it('keep only the summary, not the whole story', () => {
    toggleSaved({ ...story('ferry'), body: ['long text'] } as ArticleSummary)
    expect(Object.keys(savedStories()[0] ?? {}).sort()).toEqual([
      'headline',
      'publishedAt',
      'savedAt',
      'section',
      'slug',
      'standfirst',
    ])
  })

  it('tell this tab’s pages when they change', () => {
    const heard = vi.fn()
    window.addEventListener(SAVED_EVENT, heard)
    toggleSaved(story('ferry'))
    removeSaved('ferry')
    window.removeEventListener(SAVED_EVENT, heard)
    expect(heard).toHaveBeenCalledTimes(2)
  })

  it('pass over anything stored that is not a saved story', () => {
    localStorage.setItem(
      SAVED_KEY,
      JSON.stringify([
        { ...story('good'), savedAt: '2026-12-01T10:00:00Z' },
        { slug: 'no-headline', savedAt: '2026-12-01T10:00:00Z' },
        { ...story('bad-date'), savedAt: 'yesterday' },
        null,
        'text',
      ]),
    )
    expect(savedStories().map((s) => s.slug)).toEqual(['good'])
    localStorage.setItem(SAVED_KEY, '{not json')
    expect(savedStories()).toEqual([])
    expect(isSaved('good')).toBe(false)
  })

  it(`keep at most ${MAX_SAVED}`, () => {
    for (let i = 0; i <= MAX_SAVED; i++) toggleSaved(story(`s${i}`))
    const list = savedStories()
    expect(list).toHaveLength(MAX_SAVED)
    expect(list[0]?.slug).toBe(`s${MAX_SAVED}`)
  })
})
