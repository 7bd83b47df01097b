// @vitest-environment node
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ArticleSummary, Section } from '../../src/content/schema'
import { writeFeedFiles } from './site'

const cities: Section = { id: 'cities', name: 'Cities', description: 'Life in the cities.' }
const sport: Section = { id: 'sport', name: 'Sport', description: 'Games and the people in them.' }
const story = (slug: string, section: Section, publishedAt: string): ArticleSummary => ({
  slug,
  headline: `Story ${slug}`,
  standfirst: `About ${slug}`,
  section: section.name,
  publishedAt,
})
const now = new Date('2026-11-27T12:00:00Z')

describe('writing the feeds into a built site', () => {
  let dist: string
  beforeEach(async () => {
    dist = await mkdtemp(path.join(os.tmpdir(), 'dispatch-feeds-'))
    // Each section's first page names it: the feeds find the sections there.
    for (const section of [cities, sport]) {
      await mkdir(path.join(dist, 'api', 'sections', section.id), { recursive: true })
      await writeFile(
        path.join(dist, 'api', 'sections', section.id, '1.json'),
        JSON.stringify({ section, page: 1, totalPages: 1, items: [] }),
      )
    }
  })
  afterEach(() => rm(dist, { recursive: true, force: true }))

  const stories = [
    story('quay-reopens', cities, '2026-11-27T08:00:00Z'),
    story('cup-final', sport, '2026-11-26T18:00:00Z'),
  ]
  const files = (list: ArticleSummary[]) => [
    'front.json',
    'sections/cities/1.json',
    'sections/sport/1.json',
    ...list.map((s) => `articles/${s.slug}.json`),
  ]

  it('rewrites only the feeds whose bytes change, and names them', async () => {
    const first = await writeFeedFiles(dist, stories, files(stories), 'https://news.example', now)
    expect(first.names).toEqual(
      expect.arrayContaining(['sitemap.xml', 'rss.xml', 'sections/sport/rss.xml']),
    )
    const sportFeed = path.join(dist, 'sections', 'sport', 'rss.xml')
    const before = await stat(sportFeed)

    // The Cities story is corrected: its section's feeds change, Sport's do not.
    const corrected = [{ ...stories[0], updatedAt: '2026-11-27T11:00:00Z' } as ArticleSummary]
    const next = [...corrected, ...stories.slice(1)]
    const second = await writeFeedFiles(dist, next, files(next), 'https://news.example', now)
    expect(second.names.sort()).toEqual(['rss.xml', 'sections/cities/rss.xml', 'sitemap.xml'])
    expect((await stat(sportFeed)).mtimeMs).toBe(before.mtimeMs)
    expect(await readFile(path.join(dist, 'sitemap.xml'), 'utf8')).toContain(
      '<lastmod>2026-11-27T11:00:00Z</lastmod>',
    )

    // Nothing changed: nothing written.
    expect(
      (await writeFeedFiles(dist, next, files(next), 'https://news.example', now)).names,
    ).toEqual([])
  })
})
