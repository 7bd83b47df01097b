import type { Page } from '@playwright/test'
import { expect, SEED_SLUG, test } from './fixtures'

// Each page as a reader sees it, compared pixel by pixel with the approved screenshots in
// e2e/__screenshots__ (desktop at 1280 px, mobile at 390 px). Times are masked, and the page's
// clock fixed, as they depend on when the test runs. So are ad creatives, which depend on whether a slot has filled yet.
// Thresholds and how to update the screenshots: e2e/README.md.
const masks = (page: Page) => [
  page.locator('time, .exact-time'),
  page.locator('.ad-slot__creative'),
]

/**
 * Brings every picture into view once, so the lazy ones load, and waits until all have: a page
 * looks the same whichever of them had arrived when the screenshot was taken.
 */
async function withEveryPicture(page: Page) {
  for (const image of await page.getByRole('main').locator('img').all())
    await image.scrollIntoViewIfNeeded()
  await page.waitForFunction(() => [...document.images].every((image) => image.complete))
  await page.evaluate(() => window.scrollTo(0, 0))
}

test.describe('Looks as approved', () => {
  // "2 days ago" is masked, but its width is not: a story crossing from "13 days ago" to "2 weeks
  // ago" would change the picture. The page's clock is fixed, so every run reads the same times.
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(new Date('2026-12-01T12:00:00Z'))
  })

  test('the front page', async ({ page, frontPage }) => {
    await frontPage.goto()
    await withEveryPicture(page)
    await expect(page).toHaveScreenshot('front.png', { fullPage: true, mask: masks(page) })
  })

  test('a story', { tag: '@smoke' }, async ({ page, articlePage }) => {
    await articlePage.goto(SEED_SLUG)
    await withEveryPicture(page)
    await expect(page).toHaveScreenshot('story.png', { fullPage: true, mask: masks(page) })
  })

  test('an entity page', async ({ page, entityPage }) => {
    await entityPage.goto('alexander-lukashenko')
    await withEveryPicture(page)
    await expect(page).toHaveScreenshot('entity.png', { fullPage: true, mask: masks(page) })
  })

  test('every story, newest first', async ({ page, latestPage }) => {
    await latestPage.goto()
    await withEveryPicture(page)
    await expect(page).toHaveScreenshot('latest.png', { fullPage: true, mask: masks(page) })
  })

  test('a section front', async ({ page, sectionPage }) => {
    await sectionPage.goto('world')
    await withEveryPicture(page)
    await expect(page).toHaveScreenshot('section.png', { fullPage: true, mask: masks(page) })
  })

  test('an author page', async ({ page, authorPage }) => {
    await authorPage.goto('ilse-varga')
    await withEveryPicture(page)
    await expect(page).toHaveScreenshot('author.png', { fullPage: true, mask: masks(page) })
  })

  test.describe('at an address that does not exist', () => {
    test.use({ allowedConsoleErrors: [/status of 404/] })

    test('the not-found page', async ({ page, notFoundPage }) => {
      await notFoundPage.goto('/no-such-page')
      await expect(page).toHaveScreenshot('not-found.png', { fullPage: true, mask: masks(page) })
    })
  })
})
