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
  type ArticlePage,
  SectionStoriesPageSchema,
  type ArticleSummary,
  type Section,
} from '../../src/content/schema'
import { apiFileList } from '../lib/apiFiles'
import { readFile } from '../lib/fs'
import { ENCODINGS, removeServed, writeServed } from '../lib/served'
import {
  buildFeeds,
  homeFeed,
  inNewsWindow,
  newsEntry,
  pictureOf,
  RSS_ITEMS,
  rssItem,
  rssText,
  sectionFeed,
  sectionFeedPath,
  limitsOf,
  SITEMAP_LIMIT,
  sitemapEntry,
  siteUrl,
  type SitemapLimits,
  type SitemapPage,
} from './feeds'

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
  // Page 1, then each older page in turn (page 1 has the newest; see paginate).
  const stories: ArticleSummary[] = []
  for (let n: number | undefined = 1; n !== undefined;) {
    const list = await read(apiPaths.articleIndex(n))
    stories.push(...list.items)
    n = list.older
  }
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
  limit: number | SitemapLimits = SITEMAP_LIMIT,
) {
  const list = [...apiFiles]
  const { files } = buildFeeds(
    sitemapPages(list, stories),
    stories,
    origin,
    now,
    limit,
    await sectionsOf(distDir, list),
  )
  // Each file whole, as a feed reader may be fetching it meanwhile; one whose bytes are the same is
  // left alone (a correction changes one part of a big sitemap, and the feeds of one section).
  const written: string[] = []
  for (const [name, text] of files) {
    const file = path.join(distDir, name)
    if ((await readFile(file, 'utf8').catch(() => undefined)) === text) continue
    await mkdir(path.dirname(file), { recursive: true })
    writeServed(file, text)
    written.push(name)
  }
  // Parts of a bigger sitemap from an earlier build must not linger, nor their compressed copies.
  const parts = await readdir(path.join(distDir, 'sitemaps')).catch(() => [])
  for (const part of parts)
    if (!ENCODINGS.some((ext) => part.endsWith(ext)) && !files.has(`sitemaps/${part}`)) {
      removeServed(path.join(distDir, 'sitemaps', part))
      written.push(`sitemaps/${part}`)
    }
  return { files: files.size, stories: stories.length, names: written }
}

/** A story edited in place (BuildReport.edited): its summary before and after. */
export interface EditedSummary {
  before: ArticleSummary
  after: ArticleSummary
}

/**
 * The feeds after stories were edited in place, each still published when and where it was: each
 * file that lists one gets its new entry, in the place its last change puts it, and no other file
 * is read. The news sitemap also loses the stories published more than two days before `now`. Exactly what writeFeedFiles would write (scripts/feeds/site.test.ts). Undefined when
 * an entry to replace is not where the last build put it, or the front page's last change could
 * be another story's: the caller makes the feeds whole again.
 */
export async function patchFeedFiles(
  distDir: string,
  edited: readonly EditedSummary[],
  origin: string,
  now = new Date(),
): Promise<string[] | undefined> {
  const { url, change, save, sections, layout } = await feedPatch(distDir, origin)
  if (!layout) return undefined
  const { entryOf, frontStart, pages } = layout
  const frontEntry = (lastmod: string | undefined) =>
    sitemapEntry({ route: paths.front(), lastmod }, url)

  for (const { before: was, after: edit } of edited) {
    if (was.publishedAt !== edit.publishedAt || was.section !== edit.section) return undefined
    const part = layout.partOf(edit)
    if (!part) return undefined
    const moved = await change(part, (lines) => {
      const at = lines.indexOf(entryOf(was))
      if (at < 0) return false
      lines.splice(at, 1)
      // Stories' entries (the entries with a last change, but the front page's) are by last
      // change, newest first, then by address: the new one goes where its own puts it.
      const time = instant(lastChange(edit))
      const entry = entryOf(edit)
      let to = -1
      let last = -1
      for (const [i, line] of lines.entries()) {
        const lastmod = /<lastmod>([^<]*)<\/lastmod>/.exec(line)?.[1]
        if (lastmod === undefined || line.startsWith(frontStart)) continue
        last = i
        const t = instant(lastmod)
        if (to < 0 && (t < time || (t === time && line > entry))) to = i
      }
      lines.splice(to >= 0 ? to : last >= 0 ? last + 1 : at, 0, entry)
      return true
    })
    if (!moved) return undefined
    // The front page's last change is the latest of any story's.
    const dated = await change(pages, (lines) => {
      const at = lines.findIndex((line) => line.startsWith(frontStart))
      const newest = /<lastmod>([^<]*)<\/lastmod>/.exec(lines[at] ?? '')?.[1]
      if (at < 0 || newest === undefined) return false
      const time = instant(lastChange(edit))
      const old = instant(lastChange(was))
      const latest = instant(newest)
      if (time > latest) lines[at] = frontEntry(lastChange(edit))
      // A tie between two ways of writing one time, or the latest change made earlier: which
      // story's is the latest is the whole sitemap's to say.
      else if (time === latest && lastChange(edit) !== newest) return false
      else if (old === latest && time < latest) return false
      return true
    })
    if (!dated) return undefined

    // The news sitemap and the RSS feeds: the story's entry, where one lists it.
    const section = sections.find((s) => s.name === edit.section)
    const feeds = ['rss.xml', ...(section ? [sectionFeedPath(section).slice(1)] : [])]
    for (const feed of feeds) {
      const ok = await change(feed, (lines) => {
        const at = lines.indexOf(rssItem(was, url))
        if (at < 0) return true
        lines[at] = rssItem(edit, url)
        // The feed last changed with its latest item's publication or update.
        const latest = Math.max(
          ...lines.flatMap((line) => {
            if (!line.startsWith('<item>')) return []
            const time =
              /<atom:updated>([^<]*)<\/atom:updated>/.exec(line)?.[1] ??
              /<pubDate>([^<]*)<\/pubDate>/.exec(line)?.[1]
            return [instant(time)]
          }),
        )
        const head = lines.findIndex((line) => line.includes('<lastBuildDate>'))
        if (head < 0) return false
        lines[head] = (lines[head] ?? '').replace(
          /<lastBuildDate>[^<]*<\/lastBuildDate>/,
          `<lastBuildDate>${new Date(latest).toUTCString()}</lastBuildDate>`,
        )
        return true
      })
      if (!ok) return undefined
    }
    const news = await change('news-sitemap.xml', (lines) => {
      const at = lines.indexOf(newsEntry(was, url))
      if (at >= 0) lines[at] = newsEntry(edit, url)
      return true
    })
    if (!news) return undefined
  }
  if (!(await ageNews(change, now))) return undefined
  return save()
}

