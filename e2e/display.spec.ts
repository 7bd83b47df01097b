import type { Page } from '@playwright/test'
import { expect, SEED_SLUG, test } from './fixtures'

// A dark page, as the eye sees it: the body's background, as computed.
const DARK_PAPER = 'rgb(22, 22, 20)'
const LIGHT_PAPER = 'rgb(255, 255, 255)'

const paper = (page: Page) =>
  page.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor)
const rootFontSize = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).fontSize)

/**
 * Opens a page with the app's own scripts refused: what it shows is what the first paint shows,
 * before any module runs (only the inline first-paint script can).
 */
async function firstPaint(page: Page, path: string) {
  await page.route('**/assets/*.js', (route) => route.abort())
  await page.goto(path)
  await page.unroute('**/assets/*.js')
}

test.describe('Display: theme and text size', () => {
  // The refused app scripts (first paint) and the panel offline are logged as failed loads.
  test.use({
    allowedConsoleErrors: [/net::ERR_(FAILED|INTERNET_DISCONNECTED)|dynamically imported module/],
  })

  test('a reader who chooses dark and the largest text gets them from the first paint on, with nothing shifting', async ({
    page,
    articlePage,
    frontPage,
  }, testInfo) => {
    await articlePage.goto(SEED_SLUG)
    const defaultSize = await rootFontSize(page)
    expect(await paper(page)).toBe(LIGHT_PAPER)
    await articlePage.display.choose({ theme: 'Dark', textSize: 'Largest' })
    await expect.poll(() => paper(page)).toBe(DARK_PAPER)
    expect(parseFloat(await rootFontSize(page))).toBe(parseFloat(defaultSize) * 1.5)

    // The next page, the app's scripts refused: the inline script alone gives the choices.
    await firstPaint(page, '/')
    expect(await paper(page)).toBe(DARK_PAPER)
    expect(parseFloat(await rootFontSize(page))).toBe(parseFloat(defaultSize) * 1.5)
    await testInfo.attach('first paint, dark and largest', {
      body: await page.screenshot(),
      contentType: 'image/png',
    })

    // With the app: it starts with the page as painted, and nothing moves.
    await page.addInitScript(() => {
      const shifts: number[] = []
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          shifts.push((entry as unknown as { value: number }).value)
      }).observe({ type: 'layout-shift', buffered: true })
      Object.assign(window, { layoutShifts: shifts })
    })
    await frontPage.goto()
    await expect(frontPage.heading).toBeVisible()
    expect(await paper(page)).toBe(DARK_PAPER)
    const shifts = await page.evaluate(
      () => (window as unknown as { layoutShifts: number[] }).layoutShifts,
    )
    expect(shifts).toEqual([])
  })

  test('“System” follows the device, and a choice overrides it', async ({ page, articlePage }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await articlePage.goto(SEED_SLUG)
    expect(await paper(page)).toBe(DARK_PAPER)
    await articlePage.display.choose({ theme: 'Light' })
    await expect.poll(() => paper(page)).toBe(LIGHT_PAPER)
    await articlePage.display.theme('System').check()
    await expect.poll(() => paper(page)).toBe(DARK_PAPER)
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(() => paper(page)).toBe(LIGHT_PAPER)
  })

  test('works from the keyboard alone, and Escape hands focus back to the button', async ({
    page,
    articlePage,
  }) => {
    const { display } = articlePage
    await articlePage.goto(SEED_SLUG)
    await display.toggle.focus()
    await page.keyboard.press('Enter')
    await expect(display.theme('System')).toBeVisible()
    // The panel follows its button in tab order; in a radio group, Tab lands on the chosen one.
    await page.keyboard.press('Tab')
    await expect(display.theme('System')).toBeFocused()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expect(display.theme('Dark')).toBeChecked()
    await expect.poll(() => paper(page)).toBe(DARK_PAPER)
    await page.keyboard.press('Escape')
    await expect(display.panel).toBeHidden()
    await expect(display.toggle).toBeFocused()
  })

  test('a press outside the panel closes it, and the page under it takes the press', async ({
    page,
    articlePage,
  }) => {
    const { display } = articlePage
    await articlePage.goto(SEED_SLUG)
    await display.toggle.click()
    await expect(display.theme('System')).toBeVisible()
    // A link in the story, clear of the panel at every width: the press closes the panel and
    // follows the link.
    await articlePage.body.getByRole('link', { name: 'Vladimir Putin' }).click()
    await expect(display.panel).toBeHidden()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vladimir Putin')
  })

  test('offline, before its code is on the device, the panel says so and the story stays @desktop-only', async ({
    context,
    articlePage,
  }) => {
    await articlePage.goto(SEED_SLUG)
    await context.setOffline(true)
    await articlePage.display.toggle.click()
    await expect(articlePage.display.panel).toHaveText('Display settings need a connection.')
    await expect(articlePage.headline).toBeVisible()
  })
})
