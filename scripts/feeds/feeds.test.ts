// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { paths } from '../../src/app/paths'
import type { ArticleSummary } from '../../src/content/schema'
import { elementsNamed, parseXml, type XmlElement } from '../../src/test/xml'
import { buildFeeds, type SitemapLimits } from './feeds'
import { sitemapPages } from './site'

const story = (slug: string, publishedAt: string, headline = `Story ${slug}`): ArticleSummary => ({
  slug,
  headline,
  standfirst: `About ${slug} & more`,
  section: 'Cities',
  publishedAt,
})
const now = new Date('2026-11-27T12:00:00Z')
const stories = [
  story('ferry-deal', '2026-11-27T08:00:00Z', 'Ferry deal <agreed> at "last"'),
  story('seawall', '2026-11-25T13:00:00Z'),
  story('old-news', '2026-11-20T09:00:00Z'),
]
// The files of a small built API, in the order a folder listing might give them.
const apiFiles = [
  'entities/mara-quill/stories/2.json',
  'articles/seawall.json',
  'entities/mara-quill.json',
  'articles/index/2.json',
  'entities/mara-quill/stories/1.json',
  'articles/old-news.json',
  'articles/index/1.json',
  'articles/ferry-deal.json',
  'entities/abel-dusek/stories/1.json',
  'sections/cities/2.json',
  'front.json',
  'sections/cities/1.json',
  'authors/ada-brisk/1.json',
]
// The API's files with a story file for each story listed.
const feeds = (list = stories, limit?: number | SitemapLimits) => {
  const files = new Set([...apiFiles, ...list.map((s) => `articles/${s.slug}.json`)])
  return buildFeeds(sitemapPages(files, list), list, 'https://news.example', now, limit).files
}

