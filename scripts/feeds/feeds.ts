// Sitemaps, the Google News sitemap, the RSS feed and robots.txt, made from story summaries.
import { paths } from '../../src/app/paths'
import { sections as siteSections } from '../../src/app/sections'
import { SITE_DESCRIPTION, SITE_LANG, SITE_NAME } from '../../src/app/site'
import type { ArticleSummary, Section } from '../../src/content/schema'
import { escapeMarkup } from '../lib/markup'

/**
 * How the sitemap is cut: into parts (other pages, then each month's stories) once it lists more
 * than `splitPast` pages, each part at most `part` (the sitemaps protocol's most for one file).
 * Split well before that: a 40,000-story site's one sitemap, about 43,000 entries, took 191-419
 * ms of each edit's refresh to rewrite with its compressed copies, a month's part 29-49 ms at
 * 100,000 stories (docs/decisions/070, 073). A number is both (the tests' small sitemaps).
 */
export interface SitemapLimits {
  readonly part: number
  readonly splitPast: number
}
export const SITEMAP_LIMIT: SitemapLimits = { part: 50_000, splitPast: 10_000 }
export const limitsOf = (limit: number | SitemapLimits): SitemapLimits =>
  typeof limit === 'number' ? { part: limit, splitPast: limit } : limit
const NEWS_WINDOW_MS = 2 * 86_400_000

/** Whether the news sitemap lists a story published then: in the two days before `now`. */
export const inNewsWindow = (publishedAt: string, now: Date) => {
  const age = now.getTime() - new Date(publishedAt).getTime()
  return age >= 0 && age <= NEWS_WINDOW_MS
}
export const RSS_ITEMS = 50

const xml = escapeMarkup

/** A page a sitemap lists: its address, and when it last changed where known. */
export interface SitemapPage {
  route: string
  lastmod?: string | undefined
  /** The page's picture (a story's lead image), as a path on the site. */
  image?: string | undefined
  /**
   * The part of a split sitemap it goes in (`pages` without one): a story's is the month it was
   * published, so a change to one story rewrites one part, and a new story the newest month's.
   */
  part?: string | undefined
}

/** A story's lead image for feeds and sitemaps, when it has one: its largest JPEG, by path. */
export function pictureOf(story: ArticleSummary) {
  if (!story.image) return undefined
  const { rendition, alt } = story.image
  const path = paths.image(rendition, rendition.width, 'jpg')
  return { path, width: rendition.width, height: rendition.height, alt }
}

const IMAGE_NS = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
const imageTag = (url: string) => `<image:image><image:loc>${xml(url)}</image:loc></image:image>`

/** A page's entry in a sitemap; `url` makes an address whole. */
export const sitemapEntry = (page: SitemapPage, url: (path: string) => string) =>
  `<url><loc>${xml(url(page.route))}</loc>${page.lastmod ? `<lastmod>${page.lastmod}</lastmod>` : ''}${page.image ? imageTag(url(page.image)) : ''}</url>`

/** A story's entry in the news sitemap. */
export const newsEntry = (s: ArticleSummary, url: (path: string) => string) => {
  const picture = pictureOf(s)
  return `<url><loc>${xml(url(paths.article(s.slug)))}</loc><news:news><news:publication><news:name>${SITE_NAME}</news:name><news:language>en</news:language></news:publication><news:publication_date>${s.publishedAt}</news:publication_date><news:title>${xml(s.headline)}</news:title></news:news>${picture ? imageTag(url(picture.path)) : ''}</url>`
}

/** A story's item in an RSS feed. */
export const rssItem = (s: ArticleSummary, url: (path: string) => string) => {
  const link = xml(url(paths.article(s.slug)))
  // RSS 2.0 has no element for an update: Atom's, which feed readers know, says when it was.
  const updated = s.updatedAt ? `<atom:updated>${s.updatedAt}</atom:updated>` : ''
  // Media RSS, which feed readers show as the item's picture.
  const picture = pictureOf(s)
  const media = picture
    ? `<media:content url="${xml(url(picture.path))}" medium="image" type="image/jpeg" width="${picture.width}" height="${picture.height}"><media:description type="plain">${xml(picture.alt)}</media:description></media:content>`
    : ''
  return `<item><title>${xml(s.headline)}</title><link>${link}</link><guid isPermaLink="true">${link}</guid><pubDate>${new Date(s.publishedAt).toUTCString()}</pubDate>${updated}<category>${xml(s.section)}</category><description>${xml(s.standfirst)}</description>${media}</item>`
}

/** Where a file of the site is, from its path: `origin` with the path. */
export const siteUrl = (origin: string) => (path: string) => new URL(path, `${origin}/`).href

export interface SiteFeeds {
  /** File name (relative to the site root) -> contents. */
  files: Map<string, string>
}

