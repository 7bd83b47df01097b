import { expect, SEED_SLUG, test } from './fixtures'

test.describe('When things go wrong', () => {
  test.describe('at an address that does not exist', () => {
    // The browser logs the 404 status of the page and of its data.
    test.use({ allowedConsoleErrors: [/status of 404/] })

    test('an unknown story shows the not-found page with status 404 and a way home', async ({
      page,
    }) => {
      const response = await page.goto('/articles/no-such-story')
      expect(response?.status()).toBe(404)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that page')
      await page.getByRole('link', { name: 'Go to the latest stories' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Latest stories' })).toBeVisible()
    })

    test('an unknown entity shows the not-found page too', async ({ page }) => {
      const response = await page.goto('/entities/nobody-at-all')
      expect(response?.status()).toBe(404)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that page')
    })
  })

  test.describe('with a failing server', () => {
    test.use({
      allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 503/],
    })

    test('a failed request says what went wrong and retrying recovers', async ({
      page,
      frontPage,
      articlePage,
    }) => {
      let failing = true
      await page.route(`**/api/articles/${SEED_SLUG}.json`, (route) =>
        failing ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue(),
      )
      await frontPage.goto()
      await frontPage.storyLink(/Trump speaks with Putin ally/).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('We couldn’t load this page')
      await expect(page.getByText(/error 503/)).toBeVisible()
      failing = false
      await page.getByRole('button', { name: 'Try again' }).click()
      await expect(articlePage.headline).toContainText('Trump speaks with Putin ally Lukashenko')
    })
  })

  test('a story whose data breaks the contract names the field, not a blank page', async ({
    page,
    frontPage,
  }) => {
    await page.route(`**/api/articles/${SEED_SLUG}.json`, async (route) => {
      const response = await route.fetch()
      const json = (await response.json()) as { article: Record<string, unknown> }
      json.article.headline = 42
      await route.fulfill({ response, json })
    })
    await frontPage.goto()
    await frontPage.storyLink(/Trump speaks with Putin ally/).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'This page’s data is not in the expected format',
    )
    await expect(page.getByRole('listitem').filter({ hasText: '$.article.headline' })).toBeVisible()
  })
})
