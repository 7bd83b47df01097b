import { expect, SEED_SLUG, test } from './fixtures'
import { OfflinePage } from './pages'
import { goOffline, goOnline, underServiceWorker } from './serviceWorker'

const SEED_HEADLINE =
  'Trump speaks with Putin ally Lukashenko, thanks him for prisoner release ahead of Alaska summit'
const FERRY_HEADLINE = 'Ferry strike strands Skerrin islanders as talks in Port Ellery collapse'

// These journeys need the service worker, which the rest of the suite blocks (playwright.config.ts).
// Offline, the browser reports each request nothing could answer (an ad's frame, a page not kept).
test.use({
  serviceWorkers: 'allow',
  allowedConsoleErrors: [/^Failed to load resource: net::ERR_(FAILED|INTERNET_DISCONNECTED)$/],
})

test.describe('Reading offline', () => {
  test('a reader saves a story, goes offline, and still reads it and the people in it', async ({
    page,
    articlePage,
    entityPage,
    savedPage,
  }) => {
    await articlePage.goto(SEED_SLUG)
    await underServiceWorker(page)
    await articlePage.saveButton(SEED_HEADLINE).click()
    // Saving loads its code on the first press: saved once the button says so, not at the click.
    await expect(articlePage.saveButton(SEED_HEADLINE)).toHaveAttribute('aria-pressed', 'true')
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Saved' })
      .click()
    // The saved list says when the story, and the pages of the people and places in it, are kept.
    const saved = savedPage.stories.filter({ hasText: SEED_HEADLINE })
    await expect(saved.getByText('Available offline')).toBeVisible({ timeout: 30_000 })

    await goOffline(page)
    await expect(savedPage.connection).toContainText('You’re offline')
    await page.reload()
    await expect(savedPage.headlines()).toHaveText([SEED_HEADLINE])

    await saved.getByRole('link', { name: SEED_HEADLINE }).click()
    await expect(articlePage.headline).toHaveText(SEED_HEADLINE)
    await page.reload()
    await page.locator('html[data-live]').waitFor({ state: 'attached' })
    await expect(articlePage.headline).toHaveText(SEED_HEADLINE)
    await expect(articlePage.body).toContainText('Lukashenko')

    await articlePage.entityLink('Alexander Lukashenko').click()
    await expect(entityPage.name).toHaveText('Alexander Lukashenko')
    await expect(entityPage.stories).toContainText(SEED_HEADLINE)
    await page.reload()
    await expect(entityPage.name).toHaveText('Alexander Lukashenko')
    await expect(entityPage.connection).toContainText('You’re offline')

    await goOnline(page)
    await expect(entityPage.connection).toHaveText('You’re back online.')
  })

  test('offline, the stories a reader opened stay readable, and any other page says it is offline', async ({
    page,
    articlePage,
    frontPage,
    savedPage,
  }) => {
    await frontPage.goto()
    await underServiceWorker(page)
    await frontPage.storyLink(FERRY_HEADLINE).click()
    await expect(articlePage.headline).toHaveText(FERRY_HEADLINE)
    await frontPage.homeLink.click()
    await expect(frontPage.heading).toBeVisible()

    await goOffline(page)
    // Opened a moment ago: read again, from the device.
    await frontPage.storyLink(FERRY_HEADLINE).click()
    await expect(articlePage.headline).toHaveText(FERRY_HEADLINE)
    await page.reload()
    await expect(articlePage.headline).toHaveText(FERRY_HEADLINE)

    // Never opened: the offline page, by a link in the app and by a page load alike.
    const offline = new OfflinePage(page)
    await articlePage.homeLink.click()
    await frontPage.storyLink(SEED_HEADLINE).click()
    await expect(offline.heading).toBeVisible()
    await page.goto(`/articles/${SEED_SLUG}`)
    await expect(offline.heading).toBeVisible()
    await page.locator('html[data-live]').waitFor({ state: 'attached' })
    await expect(offline.heading).toBeVisible()
    await offline.savedStories.click()
    await expect(savedPage.heading).toBeVisible()
    await expect(savedPage.empty).toBeVisible()
  })
})
