import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'
import { Faults } from './faults'
import { nginxMissing } from './servers'
import {
  ArticlePage,
  AuthorPage,
  EntityPage,
  ErrorPage,
  FrontPage,
  LatestPage,
  NotFoundPage,
  SavedPage,
  SearchPage,
  SectionPage,
} from './pages'

export const SEED_SLUG =
  'trump-speaks-with-putin-ally-lukashenko-thanks-him-for-prisoner-release-ahead-of-alaska-summit'

/** What Playwright logs where it blocks the site's service worker (playwright.config.ts). */
export const WORKER_BLOCKED = 'Service Worker registration blocked by Playwright'

interface Fixtures {
  /**
   * Console messages and page errors (`pageerror: …`) a test expects (e.g. a failed request it
   * forced); anything else fails it.
   */
  allowedConsoleErrors: RegExp[]
  consoleErrors: string[]
  frontPage: FrontPage
  latestPage: LatestPage
  sectionPage: SectionPage
  authorPage: AuthorPage
  articlePage: ArticlePage
  entityPage: EntityPage
  notFoundPage: NotFoundPage
  searchPage: SearchPage
  savedPage: SavedPage
  errorPage: ErrorPage
  /** Network faults for this test's page, one line each (see faults.ts). */
  faults: Faults
  /** Skips the nginx project's tests, saying why, where nginx is not installed. */
  requireServer: undefined
  /**
   * Runs axe on the page as it is and expects no violations. `colours` checks colour contrast
   * alone: for the same page in the other theme, whose markup is the same.
   */
  axe: (page: Page, check?: 'colours') => Promise<void>
}

export const test = base.extend<Fixtures>({
  requireServer: [
    async ({}, use, testInfo) => {
      testInfo.skip(testInfo.project.name === 'nginx' && nginxMissing !== '', nginxMissing)
      await use(undefined)
    },
    { auto: true },
  ],
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() !== 'error' && message.type() !== 'warning') return
        const text = message.text()
        if (text === WORKER_BLOCKED) return
        if (!allowedConsoleErrors.some((allowed) => allowed.test(text))) errors.push(text)
      })
      page.on('pageerror', (error) => {
        const text = `pageerror: ${error.message}`
        if (!allowedConsoleErrors.some((allowed) => allowed.test(text))) errors.push(text)
      })
      await use(errors)
      expect(errors, 'console errors and warnings').toEqual([])
    },
    { auto: true },
  ],
  frontPage: async ({ page }, use) => {
    await use(new FrontPage(page))
  },
  latestPage: async ({ page }, use) => {
    await use(new LatestPage(page))
  },
  sectionPage: async ({ page }, use) => {
    await use(new SectionPage(page))
  },
  authorPage: async ({ page }, use) => {
    await use(new AuthorPage(page))
  },
  articlePage: async ({ page }, use) => {
    await use(new ArticlePage(page))
  },
  entityPage: async ({ page }, use) => {
    await use(new EntityPage(page))
  },
  notFoundPage: async ({ page }, use) => {
    await use(new NotFoundPage(page))
  },
  searchPage: async ({ page }, use) => {
    await use(new SearchPage(page))
  },
  savedPage: async ({ page }, use) => {
    await use(new SavedPage(page))
  },
  errorPage: async ({ page }, use) => {
    await use(new ErrorPage(page))
  },
  faults: async ({ page, context }, use) => {
    const faults = new Faults(page, context)
    await use(faults)
    // A stalled request still held at the end must not fail the test's teardown.
    await page.unrouteAll({ behavior: 'ignoreErrors' })
  },
  axe: async ({}, use) => {
    await use(async (page, check) => {
      // Axe's frame-by-frame mode (the default) runs in each frame and then gathers the results in
      // a page of its own, which doubles its time on a busy machine. A page without frames (no ad
      // filled yet) has nothing it alone would see: there axe runs in the page itself.
      const builder = new AxeBuilder({ page }).setLegacyMode(page.frames().length === 1)
      const results = await (
        check === 'colours'
          ? builder.withRules(['color-contrast'])
          : builder.withTags([
              'wcag2a',
              'wcag2aa',
              'wcag21a',
              'wcag21aa',
              'wcag22aa',
              'best-practice',
            ])
      ).analyze()
      expect(
        results.violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        ),
      ).toEqual([])
    })
  },
})

export { expect }
