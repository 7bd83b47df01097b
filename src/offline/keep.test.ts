import { describe, expect, it } from 'vitest'
import { apiFiles, pageTypeOf, pageTypes, pageUrl } from '../app/siteMap'
import {
  emptyState,
  entityPagesOf,
  isReadingMessage,
  keptFiles,
  keptKindOf,
  keptKinds,
  keptPages,
  keptWhole,
  opened,
  RECENT_LIMIT,
  type ReadingState,
} from './keep'

const ORIGIN = 'https://dispatch.example'
const API = 'https://dispatch.example/api/'
const api = (file: string) => new URL(file, API).href
const page = (path: string) => new URL(path, ORIGIN).href

describe('the pages kept offline', () => {
  // The service worker writes these out rather than load the site map: they must stay its own.
  it('are the site map’s pages, with the API files the site map declares for them', () => {
    const front = pageUrl('front')
    const story = pageUrl('story', { slug: 'ferry-strike' })
    const entity = pageUrl('entity', { id: 'port-ellery' })
    expect(keptFiles(front, ORIGIN, API)).toEqual([
      page(front),
      api(apiFiles[pageTypes.front.source].file.fill({})),
    ])
    expect(keptFiles(story, ORIGIN, API)).toEqual([
      page(story),
      api(apiFiles.article.file.fill({ slug: 'ferry-strike' })),
    ])
    expect(keptFiles(entity, ORIGIN, API)).toEqual([
      page(entity),
      api(apiFiles.entity.file.fill({ id: 'port-ellery' })),
      api(apiFiles.entityStories.file.fill({ id: 'port-ellery', page: '1' })),
    ])
    for (const path of [front, story, entity]) expect(keptKindOf(path)).toBe(pageTypeOf(path).name)
    expect(Object.keys(keptKinds)).toEqual(['front', 'story', 'entity'])
  })

  it('are no others: later list pages, search, saved (in the shell) and unknown addresses', () => {
    for (const path of ['/page/2', '/entities/port-ellery/page/2', '/search', '/saved', '/x/y'])
      expect(keptFiles(path, ORIGIN, API)).toEqual([])
  })

  it('are the same page with a trailing slash', () => {
    expect(keptFiles('/articles/ferry-strike/', ORIGIN, API)[0]).toBe(
      page('/articles/ferry-strike'),
    )
  })
})

describe('what a reader opened', () => {
  it('goes first, once, and the recent list keeps the last 20 stories and 20 entity pages', () => {
    let state: ReadingState = emptyState
    for (let i = 1; i <= RECENT_LIMIT + 5; i++) {
      state = opened(state, `/articles/story-${i}`)
      state = opened(state, `/entities/entity-${i}`)
    }
    state = opened(state, '/articles/story-10')
    const stories = state.recent.filter((p) => p.startsWith('/articles/'))
    const entities = state.recent.filter((p) => p.startsWith('/entities/'))
    expect(stories).toHaveLength(RECENT_LIMIT)
    expect(entities).toHaveLength(RECENT_LIMIT)
    expect(stories.slice(0, 3)).toEqual([
      '/articles/story-10',
      '/articles/story-25',
      '/articles/story-24',
    ])
    expect(stories).not.toContain('/articles/story-5')
    expect(entities.at(-1)).toBe('/entities/entity-6')
  })

  it('is not recorded for the front page or pages not kept', () => {
    expect(opened(emptyState, '/')).toBe(emptyState)
    expect(opened(emptyState, '/search')).toBe(emptyState)
  })

  it('is kept again when a page that had gone answers again', () => {
    const state = { ...emptyState, gone: ['/articles/back'] }
    expect(opened(state, '/articles/back')).toMatchObject({ recent: ['/articles/back'], gone: [] })
  })
})

describe('the pages to keep', () => {
  const state: ReadingState = {
    recent: ['/articles/read', '/entities/someone', '/articles/withdrawn'],
    saved: ['/articles/saved/', '/not-a-story'],
    gone: ['/articles/withdrawn'],
    build: 'b1',
  }
  it('are the front page, saved stories and the entity pages they link to, and the recent', () => {
    const kept = keptPages(state, (story) =>
      story === '/articles/saved' ? ['/entities/port-ellery'] : [],
    )
    expect(kept).toEqual([
      '/',
      '/articles/saved',
      '/entities/port-ellery',
      '/articles/read',
      '/entities/someone',
    ])
  })
})

describe('a story’s entity pages', () => {
  it('come from its API file’s entities, their ids made safe for a path', () => {
    expect(
      entityPagesOf({ entities: [{ id: 'port-ellery' }, { id: 'a/b' }, { id: '' }, {}, null] }),
    ).toEqual(['/entities/port-ellery', '/entities/a%2Fb'])
  })
  it('are none for a file that is not a story', () => {
    for (const file of [null, 'text', { entities: 'no' }, []])
      expect(entityPagesOf(file)).toEqual([])
  })
})

describe('a story kept whole', () => {
  const story = '/articles/ferry-strike'
  const storyFile = { entities: [{ id: 'port-ellery' }] }
  const cache = (urls: string[]) => (url: string) =>
    Promise.resolve(urls.includes(url) ? new Response(JSON.stringify(storyFile)) : undefined)
  const all = [...keptFiles(story, ORIGIN, API), ...keptFiles('/entities/port-ellery', ORIGIN, API)]

  it('has its page, its file and every entity page it links to', async () => {
    expect(await keptWhole(story, cache(all), ORIGIN, API)).toBe(true)
  })

  it('is not whole while any of them is missing', async () => {
    for (const missing of all)
      expect(
        await keptWhole(story, cache(all.filter((u) => u !== missing)), ORIGIN, API),
        missing,
      ).toBe(false)
  })
})

describe('messages from pages', () => {
  it('are reading reports: the page shown, if any, and the saved stories', () => {
    expect(isReadingMessage({ type: 'reading', page: '/', saved: ['/articles/a'] })).toBe(true)
    expect(isReadingMessage({ type: 'reading', saved: [] })).toBe(true)
    for (const bad of [null, 'reading', { type: 'reading' }, { type: 'reading', saved: [1] }])
      expect(isReadingMessage(bad)).toBe(false)
  })
})