/**
 * The sitemap as a patch finds it (undefined when there is none): whether it is split into parts,
 * the file with the front page's entry, the start of that entry's line, a story's entry, and the
 * file a story's entry is in: its month's part (one file while under the limit) or the whole;
 * undefined when its month runs on into a second part, which a patch would have to move entries
 * between.
 */
function sitemapLayout(sitemap: string | undefined, url: ReturnType<typeof siteUrl>) {
  if (sitemap === undefined) return undefined
  const split = sitemap.includes('<sitemapindex')
  return {
    sitemap,
    split,
    pages: split ? 'sitemaps/pages.xml' : 'sitemap.xml',
    frontStart: sitemapEntry({ route: paths.front(), lastmod: undefined }, url).replace(
      '</url>',
      '',
    ),
    entryOf: (story: ArticleSummary) =>
      sitemapEntry(
        {
          route: paths.article(story.slug),
          lastmod: lastChange(story),
          image: pictureOf(story)?.path,
        },
        url,
      ),
    partOf: (story: ArticleSummary) => {
      const month = new Date(instant(story.publishedAt)).toISOString().slice(0, 7)
      if (!split) return 'sitemap.xml'
      return sitemap.includes(url(`/sitemaps/stories-${month}-2.xml`))
        ? undefined
        : `sitemaps/stories-${month}.xml`
    },
  }
}

/** Feed files read once, changed line by line, and written whole when their bytes changed. */
function feedEditor(distDir: string) {
  const texts = new Map<string, string | undefined>()
  const read = async (name: string) => {
    if (!texts.has(name))
      texts.set(name, await readFile(path.join(distDir, name), 'utf8').catch(() => undefined))
    return texts.get(name)
  }
  const before = new Map<string, string | undefined>()
  const put = async (name: string, text: string) => {
    if (!before.has(name)) before.set(name, await read(name))
    texts.set(name, text)
  }
  /** Changes a file's lines; false when the file is missing or `edit` says it cannot. */
  const change = async (name: string, edit: (lines: string[]) => boolean) => {
    const text = await read(name)
    if (text === undefined) return false
    const lines = text.split('\n')
    if (!edit(lines)) return false
    await put(name, lines.join('\n'))
    return true
  }
  // Each changed file whole, as a feed reader may be fetching it meanwhile.
  const save = () => {
    const written: string[] = []
    for (const [name, text] of texts) {
      if (text === undefined || !before.has(name) || text === before.get(name)) continue
      writeServed(path.join(distDir, name), text)
      written.push(name)
    }
    return written.sort()
  }
  return { read, change, put, save }
}

type ChangeLines = ReturnType<typeof feedEditor>['change']

/** What a patch of the feeds starts from: the editor, the sections and the sitemap's layout. */
async function feedPatch(distDir: string, origin: string) {
  const url = siteUrl(origin)
  const editor = feedEditor(distDir)
  const sections = await sectionsListed(distDir)
  return { url, ...editor, sections, layout: sitemapLayout(await editor.read('sitemap.xml'), url) }
}

