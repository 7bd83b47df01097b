import { readFileSync } from 'node:fs'
import * as v from 'valibot'
import { absoluteUrl } from '../src/app/site'
import { SectionsSchema } from '../src/content/schema'
import { expect, test } from './fixtures'

// The site's sections, as the build reads them (Node imports JSON only with an import attribute,
// which the app's own `src/app/sections.ts` does not need under Vite).
const sections = v.parse(SectionsSchema, JSON.parse(readFileSync('content/sections.json', 'utf8')))

const FERRY_SLUG = 'ferry-strike-strands-skerrin-islanders-as-talks-in-port-ellery-collapse'
const FERRY_HEADLINE = 'Ferry strike strands Skerrin islanders as talks in Port Ellery collapse'
/** How many of each section's latest stories the front page shows. */
const PER_SECTION = 4
/** The section row: every story, then each section's front, in content/sections.json's order. */
const ROW = ['Latest', ...sections.map((section) => section.name)]

test.describe('Sections', () => {
  test(
    'a reader goes from the front page to every section by the section row, each front marked as the current one and showing its own stories only',
    { tag: '@smoke' },
    async ({ page, frontPage, latestPage, sectionPage }) => {
      // What every story is filed under, as the list of every story shows it.
      await latestPage.goto()
      const every = await latestPage.storiesWithSections()
      expect(every.length).toBeGreaterThan(0)

      await frontPage.goto()
      const { sectionNav } = frontPage
      await expect(sectionNav.links).toHaveText(ROW)
      // The front page is none of them.
      for (const name of ROW)
        await expect(sectionNav.link(name)).not.toHaveAttribute('aria-current')

      await sectionNav.link('Latest').click()
      await expect(latestPage.heading).toBeVisible()
      await expect(sectionNav.link('Latest')).toHaveAttribute('aria-current', 'page')
      await expect(latestPage.headlines).toHaveText(every.map((story) => story.headline))

      for (const section of sections) {
        await sectionNav.link(section.name).click()
        await expect(page).toHaveURL(`/sections/${section.id}`)
        await expect(sectionPage.name).toHaveText(section.name)
        await expect(sectionPage.description).toHaveText(section.description)
        for (const name of ROW) {
          const link = sectionNav.link(name)
          if (name === section.name) await expect(link).toHaveAttribute('aria-current', 'page')
          else await expect(link).not.toHaveAttribute('aria-current')
        }
        // Its stories, newest first, and no other section's.
        const own = every.filter((story) => story.section === section.name)
        expect(own.length, `${section.name} has stories to show`).toBeGreaterThan(0)
        await expect(sectionPage.headlines).toHaveText(own.map((story) => story.headline))
        await expect(sectionPage.storySections).toHaveText(own.map(() => section.name))
      }
    },
  )

  test('the front page leads with the newest story, then each section’s latest, each story once', async ({
    page,
    frontPage,
    latestPage,
    sectionPage,
  }) => {
    await latestPage.goto()
    const every = await latestPage.storiesWithSections()
    const [newest] = every
    if (!newest) throw new Error('the site has no stories')

    await frontPage.goto()
    await expect(frontPage.heading).toHaveText('Top stories on Dispatch')
    await expect(frontPage.lead).toHaveText(newest.headline)
    for (const section of sections) {
      const block = frontPage.section(section.name)
      const latest = every
        .filter((story) => story !== newest && story.section === section.name)
        .slice(0, PER_SECTION)
      await expect(block.headlines).toHaveText(latest.map((story) => story.headline))
    }
    // With few stories a section, every story is on the front page, and none twice.
    const shown = await frontPage.headlines.allTextContents()
    expect(new Set(shown).size).toBe(shown.length)
    if (every.length <= 1 + sections.length * PER_SECTION)
      expect([...shown].sort()).toEqual(every.map((story) => story.headline).sort())

    // A section's heading and its "More" link lead to its front; the last link to every story.
    const cities = frontPage.section('Cities')
    await cities.more.click()
    await expect(sectionPage.name).toHaveText('Cities')
    await page.goBack()
    await cities.title.click()
    await expect(page).toHaveURL('/sections/cities')
    await expect(sectionPage.name).toHaveText('Cities')
    await page.goBack()
    await frontPage.allLatest.click()
    await expect(latestPage.heading).toBeVisible()
    await expect(latestPage.headlines).toHaveText(every.map((story) => story.headline))
  })

  test('a story’s section label leads to its section’s front', async ({
    page,
    articlePage,
    sectionPage,
  }) => {
    await articlePage.goto(FERRY_SLUG)
    await expect(articlePage.sectionLink).toHaveText('Cities')
    await articlePage.sectionLink.click()
    await expect(page).toHaveURL('/sections/cities')
    await expect(sectionPage.name).toHaveText('Cities')
    await expect(sectionPage.sectionNav.link('Cities')).toHaveAttribute('aria-current', 'page')
    await expect(sectionPage.storyLink(FERRY_HEADLINE)).toBeVisible()
  })

  test('a section’s RSS feed, linked from its front, is XML listing that section’s stories only', async ({
    page,
    sectionPage,
  }) => {
    await sectionPage.goto('business')
    await expect(sectionPage.feedLink).toHaveText('Business RSS feed')
    const headlines = await sectionPage.headlines.allTextContents()
    expect(headlines.length).toBeGreaterThan(0)

    const href = await sectionPage.feedLink.getAttribute('href')
    expect(href).toBe('/sections/business/rss.xml')
    const response = await page.request.get(href ?? '')
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toMatch(/[/+]xml\b/)
    // Parsed as a feed reader would, by Chromium's strict XML parser, in a blank tab: the site's
    // own pages allow no DOMParser (their Trusted Types policy refuses it).
    const reader = await page.context().newPage()
    const feed = await reader.evaluate(
      (text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml')
        const textOf = (parent: ParentNode, selector: string) =>
          parent.querySelector(selector)?.textContent ?? ''
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: doc.documentElement.localName,
          title: textOf(doc, 'channel > title'),
          link: textOf(doc, 'channel > link'),
          items: [...doc.querySelectorAll('item')].map((item) => ({
            title: textOf(item, 'title'),
            category: textOf(item, 'category'),
          })),
        }
      },
      await response.text(),
    )
    await reader.close()
    expect(feed.error).toBeNull()
    expect(feed.root).toBe('rss')
    expect(feed.title).toBe('Dispatch: Business')
    expect(feed.link).toBe(absoluteUrl('/sections/business'))
    expect(feed.items.map((item) => item.title)).toEqual(headlines)
    expect(feed.items.map((item) => item.category)).toEqual(headlines.map(() => 'Business'))
  })

  test.describe('on a phone', () => {
    test.skip(
      ({ isMobile }) => !isMobile,
      'a desktop screen shows the whole row: only phones scroll it',
    )

    test('the section row scrolls sideways, not the page, and every section in it can be reached and opened', async ({
      page,
      frontPage,
    }) => {
      await frontPage.goto()
      const { sectionNav } = frontPage
      const pageScrollsSideways = () =>
        page.evaluate(
          () => document.documentElement.scrollWidth > innerWidth || window.scrollX !== 0,
        )
      // The row is wider than the screen: its last section starts out of sight.
      const last = sectionNav.link(ROW.at(-1) ?? '')
      await expect(last).not.toBeInViewport()
      expect(await pageScrollsSideways()).toBe(false)

      const open = async (name: string) => {
        const link = sectionNav.link(name)
        await link.scrollIntoViewIfNeeded()
        await expect(link).toBeInViewport({ ratio: 1 })
        expect(await pageScrollsSideways(), `the page scrolls sideways to show ${name}`).toBe(false)
        await link.tap()
        await expect(frontPage.main.getByRole('heading', { level: 1 })).toHaveText(
          name === 'Latest' ? 'Latest stories' : name,
        )
        await expect(link).toHaveAttribute('aria-current', 'page')
        expect(await pageScrollsSideways()).toBe(false)
      }
      for (const name of ROW) await open(name)
      // At the row's end, its first link is out of sight the other way; it scrolls back.
      await expect(sectionNav.link('Latest')).not.toBeInViewport({ ratio: 1 })
      await open('Latest')
    })
  })
})
