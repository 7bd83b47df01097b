import { absoluteUrl } from '../src/app/site'
import { expect, SEED_SLUG, test } from './fixtures'

test.describe('Finding and sharing a story', () => {
  test('copies the story’s link when the device has no share sheet', async ({
    page,
    context,
    articlePage,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await articlePage.goto(SEED_SLUG)
    await page.evaluate(() => {
      // Desktop Chromium on Linux has no share sheet; make sure of it.
      Object.defineProperty(navigator, 'share', { value: undefined })
    })
    await page.getByRole('button', { name: 'Share this story' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    // The canonical address, wherever the page was served from.
    expect(copied).toBe(absoluteUrl(`/articles/${SEED_SLUG}`))
  })

  test('each kind of page tells search engines and chat apps what it is', async ({ page }) => {
    const pages = [
      { path: `/articles/${SEED_SLUG}`, type: 'article', ld: 'NewsArticle' },
      { path: '/entities/alexander-lukashenko', type: 'profile', ld: 'Person' },
      { path: '/entities/belarus', type: 'profile', ld: 'Place' },
      { path: '/entities/viasna', type: 'profile', ld: 'Organization' },
      { path: '/', type: 'website', ld: 'CollectionPage' },
      { path: '/latest', type: 'website', ld: 'CollectionPage' },
      { path: '/sections/world', type: 'website', ld: 'CollectionPage' },
      { path: '/authors/ilse-varga', type: 'profile', ld: 'ProfilePage' },
    ]
    const titles = new Set<string>()
    for (const { path, type, ld } of pages) {
      await page.goto(path)
      const head = page.locator('head')
      const title = await page.title()
      titles.add(title)
      await expect(head.locator('meta[name="description"]')).toHaveAttribute('content', /\S/)
      await expect(head.locator('link[rel="canonical"]')).toHaveAttribute('href', absoluteUrl(path))
      await expect(head.locator('meta[property="og:type"]')).toHaveAttribute('content', type)
      await expect(head.locator('meta[property="og:image"]')).toHaveAttribute(
        'content',
        /\/share-card\.png$/,
      )
      await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute(
        'content',
        'summary_large_image',
      )
      // The share card's picture is described for people who cannot see it, on both networks.
      const alt = await head.locator('meta[property="og:image:alt"]').getAttribute('content')
      expect(alt).toMatch(/\S/)
      await expect(head.locator('meta[name="twitter:image:alt"]')).toHaveAttribute(
        'content',
        alt ?? '',
      )
      const jsonLd = await head.locator('script[type="application/ld+json"]').textContent()
      expect((JSON.parse(jsonLd ?? '{}') as { '@type': string })['@type']).toBe(ld)
      expect(await page.locator('html').getAttribute('lang')).toBe('en-GB')
    }
    expect(titles.size).toBe(pages.length)
    await page.goto(`/articles/${SEED_SLUG}`)
    await expect(page.locator('meta[property="article:published_time"]')).toHaveAttribute(
      'content',
      '2025-08-15T12:00:00Z',
    )
  })

  test('a story names its authors as people with their pages, and agency copy the site', async ({
    page,
  }) => {
    const authorOf = async (path: string) => {
      await page.goto(path)
      const jsonLd = await page.locator('script[type="application/ld+json"]').textContent()
      return (JSON.parse(jsonLd ?? '{}') as { author: unknown }).author
    }
    expect(
      await authorOf(
        '/articles/ferry-strike-strands-skerrin-islanders-as-talks-in-port-ellery-collapse',
      ),
    ).toEqual([
      expect.objectContaining({
        '@type': 'Person',
        name: 'Ilse Varga',
        url: absoluteUrl('/authors/ilse-varga'),
      }),
      expect.objectContaining({
        '@type': 'Person',
        name: 'Jonah Feld',
        url: absoluteUrl('/authors/jonah-feld'),
      }),
    ])
    expect(await authorOf(`/articles/${SEED_SLUG}`)).toMatchObject({
      '@type': 'Organization',
      name: 'Dispatch',
    })
  })

  test('serves a sitemap, a news sitemap, an RSS feed and robots.txt', async ({ request }) => {
    const sitemap = await request.get('/sitemap.xml')
    expect(sitemap.ok()).toBe(true)
    expect(await sitemap.text()).toContain(`/articles/${SEED_SLUG}</loc>`)
    const rss = await (await request.get('/rss.xml')).text()
    expect(rss).toContain('<rss version="2.0"')
    expect(rss).toContain('<title>Trump speaks with Putin ally Lukashenko')
    // The sitemap lists the fronts and author pages as well as the stories.
    const listed = await sitemap.text()
    for (const path of ['/latest', '/sections/world', '/authors/ilse-varga'])
      expect(listed).toContain(`${absoluteUrl(path)}</loc>`)
    expect(await (await request.get('/news-sitemap.xml')).text()).toContain('<urlset')
    expect(await (await request.get('/robots.txt')).text()).toMatch(/^Sitemap: .*\/sitemap\.xml$/m)
  })
})
