// Writes the feeds for a built site from its static API: the sitemap lists the pages the site map
// says it should (src/app/siteMap.ts, `sitemap`), the news sitemap and RSS the latest stories.
import { mkdir, readdir } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import { apiPaths } from '../../src/api/apiPaths'
import { paths } from '../../src/app/paths'
import { apiFileOf, pageOfFile, siteMap, type SiteMap } from '../../src/app/siteMap'
import {
  ArticlePageSchema,
  SectionStoriesPageSchema,
  type ArticleSummary,
  type Section,
} from '../../src/content/schema'
import { apiFileList } from '../lib/apiFiles'
import { readFile } from '../lib/fs'
import { ENCODINGS, removeServed, writeServed } from '../lib/served'
import { buildFeeds, pictureOf, type SitemapPage } from './feeds'

// By instant, not by string: "14:00+02:00" is earlier than "13:00Z".
const instant = (time: string | undefined) => (time && Date.parse(time)) || 0

/** A story's last change: its update, or its publication. */
export const lastChange = (story: ArticleSummary) => story.updatedAt ?? story.publishedAt

/**
 * The pages sitemaps list, from the files of the built API: each page a file makes, where its type
 * is listed (every page, or a list's first page only). In the site map's order of page types, then
 * newest first, then by address. A story's last change is its update or publication, the front
 * page's the latest of any story's.
 */
export function sitemapPages(
  apiFiles: Iterable<string>,
  stories: ArticleSummary[],
  map: SiteMap = siteMap,
): SitemapPage[] {
  // Each story by its page's address, found once (a hundred thousand of them).
  const storyAt = new Map(stories.map((s) => [paths.article(s.slug), s]))
  let newest: string | undefined
  for (const story of stories)
    if (newest === undefined || instant(lastChange(story)) > instant(newest))
      newest = lastChange(story)
  const front = paths.front()
  const typeOrder = Object.keys(map.pageTypes)
  const pages: (SitemapPage & { order: number; time: number })[] = []
  for (const file of apiFiles) {
    const page = pageOfFile(file, map)
    // A withdrawn story's address answers 410: no search engine should be sent there.
    if (!page || page.gone) continue
    const { name, params, route } = page
    const listed = map.pageTypes[name]?.sitemap
    // A list's first page is its file's page 1 (its route has no page number).
    const first = params.page === undefined || params.page === '1'
    if (listed !== 'every page' && !(listed === 'first page' && first)) continue
    const story = storyAt.get(route)
    const lastmod = story ? lastChange(story) : route === front ? newest : undefined
    pages.push({
      route,
      lastmod,
      image: story && pictureOf(story)?.path,
      // A story's part of a split sitemap: the month (UTC) it was published.
      part: story && `stories-${new Date(instant(story.publishedAt)).toISOString().slice(0, 7)}`,
      order: typeOrder.indexOf(name),
      // Parsed once, not at each of the sort's comparisons.
      time: instant(lastmod),
    })
  }
  return pages
    .sort(
      (a, b) =>
        a.order - b.order ||
        b.time - a.time ||
        (a.route < b.route ? -1 : a.route > b.route ? 1 : 0),
    )
    .map(({ route, lastmod, image, part }) => ({ route, lastmod, image, part }))
}

/** The site's sections, as the built API has them: each section's first page names it. */
async function sectionsOf(distDir: string, apiFiles: readonly string[]): Promise<Section[]> {
  const firstPages = apiFiles.filter((file) => {
    const found = apiFileOf(file)
    return found?.name === 'sectionStories' && found.params.page === '1'
  })
  const pages = await Promise.all(
    firstPages.map(async (file) =>
      v.parse(
        SectionStoriesPageSchema,
        JSON.parse(await readFile(path.join(distDir, 'api', file), 'utf8')),
      ),
    ),
  )
  return pages.map((page) => page.section)
}

export async function writeFeeds(distDir: string, origin: string, now = new Date()) {
  const api = path.join(distDir, 'api')
  const read = async (file: string) =>
    v.parse(ArticlePageSchema, JSON.parse(await readFile(path.join(api, file), 'utf8')))
  const first = await read(apiPaths.articleIndex(1))
  const stories: ArticleSummary[] = [...first.items]
  for (let n = 2; n <= first.totalPages; n++)
    stories.push(...(await read(apiPaths.articleIndex(n))).items)
  return writeFeedFiles(distDir, stories, await apiFileList(distDir), origin, now)
}

/**
 * Writes the feeds from what a rebuild has in memory: its stories (newest first) and the files of
 * its API.
 */
export async function writeFeedFiles(
  distDir: string,
  stories: ArticleSummary[],
  apiFiles: Iterable<string>,
  origin: string,
  now = new Date(),
) {
  const list = [...apiFiles]
  const { files } = buildFeeds(
    sitemapPages(list, stories),
    stories,
    origin,
    now,
    undefined,
    await sectionsOf(distDir, list),
  )
  // Each file whole, as a feed reader may be fetching it meanwhile; one whose bytes are the same is
  // left alone (a correction changes one part of a big sitemap, and the feeds of one section).
  const written: string[] = []
  for (const [name, text] of files) {
    const file = path.join(distDir, name)
    if ((await readFile(file, 'utf8').catch(() => undefined)) === text) continue
    await mkdir(path.dirname(file), { recursive: true })
    await writeServed(file, text)
    written.push(name)
  }
  // Parts of a bigger sitemap from an earlier build must not linger, nor their compressed copies.
  const parts = await readdir(path.join(distDir, 'sitemaps')).catch(() => [])
  for (const part of parts)
    if (!ENCODINGS.some((ext) => part.endsWith(ext)) && !files.has(`sitemaps/${part}`)) {
      await removeServed(path.join(distDir, 'sitemaps', part))
      written.push(`sitemaps/${part}`)
    }
  return { files: files.size, stories: stories.length, names: written }
}
