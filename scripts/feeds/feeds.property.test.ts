// @vitest-environment node
// The feeds on generated stories (src/test/arbitraries.ts), each first through the contract as the
// content build takes it. Every file must be well-formed XML 1.0 to a strict parser (saxes, which
// refuses a character XML forbids, a bare `&` or `<`, and `]]>` in text), and what a feed reader
// gets back from it must be the story's own words. Documents here: 500 feeds of 4 = 2,000.
import fc from 'fast-check'
import { SaxesParser } from 'saxes'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ArticleSchema, type ArticleSummary } from '../../src/content/schema'
import { counted, documents, timeLimit, validArticle } from '../../src/test/arbitraries'
import { summarize } from '../content/build'
import { buildFeeds } from './feeds'
import { sitemapPages } from './site'

const ORIGIN = 'https://news.example'
const DAY_MS = 86_400_000

interface Parsed {
  errors: string[]
  /** The text of each element, by its path from the root: `rss/channel/item/title`. */
  texts: Map<string, string[]>
}

/** Parses `xml` strictly, with namespaces, collecting every error and each element's text. */
function parseXml(xml: string): Parsed {
  const parser = new SaxesParser({ xmlns: true })
  const errors: string[] = []
  const texts = new Map<string, string[]>()
  const open: { path: string; text: string }[] = []
  parser.on('error', (error) => errors.push(error.message))
  parser.on('opentag', (tag) => {
    const parent = open.at(-1)
    open.push({ path: parent ? `${parent.path}/${tag.name}` : tag.name, text: '' })
  })
  parser.on('text', (text) => {
    const current = open.at(-1)
    if (current) current.text += text
  })
  parser.on('closetag', () => {
    const done = open.pop()
    if (done) texts.set(done.path, [...(texts.get(done.path) ?? []), done.text])
  })
  parser.write(xml).close()
  return { errors, texts }
}

// XML parsers turn CR LF and a lone CR into LF (XML 1.0, 2.11), so a feed reader gets that.
const asXmlReads = (text: string) => text.replace(/\r\n?/g, '\n')

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const RFC_1123 = /^([A-Z][a-z]{2}), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/

/**
 * The instant an RSS date names, read strictly as RFC 1123 (a four-digit year, the right weekday),
 * or the text itself when it is not one. Not Date.parse, which reads year 0001 as 2001.
 */
function rssDate(text: string): number | string {
  const [, weekday, day, month, year, hour, minute, second] = RFC_1123.exec(text) ?? []
  const date = new Date(0)
  date.setUTCFullYear(Number(year), MONTHS.indexOf(month ?? ''), Number(day))
  date.setUTCHours(Number(hour), Number(minute), Number(second))
  return weekday === WEEKDAYS[date.getUTCDay()] && !Number.isNaN(date.getTime())
    ? date.getTime()
    : text
}

const byInstant = (a: ArticleSummary, b: ArticleSummary) =>
  Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.slug.localeCompare(b.slug)

describe('the feeds, on generated stories', () => {
  it('are checked by a parser that refuses what XML forbids', () => {
    const bad = ['<a>\u000B</a>', '<a>\uFFFE</a>', '<a>\uD800</a>', '<a>x & y</a>', '<a>x < y</a>']
    for (const xml of [...bad, '<a>]]></a>', '<a><b></a>'])
      expect(parseXml(xml).errors, JSON.stringify(xml)).not.toEqual([])
    expect(parseXml('<a>x &amp; y &lt; z ]]&gt; \t😀</a>').errors).toEqual([])
  })

  it(
    `are well-formed XML that gives back each story’s headline, standfirst and section (${counted(2_000)})`,
    () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(validArticle, { minLength: 4, maxLength: 4, selector: (a) => a.slug }),
          fc.integer({ min: 0, max: 3 * DAY_MS }),
          fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 4 })),
          (articles, sinceNewest, sitemapLimit) => {
            const stories = articles
              .map((article) => summarize(v.parse(ArticleSchema, article)))
              .sort(byInstant)
            const newest = Date.parse(stories[0]?.publishedAt ?? '')
            const apiFiles = ['front.json', ...stories.map((s) => `articles/${s.slug}.json`)]
            const { files } = buildFeeds(
              sitemapPages(apiFiles, stories),
              stories,
              ORIGIN,
              new Date(newest + sinceNewest),
              sitemapLimit,
            )

            const parsed = new Map<string, Parsed>()
            for (const [name, text] of files) {
              if (!name.endsWith('.xml')) continue
              const result = parseXml(text)
              expect(result.errors, name).toEqual([])
              parsed.set(name, result)
            }

            const rss = parsed.get('rss.xml')?.texts
            expect(rss?.get('rss/channel/item/title')).toEqual(
              stories.map((s) => asXmlReads(s.headline)),
            )
            expect(rss?.get('rss/channel/item/description')).toEqual(
              stories.map((s) => asXmlReads(s.standfirst)),
            )
            expect(rss?.get('rss/channel/item/category')).toEqual(
              stories.map((s) => asXmlReads(s.section)),
            )
            // The date a reader's feed shows is the story's instant, to the second.
            expect(rss?.get('rss/channel/item/pubDate')?.map(rssDate)).toEqual(
              stories.map((s) => Math.floor(Date.parse(s.publishedAt) / 1000) * 1000),
            )

            const recent = stories.filter(
              (s) => newest + sinceNewest - Date.parse(s.publishedAt) <= 2 * DAY_MS,
            )
            expect(
              parsed.get('news-sitemap.xml')?.texts.get('urlset/url/news:news/news:title') ?? [],
            ).toEqual(recent.map((s) => asXmlReads(s.headline)))

            const locs = [...parsed]
              .filter(([name]) => name.startsWith('sitemaps/') || name === 'sitemap.xml')
              .flatMap(([, p]) => p.texts.get('urlset/url/loc') ?? [])
            expect(locs.sort()).toEqual(
              [`${ORIGIN}/`, ...stories.map((s) => `${ORIGIN}/articles/${s.slug}`)].sort(),
            )
          },
        ),
        { numRuns: documents(500) },
      )
    },
    timeLimit(60_000),
  )
})
