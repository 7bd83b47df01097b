import type { Page } from '@playwright/test'
import type { Faults } from './faults'
import { expect, SEED_SLUG, test } from './fixtures'
import { ErrorPage, NotFoundPage } from './pages'
import { ANSWER_TIMEOUT_MS } from '../src/api/limits'

const STORY_API = `**/api/articles/${SEED_SLUG}.json`
const STORY = /Trump speaks with Putin ally/

// Error pages look the same at every width: the faults run at desktop width, and on phones only
// the smoke set does (@desktop-only, as in playwright.config.ts).
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

    test('an unknown section or author, or a list page past the last, shows the not-found page too', async ({
      notFoundPage,
    }) => {
      // `/page/2` was the front page's second page, before every story moved to `/latest`.
      for (const path of [
        '/sections/no-such-section',
        '/sections/world/page/9',
        '/authors/nobody-at-all',
        '/latest/page/9',
        '/page/2',
      ]) {
        const response = await notFoundPage.goto(path)
        expect(response?.status(), path).toBe(404)
        await expect(notFoundPage.heading).toHaveText(NotFoundPage.title)
      }
    })

    // Faults below are made in the browser (e2e/faults.ts), so the server never answers them.
    test('a story taken down after the front page loaded shows the not-found page @desktop-only', async ({
      frontPage,
      notFoundPage,
      faults,
    }) => {
      await frontPage.goto()
      await faults.status(STORY_API, 404)
      await frontPage.storyLink(STORY).click()
      await expect(notFoundPage.heading).toHaveText(NotFoundPage.title)
      await notFoundPage.latestStories.click()
      await expect(frontPage.heading).toBeVisible()
    })
  })

  /** Records the first error the page reports where error-reporting tools listen. */
  async function watchReportedErrors(page: Page) {
    await page.addInitScript(() => {
      const reported = new Promise<string>((resolve) => {
        addEventListener('error', (event) => resolve(event.message), { once: true })
      })
      Object.assign(window, { firstReportedError: reported })
    })
    return () =>
      page.evaluate(
        () => (window as unknown as { firstReportedError: Promise<string> }).firstReportedError,
      )
  }

  test.describe('when the app cannot start', () => {
    // One pattern: Playwright reads a fixture array of two as a value and its options.
    test.use({
      allowedConsoleErrors: [/^pageerror: .*dynamically imported module|ERR_CONNECTION_RESET/],
    })

    test('the failure is reported where error reporting looks, and the story stays readable', async ({
      page,
      articlePage,
      faults,
    }) => {
      const firstReported = await watchReportedErrors(page)
      // The app's start-up code never arrives: start-up fails after its first steps.
      await faults.abort('**/assets/startUp-*.js')
      await articlePage.goto(SEED_SLUG, { live: false })
      expect(await firstReported()).toMatch(/dynamically imported module/)
      // The prerendered story is all there, though the app never took it over.
      await expect(articlePage.headline).toHaveText(STORY)
      await expect(articlePage.body.locator('p').first()).toBeVisible()
      await expect(page.locator('html')).not.toHaveAttribute('data-live')
    })
  })

  test.describe('when the page arrives with its start-up state damaged', () => {
    test.use({ allowedConsoleErrors: [/^pageerror: The page state is damaged/] })

    test('the app says so to error reporting, renders the story from the API and comes alive', async ({
      page,
      articlePage,
      faults,
    }) => {
      const firstReported = await watchReportedErrors(page)
      await faults.damagedPageState(`**/articles/${SEED_SLUG}`)
      const storyData = page.waitForResponse(`**/api/articles/${SEED_SLUG}.json`)
      await articlePage.goto(SEED_SLUG)
      expect(await firstReported()).toBe(
        'Uncaught Error: The page state is damaged; rendering from the API',
      )
      expect((await storyData).ok()).toBe(true)
      await expect(articlePage.headline).toHaveText(STORY)
      await expect(articlePage.body.locator('p').first()).toBeVisible()
    })
  })

  // Failures that retrying can mend: the page says what went wrong, and "Try again" recovers.
  const passing = [
    {
      title: 'a failed request says what went wrong and retrying recovers',
      tag: '@smoke',
      fault: (faults: Faults) => faults.status(STORY_API, 500),
      heading: ErrorPage.loadFailed,
      says: 'error 500',
      // The browser logs the failed request.
      logged: /Failed to load resource: the server responded with a status of 500/,
    },
    {
      // The offline page, with what can still be read (e2e/offline.spec.ts reads it).
      title: 'a story opened offline says the reader is offline, and loads once back online',
      tag: '@desktop-only',
      fault: (faults: Faults) => faults.offline(),
      heading: 'You’re offline',
      says: 'saved stories',
      logged: /net::ERR_INTERNET_DISCONNECTED/,
    },
    {
      // Tried three times (the app retries twice), cut off each time, then the page says so.
      title: 'a story whose data stops part-way says so, and retrying recovers',
      tag: '@desktop-only',
      fault: (faults: Faults) => faults.truncated(STORY_API),
      heading: ErrorPage.loadFailed,
      says: 'stopped arriving part-way',
      logged: undefined,
    },
  ]
  for (const { title, tag, fault, heading, says, logged } of passing) {
    test.describe(() => {
      test.use({ allowedConsoleErrors: logged ? [logged] : [] })
      test(title, { tag }, async ({ frontPage, articlePage, errorPage, faults }) => {
        await frontPage.goto()
        await fault(faults)
        await frontPage.storyLink(STORY).click()
        await expect(errorPage.heading).toHaveText(heading)
        await expect(errorPage.main).toContainText(says)
        await faults.heal()
        await errorPage.tryAgain.click()
        await expect(articlePage.headline).toContainText('Trump speaks with Putin ally Lukashenko')
      })
    })
  }

  test('a story whose server stalls says it took too long, and retrying recovers @desktop-only', async ({
    page,
    frontPage,
    articlePage,
    errorPage,
    faults,
  }) => {
    // The page's own clock: the app's 15 s limit passes without the test waiting for it.
    await page.clock.install()
    await frontPage.goto()
    const stall = await faults.stall(STORY_API)
    await frontPage.storyLink(STORY).click()
    await stall.held
    // Until then the reader sees the story loading, not an error.
    await expect(errorPage.heading).toBeHidden()
    // Each try gives up after ANSWER_TIMEOUT_MS and the app tries twice more, a moment apart: move
    // the clock on until the page has given up, however many steps the tries take to be made.
    await expect(async () => {
      await page.clock.fastForward(ANSWER_TIMEOUT_MS)
      await expect(errorPage.heading).toHaveText(ErrorPage.loadFailed, { timeout: 1_000 })
    }).toPass()
    await expect(errorPage.main).toContainText('took too long to answer')
    await faults.heal()
    await errorPage.tryAgain.click()
    await expect(articlePage.headline).toContainText('Trump speaks with Putin ally Lukashenko')
  })

  test.describe('with data that is not what it should be', () => {
    test('a story whose data breaks the contract names the field, not a blank page @desktop-only', async ({
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

    // Answers the app will not read, each named on the page: retrying would bring the same.
    const unreadable = [
      {
        title:
          'a story whose data is megabytes too large is refused, naming why, not a frozen page',
        arrange: (faults: Faults) => faults.oversized(STORY_API),
        issue: /^\$: is larger than the 2 MB/,
      },
      {
        title: 'a story whose data arrives an HTML page instead of JSON says so, not a blank page',
        arrange: (faults: Faults) => faults.html(STORY_API),
        issue: '$: is not valid JSON',
      },
    ]
    for (const { title, arrange, issue } of unreadable) {
      test(title, { tag: '@desktop-only' }, async ({ frontPage, errorPage, faults }) => {
        await arrange(faults)
        await frontPage.goto()
        await frontPage.storyLink(STORY).click()
        await expect(errorPage.heading).toHaveText(ErrorPage.badData)
        await expect(errorPage.issues).toHaveText([issue])
      })
    }
  })
})
