// The site map against what the build really writes: every API file is one the app declares (and
// so can request) and parses with its schema, and every page type made by a file is prerendered.
import { rm } from 'node:fs/promises'
import { describe, expect, it, onTestFinished } from 'vitest'
import { pageTypeOf, pageUrl, routeOf, siteMap, template } from '../../src/app/siteMap'
import { listRoutes } from './site'
import { builtApi, siteMapProblems } from './siteMapCheck'

describe('path templates', () => {
  it('fill and match both ways', () => {
    const stories = template('entities/:id/stories/:page.json')
    expect(stories.fill({ id: 'port-ellery', page: '2' })).toBe(
      'entities/port-ellery/stories/2.json',
    )
    expect(stories.match('entities/port-ellery/stories/2.json')).toEqual({
      id: 'port-ellery',
      page: '2',
    })
    expect(stories.match('entities/port-ellery.json')).toBeUndefined()
    expect(() => stories.fill({ id: 'x' })).toThrow('no value for :page')
  })
})

describe('the type of page at an address', () => {
  it('is found by the route patterns, with their parameters', () => {
    expect(pageTypeOf('/')).toEqual({ name: 'front', params: {} })
    expect(pageTypeOf('/latest/page/2')).toEqual({ name: 'latest', params: { page: '2' } })
    expect(pageTypeOf('/sections/world')).toEqual({ name: 'section', params: { id: 'world' } })
    expect(pageTypeOf('/authors/ilse-varga/page/2')).toEqual({
      name: 'author',
      params: { id: 'ilse-varga', page: '2' },
    })
    expect(pageTypeOf('/articles/ferry-strike/')).toEqual({
      name: 'story',
      params: { slug: 'ferry-strike' },
    })
    expect(pageTypeOf('/entities/port-ellery/page/3')).toEqual({
      name: 'entity',
      params: { id: 'port-ellery', page: '3' },
    })
  })

  it('is the not-found page for anything else', () => {
    expect(pageTypeOf('/no-such-page').name).toBe('notFound')
    expect(pageTypeOf('/articles/a/b').name).toBe('notFound')
    expect(pageTypeOf('/articles/%E0').name).toBe('notFound')
  })
})

describe('the address of a page', () => {
  it('fills the route whose parameters are given; a list’s first page has no number', () => {
    expect(pageUrl('front')).toBe('/')
    expect(pageUrl('latest', { page: '1' })).toBe('/latest')
    expect(pageUrl('latest', { page: '4' })).toBe('/latest/page/4')
    expect(pageUrl('entity', { id: 'port-ellery', page: '2' })).toBe('/entities/port-ellery/page/2')
    expect(pageUrl('story', { slug: 'a b/c' })).toBe('/articles/a%20b%2Fc')
  })

  it('refuses parameters no route of the type has', () => {
    expect(() => pageUrl('story', { id: 'x' })).toThrow(
      'the story page has no route with parameters "id"',
    )
  })
})

describe('the page that shows an API file', () => {
  it('is the front page, a list, a story or an entity page, by the file', () => {
    expect(routeOf('front.json')).toBe('/')
    expect(routeOf('articles/index/1.json')).toBe('/latest')
    expect(routeOf('articles/index/3.json')).toBe('/latest/page/3')
    expect(routeOf('sections/world/1.json')).toBe('/sections/world')
    expect(routeOf('authors/ilse-varga/2.json')).toBe('/authors/ilse-varga/page/2')
    expect(routeOf('articles/ferry-strike.json')).toBe('/articles/ferry-strike')
    expect(routeOf('entities/port-ellery/stories/1.json')).toBe('/entities/port-ellery')
    expect(routeOf('entities/port-ellery/stories/2.json')).toBe('/entities/port-ellery/page/2')
  })

  it('is none for an entity’s own file, a file the map does not know, or page 0', () => {
    expect(routeOf('entities/port-ellery.json')).toBeUndefined()
    expect(routeOf('articles/index/0.json')).toBeUndefined()
    expect(routeOf('articles/index/one.json')).toBeUndefined()
    expect(routeOf('feeds/latest.json')).toBeUndefined()
  })
})

describe('the built API and the site map', () => {
  // A fresh checkout makes every picture's renditions in the first build: a ceiling for that.
  it('agree on what the build writes and prerenders, both ways', { timeout: 180_000 }, async () => {
    const { distDir, written } = await builtApi()
    onTestFinished(() => rm(distDir, { recursive: true, force: true }))
    expect(written.size).toBeGreaterThan(0)
    expect(siteMapProblems(siteMap, written, await listRoutes(distDir))).toEqual([])
  })
})