/** Where a section's RSS feed lives, beside its front. */
export const sectionFeedPath = (section: Pick<Section, 'id'>) =>
  `${paths.section(section.id)}/rss.xml`

/**
 * `pages` for the sitemap (which ones is the site map's choice: see scripts/feeds/site.ts);
 * `stories` newest first, for the news sitemap and the RSS feeds (the site's, and one a section).
 * `now` is when the site is built: the news sitemap lists only the stories of the two days before.
 */
/** An RSS feed: where it is, what it is called, and the page it follows. */
export interface RssFeed {
  path: string
  title: string
  home: string
  description: string
}

/** The feed of every story. */
export const homeFeed: RssFeed = {
  path: '/rss.xml',
  title: SITE_NAME,
  home: '/',
  description: SITE_DESCRIPTION,
}

/** A section's feed. */
export const sectionFeed = (section: Section): RssFeed => ({
  path: sectionFeedPath(section),
  title: `${SITE_NAME}: ${section.name}`,
  home: paths.section(section.id),
  description: section.description,
})

/** A feed's file: its newest RSS_ITEMS stories of `list` (newest first). */
export function rssText(
  feed: RssFeed,
  list: readonly ArticleSummary[],
  url: ReturnType<typeof siteUrl>,
) {
  const shown = list.slice(0, RSS_ITEMS)
  // The feed last changed with its newest story, or the latest update to any story in it.
  const latest = Math.max(...shown.map((s) => Date.parse(s.updatedAt ?? s.publishedAt)))
  const items = shown.map((s) => rssItem(s, url))
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><channel>\n` +
    `<title>${xml(feed.title)}</title><link>${xml(url(feed.home))}</link><description>${xml(feed.description)}</description>` +
    `<language>${SITE_LANG.toLowerCase()}</language>` +
    (shown.length === 0 ? '' : `<lastBuildDate>${new Date(latest).toUTCString()}</lastBuildDate>`) +
    `<atom:link href="${xml(url(feed.path))}" rel="self" type="application/rss+xml"/>\n${items.join('\n')}${items.length ? '\n' : ''}</channel></rss>\n`
  )
}

export function buildFeeds(
  pages: SitemapPage[],
  stories: ArticleSummary[],
  origin: string,
  now: Date,
  limit: number | SitemapLimits = SITEMAP_LIMIT,
  sections: readonly Section[] = siteSections,
): SiteFeeds {
  const { part: partSize, splitPast } = limitsOf(limit)
  const url = siteUrl(origin)
  const files = new Map<string, string>()

  const entries = pages.map((page) => sitemapEntry(page, url))
  const urlset = (list: string[]) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ${IMAGE_NS}>\n${list.join('\n')}\n</urlset>\n`
  if (entries.length <= splitPast) {
    files.set('sitemap.xml', urlset(entries))
  } else {
    // Parts by kind: the site's other pages, then each month's stories, newest first; a part past
    // the limit goes on in `<part>-2.xml`, and so on.
    const byPart = new Map<string, string[]>()
    pages.forEach((page, i) => {
      const part = page.part ?? 'pages'
      let list = byPart.get(part)
      if (!list) byPart.set(part, (list = []))
      list.push(entries[i] ?? '')
    })
    const order = [...byPart.keys()].sort((a, b) =>
      a === 'pages' ? -1 : b === 'pages' ? 1 : a < b ? 1 : a > b ? -1 : 0,
    )
    const index: string[] = []
    for (const part of order) {
      const list = byPart.get(part) ?? []
      for (let i = 0; i * partSize < list.length; i++) {
        const name = `sitemaps/${part}${i === 0 ? '' : `-${i + 1}`}.xml`
        files.set(name, urlset(list.slice(i * partSize, (i + 1) * partSize)))
        index.push(`<sitemap><loc>${xml(url(`/${name}`))}</loc></sitemap>`)
      }
    }
    files.set(
      'sitemap.xml',
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index.join('\n')}\n</sitemapindex>\n`,
    )
  }

  const recent = stories.filter((s) => inNewsWindow(s.publishedAt, now))
  files.set(
    'news-sitemap.xml',
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" ${IMAGE_NS}>\n` +
      recent
        .slice(0, 1000)
        .map((s) => newsEntry(s, url))
        .join('\n') +
      `${recent.length ? '\n' : ''}</urlset>\n`,
  )

  const rss = (feed: RssFeed, list: readonly ArticleSummary[]) =>
    files.set(feed.path.slice(1), rssText(feed, list, url))
  rss(homeFeed, stories)
  for (const section of sections)
    rss(
      sectionFeed(section),
      stories.filter((s) => s.section === section.name),
    )

  files.set(
    'robots.txt',
    `User-agent: *\nAllow: /\n\nSitemap: ${url('/sitemap.xml')}\nSitemap: ${url('/news-sitemap.xml')}\n`,
  )
  return { files }
}