describe('site feeds', () => {
  it('lists the front page, each list’s first page and every story newest first in the sitemap', () => {
    const sitemap = feeds().get('sitemap.xml') ?? ''
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])
    expect(locs).toEqual([
      'https://news.example/',
      'https://news.example/latest',
      'https://news.example/sections/cities',
      'https://news.example/authors/ada-brisk',
      'https://news.example/articles/ferry-deal',
      'https://news.example/articles/seawall',
      'https://news.example/articles/old-news',
      'https://news.example/entities/abel-dusek',
      'https://news.example/entities/mara-quill',
    ])
    // The front page changed with its newest story; each story with its publication.
    expect(sitemap).toContain(
      '<url><loc>https://news.example/</loc><lastmod>2026-11-27T08:00:00Z</lastmod></url>',
    )
    expect(sitemap).toContain('<lastmod>2026-11-25T13:00:00Z</lastmod>')
    expect(sitemap).toContain('<url><loc>https://news.example/entities/mara-quill</loc></url>')
  })

  it('splits the sitemap past the limit: the other pages, then each month’s stories', () => {
    const october = story('storm-season', '2026-10-31T23:30:00-02:00')
    const files = feeds([...stories, october], 2)
    expect(files.get('sitemap.xml')).toContain('<sitemapindex')
    const parts = [...files.keys()].filter((f) => f.startsWith('sitemaps/'))
    // Six other pages, two a part; three stories of November, and one published on the last
    // evening of October where it was written, November in UTC.
    expect(parts).toEqual([
      'sitemaps/pages.xml',
      'sitemaps/pages-2.xml',
      'sitemaps/pages-3.xml',
      'sitemaps/stories-2026-11.xml',
      'sitemaps/stories-2026-11-2.xml',
    ])
    const index = [...(files.get('sitemap.xml') ?? '').matchAll(/<loc>([^<]+)<\/loc>/g)]
    expect(index.map((m) => m[1])).toEqual(parts.map((p) => `https://news.example/${p}`))
    const locs = (part: string) =>
      [...(files.get(part) ?? '').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])
    expect([
      ...locs('sitemaps/stories-2026-11.xml'),
      ...locs('sitemaps/stories-2026-11-2.xml'),
    ]).toEqual([
      'https://news.example/articles/ferry-deal',
      'https://news.example/articles/seawall',
      'https://news.example/articles/old-news',
      'https://news.example/articles/storm-season',
    ])
    // A story of another month goes in a part of its own, after the newer months.
    const september = story('harvest', '2026-09-12T08:00:00Z')
    const more = feeds([...stories, september], 2)
    expect([...more.keys()].filter((f) => f.startsWith('sitemaps/stories-'))).toEqual([
      'sitemaps/stories-2026-11.xml',
      'sitemaps/stories-2026-11-2.xml',
      'sitemaps/stories-2026-09.xml',
    ])
  })

  it('splits a sitemap past the size it splits at, into parts as large as a part may be', () => {
    const one = feeds(stories, { part: 50, splitPast: 9 })
    expect(one.get('sitemap.xml')).toContain('<urlset')
    const split = feeds(stories, { part: 50, splitPast: 8 })
    expect(split.get('sitemap.xml')).toContain('<sitemapindex')
    expect([...split.keys()].filter((f) => f.startsWith('sitemaps/'))).toEqual([
      'sitemaps/pages.xml',
      'sitemaps/stories-2026-11.xml',
    ])
  })

  it('puts only the last two days in the news sitemap, with escaped titles', () => {
    const news = feeds().get('news-sitemap.xml') ?? ''
    expect(news).toContain('<news:title>Ferry deal &lt;agreed&gt; at &quot;last&quot;</news:title>')
    expect(news).toContain('/articles/seawall</loc>')
    expect(news).not.toContain('old-news')
  })

  it('writes an RSS 2.0 feed of the latest stories', () => {
    const rss = feeds().get('rss.xml') ?? ''
    expect(rss).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/)
    expect(rss.match(/<item>/g)).toHaveLength(3)
    expect(rss).toContain('<pubDate>Fri, 27 Nov 2026 08:00:00 GMT</pubDate>')
    expect(rss).toContain('<description>About seawall &amp; more</description>')
  })

  it('writes an RSS feed for each section, of its own stories', () => {
    const mixed = [...stories, { ...story('cup-final', '2026-11-26T18:00:00Z'), section: 'Sport' }]
    const files = feeds(mixed)
    const items = (name: string) => [...(files.get(name) ?? '').matchAll(/<item>/g)].length
    expect(items('rss.xml')).toBe(4)
    expect(items('sections/cities/rss.xml')).toBe(3)
    expect(items('sections/sport/rss.xml')).toBe(1)
    expect(files.get('sections/sport/rss.xml')).toContain('/articles/cup-final</link>')
    expect(files.get('sections/sport/rss.xml')).toContain(
      '<atom:link href="https://news.example/sections/sport/rss.xml" rel="self"',
    )
    // A section with nothing yet still has a valid, empty feed for readers to subscribe to.
    expect(items('sections/culture/rss.xml')).toBe(0)
    expect(files.get('sections/culture/rss.xml')).toContain('</channel></rss>')
  })

  it('dates an updated story by its update in the sitemap and the feed, and the site by the latest', () => {
    const [fresh, seawall, old] = stories as [ArticleSummary, ArticleSummary, ArticleSummary]
    const updated = [fresh, { ...seawall, updatedAt: '2026-11-27T10:30:00Z' }, old]
    const files = feeds(updated)
    const sitemap = files.get('sitemap.xml') ?? ''
    expect(sitemap).toContain(
      '<url><loc>https://news.example/</loc><lastmod>2026-11-27T10:30:00Z</lastmod></url>',
    )
    expect(sitemap).toContain(
      '<url><loc>https://news.example/articles/seawall</loc><lastmod>2026-11-27T10:30:00Z</lastmod></url>',
    )
    const rss = files.get('rss.xml') ?? ''
    expect(rss).toContain(
      '<pubDate>Wed, 25 Nov 2026 13:00:00 GMT</pubDate><atom:updated>2026-11-27T10:30:00Z</atom:updated>',
    )
    expect(rss).toContain('<lastBuildDate>Fri, 27 Nov 2026 10:30:00 GMT</lastBuildDate>')
    expect(rss.match(/<atom:updated>/g)).toHaveLength(1)
  })

  it('points robots.txt at the sitemaps', () => {
    expect(feeds().get('robots.txt')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://news.example/sitemap.xml\nSitemap: https://news.example/news-sitemap.xml\n',
    )
  })

  describe('a story with a picture', () => {
    const rendition = {
      name: 'ferry-crews-cheer-4f0c2a9b1e',
      width: 1280,
      height: 720,
      widths: [640, 1280],
    }
    const alt = 'Crews cheer the vote outside the union\'s hall & the "Kittiwake" <at night>'
    const [fresh, ...rest] = stories as [ArticleSummary, ...ArticleSummary[]]
    const pictured = [{ ...fresh, image: { alt, focus: { x: 0.5, y: 0.6 }, rendition } }, ...rest]
    // The largest JPEG: every crawler and feed reader can show it.
    const jpeg = paths.image(rendition, rendition.width, 'jpg')
    const files = feeds(pictured)
    const read = (name: string) => {
      const { errors, root } = parseXml(files.get(name) ?? '')
      expect(errors, name).toEqual([])
      return root
    }
    /** Where an absolute URL points on its site. */
    const pathOf = (url: string | undefined) => url && new URL(url).pathname
    const textOf = (element: XmlElement, name: string) =>
      elementsNamed(element, name).map((child) => child.text)
    /** Each page's pictures, by its address. */
    const imagesByPage = (root: XmlElement | undefined) =>
      new Map(
        elementsNamed(root, 'url').map((url) => [
          textOf(url, 'loc').join(''),
          textOf(url, 'image:loc'),
        ]),
      )

    it('names the picture of its page in the sitemap, and no other page’s', () => {
      const images = imagesByPage(read('sitemap.xml'))
      const story = 'https://news.example/articles/ferry-deal'
      expect(images.get(story)?.map(pathOf)).toEqual([jpeg])
      for (const [page, found] of images) if (page !== story) expect(found, page).toEqual([])
    })

    it('names it in the news sitemap too', () => {
      const images = imagesByPage(read('news-sitemap.xml'))
      expect(images.get('https://news.example/articles/ferry-deal')?.map(pathOf)).toEqual([jpeg])
      expect(images.get('https://news.example/articles/seawall')).toEqual([])
    })

    it('gives its RSS item a Media RSS picture with its size and alt text', () => {
      const items = elementsNamed(read('rss.xml'), 'item')
      const media = items.map((item) => elementsNamed(item, 'media:content'))
      expect(media.map((found) => found.length)).toEqual([1, 0, 0])
      const [content] = media[0] ?? []
      expect(content?.attributes).toMatchObject({
        medium: 'image',
        type: 'image/jpeg',
        width: String(rendition.width),
        height: String(rendition.height),
      })
      expect(pathOf(content?.attributes.url)).toBe(jpeg)
      // The words come back exactly as written, however they had to be escaped.
      expect(content && textOf(content, 'media:description')).toEqual([alt])
      // The section's own feed carries it as well.
      expect(elementsNamed(read('sections/cities/rss.xml'), 'media:content')).toHaveLength(1)
    })
  })
})