/** Stories leave the news sitemap two days after they were published (entries, not a story). */
const ageNews = (change: ChangeLines, now: Date) =>
  change('news-sitemap.xml', (lines) => {
    const kept = lines.filter((line) => {
      const published = /<news:publication_date>([^<]*)<\/news:publication_date>/.exec(line)?.[1]
      return published === undefined || inNewsWindow(published, now)
    })
    lines.splice(0, lines.length, ...kept)
    return true
  })

/** The sections, as stories name them: the front page's API file lists them all. */
async function sectionsListed(distDir: string) {
  const front = await readFile(path.join(distDir, 'api', apiPaths.front()), 'utf8')
  return (JSON.parse(front) as { sections: { id: string; name: string }[] }).sections
}

/**
 * The feeds after stories were withdrawn in place (BuildReport.withdrawn), with the API already
 * written: each story's sitemap entry goes, and each RSS feed that showed it is made again from its
 * list's first pages, which now lack it (the next story comes in at the end). Exactly what
 * writeFeedFiles would write (scripts/feeds/site.test.ts). Undefined when that cannot be told
 * from the files it reads: the front page's last change was the story's, a sitemap's parts would
 * change, the news sitemap is full. The caller then makes the feeds whole again.
 */
export async function withdrawFromFeeds(
  distDir: string,
  withdrawn: readonly ArticleSummary[],
  origin: string,
  now = new Date(),
  limit: number | SitemapLimits = SITEMAP_LIMIT,
): Promise<string[] | undefined> {
  const { url, read, change, put, save, sections, layout } = await feedPatch(distDir, origin)
  if (!layout) return undefined
  const { sitemap, split, frontStart } = layout
  const urls = (text: string | undefined) => text?.match(/^<url>/gm)?.length ?? 0
  const feeds = new Map<string, (page: number) => string>()

  for (const story of withdrawn) {
    const entry = layout.entryOf(story)
    const part = layout.partOf(story)
    if (!part) return undefined
    const gone = await change(part, (lines) => {
      const at = lines.indexOf(entry)
      if (at < 0) return false
      lines.splice(at, 1)
      return true
    })
    // A part left empty leaves the sitemap's index.
    if (!gone || (split && urls(await read(part)) === 0)) return undefined
    // The front page's last change stays, unless it was this story's.
    const pages = await read(layout.pages)
    const front = pages?.split('\n').find((line) => line.startsWith(frontStart))
    const newest = /<lastmod>([^<]*)<\/lastmod>/.exec(front ?? '')?.[1]
    if (newest === undefined || instant(lastChange(story)) >= instant(newest)) return undefined

    // The feeds that show it, made again below.
    const item = rssItem(story, url)
    if ((await read('rss.xml'))?.includes(item)) feeds.set(homeFeed.path, apiPaths.articleIndex)
    const section = sections.find((s) => s.name === story.section)
    if (!section) return undefined
    const feed = sectionFeedPath(section)
    if ((await read(feed.slice(1)))?.includes(item))
      feeds.set(feed, (page) => apiPaths.sectionStories(section.id, page))

    const news = newsEntry(story, url)
    const listed = await change('news-sitemap.xml', (lines) => {
      const at = lines.indexOf(news)
      // A full news sitemap would take in the next story: the whole feeds' to say.
      if (at >= 0 && lines.filter((line) => line.startsWith('<url>')).length >= 1000) return false
      if (at >= 0) lines.splice(at, 1)
      return true
    })
    if (!listed) return undefined
  }
  // Still split: as many pages as before, one fewer each.
  if (split) {
    const parts = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) =>
      new URL(match[1] ?? '').pathname.slice(1),
    )
    let total = 0
    for (const part of parts) total += urls(await read(part))
    if (total <= limitsOf(limit).splitPast) return undefined
  }

  if (!(await remakeFeeds(distDir, feeds, sections, url, put))) return undefined
  if (!(await ageNews(change, now))) return undefined
  return save()
}

/**
 * RSS feeds made again (`feeds`: each feed's path and its list's page files), each from its
 * newest stories in its list's pages as the API has them now; false when a page cannot be read.
 */
async function remakeFeeds(
  distDir: string,
  feeds: ReadonlyMap<string, (page: number) => string>,
  sections: readonly { id: string; name: string }[],
  url: ReturnType<typeof siteUrl>,
  put: (name: string, text: string) => Promise<void>,
) {
  for (const [feedPath, pageFile] of feeds) {
    const stories: ArticleSummary[] = []
    for (let page: number | undefined = 1; page && stories.length < RSS_ITEMS;) {
      const text: string | undefined = await readFile(
        path.join(distDir, 'api', pageFile(page)),
        'utf8',
      ).catch(() => undefined)
      if (text === undefined) return false
      const list: ArticlePage = v.parse(ArticlePageSchema, JSON.parse(text))
      stories.push(...list.items)
      page = list.older
    }
    const section = sections.find((s) => sectionFeedPath(s) === feedPath)
    const feed = section ? await sectionFeedOf(distDir, section.id) : homeFeed
    if (!feed) return false
    await put(feedPath.slice(1), rssText(feed, stories, url))
  }
  return true
}

