import type { Faults } from './faults'
import { expect, SEED_SLUG, test } from './fixtures'
import { ErrorPage, NotFoundPage } from './pages'

const STORY_API = `**/api/articles/${SEED_SLUG}.json`
const STORY = /Trump speaks with Putin ally/

test.describe('When things go wrong', () => {
  test.describe('at an address that does not exist', () => {
    // The browser logs the 404 status of the page and of its data.
    test.use({ allowedConsoleErrors: [/status of 404/] })

    test(
      'an unknown story shows the not-found page with status 404 and a way home',
      { tag: '@smoke' },
      async ({ notFoundPage, frontPage }) => {
        const response = await notFoundPage.goto('/articles/no-such-story')
        expect(response?.status()).toBe(404)
        await expect(notFoundPage.heading).toHaveText(NotFoundPage.title)
        await notFoundPage.latestStories.click()
        await expect(frontPage.heading).toBeVisible()
      },
    )

    test('an unknown entity shows the not-found page too', async ({ notFoundPage }) => {
      const response = await notFoundPage.goto('/entities/nobody-at-all')
      expect(response?.status()).toBe(404)
      await expect(notFoundPage.heading).toHaveText(NotFoundPage.title)
    })
  })

  test.describe('when the app cannot start', () => {
    // What the page reports: the state it starts from does not parse.
    test.use({ allowedConsoleErrors: [/^pageerror: .*JSON/] })

    test('the failure is reported where error reporting looks, and the story stays readable', async ({
      page,
      articlePage,
      faults,
    }) => {
      // Error reporting tools listen for the window's error events: record the first one.
      await page.addInitScript(() => {
        const reported = new Promise<string>((resolve) => {
          addEventListener('error', (event) => resolve(event.message), { once: true })
        })
        Object.assign(window, { firstReportedError: reported })
      })
      await faults.damagedPageState(`**/articles/${SEED_SLUG}`)
      await articlePage.goto(SEED_SLUG, { live: false })
      // Start-up fails after the app's code has loaded, filling the cache: it is reported...
      const reported = await page.evaluate(
        () => (window as unknown as { firstReportedError: Promise<string> }).firstReportedError,
      )
      expect(reported).toMatch(/JSON/)
      // ...and the prerendered story is still all there, though the app never took it over.
      await expect(articlePage.headline).toHaveText(STORY)
      await expect(articlePage.body.locator('p').first()).toBeVisible()
      await expect(page.locator('html')).not.toHaveAttribute('data-live')
    })
  })

  // Failures that retrying can mend: the page says what went wrong, and "Try again" recovers.
  const passing = [
    {
      title: 'a failed request says what went wrong and retrying recovers',
      tag: ['@smoke'],
      fault: (faults: Faults) => faults.status(STORY_API, 503),
      says: 'error 503',
      // The browser logs the failed request.
      logged: /Failed to load resource: the server responded with a status of 503/,
    },
    {
      title: 'a story opened offline says to check the connection, and loads once back online',
      tag: [],
      fault: (faults: Faults) => faults.offline(),
      says: 'We could not reach the server',
      logged: /net::ERR_INTERNET_DISCONNECTED/,
    },
  ]
  for (const { title, tag, fault, says, logged } of passing) {
    test.describe(() => {
      test.use({ allowedConsoleErrors: [logged] })
      test(title, { tag }, async ({ frontPage, articlePage, errorPage, faults }) => {
        await frontPage.goto()
        await fault(faults)
        await frontPage.storyLink(STORY).click()
        await expect(errorPage.heading).toHaveText(ErrorPage.loadFailed)
        await expect(errorPage.main).toContainText(says)
        await faults.heal()
        await errorPage.tryAgain.click()
        await expect(articlePage.headline).toContainText('Trump speaks with Putin ally Lukashenko')
      })
    })
  }

  test.describe('with data that is not what it should be', () => {
    test('a story whose data breaks the contract names the field, not a blank page', async ({
      page,
      frontPage,
      errorPage,
    }) => {
      await page.route(STORY_API, async (route) => {
        const response = await route.fetch()
        const json = (await response.json()) as { article: Record<string, unknown> }
        json.article.headline = 42
        await route.fulfill({ response, json })
      })
      await frontPage.goto()
      await frontPage.storyLink(STORY).click()
      await expect(errorPage.heading).toHaveText(ErrorPage.badData)
      await expect(errorPage.issue('$.article.headline')).toBeVisible()
    })

    const unreadable: Record<string, (faults: Faults) => Promise<void>> = {
      'cut off half-way': (faults) => faults.truncated(STORY_API),
      'an HTML page instead of JSON': (faults) => faults.html(STORY_API),
    }
    for (const [what, arrange] of Object.entries(unreadable)) {
      test(`a story whose data arrives ${what} says so, not a blank page`, async ({
        frontPage,
        errorPage,
        faults,
      }) => {
        await arrange(faults)
        await frontPage.goto()
        await frontPage.storyLink(STORY).click()
        await expect(errorPage.heading).toHaveText(ErrorPage.badData)
        await expect(errorPage.issues).toHaveText(['$: is not valid JSON'])
      })
    }
  })
})
