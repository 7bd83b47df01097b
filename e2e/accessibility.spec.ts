import { expect, SEED_SLUG, test } from './fixtures'
import { open } from './pages'

const routes = [
  '/',
  '/latest',
  '/sections/world',
  '/authors/ilse-varga',
  `/articles/${SEED_SLUG}`,
  // A sample story with quotes and ad breaks, updated, with a correction at its end.
  '/articles/government-pledges-95-million-crowns-to-repair-port-ellery-seawall',
  '/entities/alexander-lukashenko',
  '/entities/port-ellery',
  '/search?q=ferry',
  '/saved',
  '/offline',
]
const NOT_FOUND = '/no-such-page'

test.describe('Accessibility', () => {
  // The not-found page is served with status 404, which the browser logs.
  test.use({ allowedConsoleErrors: [/status of 404/] })

  // The markup is the same at every width: phones check the page most readers land on, the
  // search page (its filter wraps) and the front page (its section row scrolls sideways); desktop
  // checks every page, in both themes.
  const onPhones = ['/', `/articles/${SEED_SLUG}`, '/search?q=ferry']
  for (const route of [...routes, NOT_FOUND]) {
    // The story, the page most readers land on, is in the smoke set.
    const tag = [
      ...(route.startsWith(`/articles/${SEED_SLUG}`) ? ['@smoke'] : []),
      ...(onPhones.includes(route) ? [] : ['@desktop-only']),
    ]
    test(`axe finds no violations on ${route}`, { tag }, async ({ page, axe }, testInfo) => {
      await open(page, route)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      // Search results, highlights and the section filter: checked once they are on the page.
      if (route.startsWith('/search'))
        await expect(page.getByRole('main').getByRole('status')).toHaveText(/results for/)
      await axe(page)
      // The dark theme has colours of its own, the same at every width: checked once, on desktop.
      if (testInfo.project.name !== 'desktop') return
      await page.emulateMedia({ colorScheme: 'dark' })
      await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(22, 22, 20)')
      await axe(page, 'colours')
    })
  }

  test('the Display panel passes axe in both themes @desktop-only', async ({
    page,
    axe,
    articlePage,
  }) => {
    await articlePage.goto(SEED_SLUG)
    await articlePage.display.toggle.click()
    await expect(articlePage.display.panel).toBeVisible()
    await axe(page)
    await articlePage.display.theme('Dark').check()
    await axe(page)
  })

  test('the offline notice passes axe in both themes @desktop-only', async ({
    page,
    context,
    axe,
    articlePage,
  }) => {
    await articlePage.goto(SEED_SLUG)
    // Offline once the page has all its code: a load cut off meanwhile is logged as an error.
    await articlePage.adsReady()
    await context.setOffline(true)
    await expect(articlePage.connection).toContainText('You’re offline')
    await axe(page)
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(22, 22, 20)')
    await axe(page, 'colours')
  })

  test('an entity card passes axe in both themes @desktop-only', async ({
    page,
    axe,
    articlePage,
  }) => {
    await articlePage.goto(SEED_SLUG)
    await articlePage.entityLink('Alexander Lukashenko').hover()
    const card = page.getByRole('group', { name: 'Alexander Lukashenko' })
    await expect(card).toContainText('President of Belarus')
    await axe(page)
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(22, 22, 20)')
    await expect(card).toBeVisible()
    await axe(page, 'colours')
  })

  test('the skip link takes keyboard users to the content', async ({ page }) => {
    await page.goto(`/articles/${SEED_SLUG}`)
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Skip to content' })
    await expect(skip).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/#main$/)
  })

  test('nothing scrolls sideways on a 320 px screen', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 })
    for (const route of [...routes, NOT_FOUND]) {
      await open(page, route)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width, route).toBeLessThanOrEqual(320)
    }
  })
})