/**
 * The feeds after stories were published in place (BuildReport.published, oldest first, each
 * newer than every story before it), with the API already written: each story's sitemap entry
 * goes where its last change puts it, the front page's last change moves to it, the news sitemap
 * lists it first, and the RSS feeds of every story and of its section are made again from their
 * lists' page 1. Exactly what writeFeedFiles would write (scripts/feeds/site.test.ts). Undefined
 * when that cannot be told from the files it reads (a sitemap part it would start or split, the
 * news sitemap full): the caller then makes the feeds whole again.
 */
export async function publishToFeeds(
  distDir: string,
  published: readonly ArticleSummary[],
  origin: string,
  now = new Date(),
  limit: number | SitemapLimits = SITEMAP_LIMIT,
): Promise<string[] | undefined> {
  const { url, read, change, put, save, sections, layout } = await feedPatch(distDir, origin)
  if (!layout) return undefined
  const { sitemap, split, frontStart, entryOf } = layout
  const urls = (text: string | undefined) => text?.match(/^<url>/gm)?.length ?? 0
  const feeds = new Map<string, (page: number) => string>()
  for (const story of published) {
    const part = layout.partOf(story)
    // A month's first story starts a part, and the sitemap's index with it; a part at its limit,
    // or the one sitemap at the size it splits past, would be split.
    if (!part || (split && !sitemap.includes(url(`/${part}`)))) return undefined
    const { part: partSize, splitPast } = limitsOf(limit)
    if (urls(await read(part)) + 1 > (split ? partSize : splitPast)) return undefined
    const time = instant(lastChange(story))
    const entry = entryOf(story)
    const placed = await change(part, (lines) => {
      if (lines.includes(entry)) return false
      // Stories' entries are by last change, newest first, then by address (see patchFeedFiles).
      let to = -1
      let last = -1
      for (const [i, line] of lines.entries()) {
        const lastmod = /<lastmod>([^<]*)<\/lastmod>/.exec(line)?.[1]
        if (lastmod === undefined || line.startsWith(frontStart)) continue
        last = i
        const t = instant(lastmod)
        if (to < 0 && (t < time || (t === time && line > entry))) to = i
      }
      if (to < 0 && last < 0) return false
      lines.splice(to >= 0 ? to : last + 1, 0, entry)
      return true
    })
    if (!placed) return undefined
    // The front page's last change is the latest of any story's.
    const dated = await change(layout.pages, (lines) => {
      const at = lines.findIndex((line) => line.startsWith(frontStart))
      const newest = /<lastmod>([^<]*)<\/lastmod>/.exec(lines[at] ?? '')?.[1]
      if (at < 0 || newest === undefined) return false
      const latest = instant(newest)
      if (time > latest)
        lines[at] = sitemapEntry({ route: paths.front(), lastmod: lastChange(story) }, url)
      else if (time === latest && lastChange(story) !== newest) return false
      return true
    })
    if (!dated) return undefined

    // The news sitemap lists the newest first, a thousand at most.
    if (inNewsWindow(story.publishedAt, now)) {
      const listed = await change('news-sitemap.xml', (lines) => {
        const first = lines.findIndex((line) => line.startsWith('<url>'))
        const end = lines.indexOf('</urlset>')
        if (end < 0 || lines.filter((line) => line.startsWith('<url>')).length >= 1000) return false
        lines.splice(first >= 0 ? first : end, 0, newsEntry(story, url))
        return true
      })
      if (!listed) return undefined
    }
    const section = sections.find((s) => s.name === story.section)
    if (!section) return undefined
    feeds.set(homeFeed.path, apiPaths.articleIndex)
    feeds.set(sectionFeedPath(section), (page) => apiPaths.sectionStories(section.id, page))
  }
  if (!(await remakeFeeds(distDir, feeds, sections, url, put))) return undefined
  if (!(await ageNews(change, now))) return undefined
  return save()
}

/** A section's feed as its first page of stories describes the section. */
async function sectionFeedOf(distDir: string, id: string) {
  const text = await readFile(
    path.join(distDir, 'api', apiPaths.sectionStories(id, 1)),
    'utf8',
  ).catch(() => undefined)
  return text === undefined
    ? undefined
    : sectionFeed(v.parse(SectionStoriesPageSchema, JSON.parse(text)).section)
}
