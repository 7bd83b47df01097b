import { expect, SEED_SLUG, test } from './fixtures'

test.describe('Ad slots', () => {
  test('reserve their space from the first paint, so reading never shifts the text', async ({
    page,
    articlePage,
  }) => {
    // Record every layout shift from the very start of the page.
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number }
      w.__cls = 0
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as {
          value: number
          hadRecentInput: boolean
        }[]) {
          if (!entry.hadRecentInput) w.__cls += entry.value
        }
      }).observe({ type: 'layout-shift', buffered: true })
    })
    await articlePage.goto(SEED_SLUG)
    const slot = articlePage.adSlots.first()
    await expect(slot).toBeVisible()
    await expect(slot).toContainText(/Story continues below this ad/i)
    const before = await slot.boundingBox()
    expect(before?.height).toBeGreaterThanOrEqual(250)

    for (let y = 0; y < 4000; y += 300) {
      await page.mouse.wheel(0, 300)
      await page.waitForTimeout(50)
    }
    await page.evaluate(() => window.scrollTo(0, 0))
    const after = await slot.boundingBox()
    expect(after?.height).toBe(before?.height)
    expect(after?.y).toBe(before?.y)
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBe(0)
  })

  test('stay out of the tab order and the reading of the story', async ({ page, articlePage }) => {
    await articlePage.goto(SEED_SLUG)
    const slot = articlePage.adSlots.first()
    expect(
      await slot.evaluate((el) => el.querySelectorAll('a, button, iframe, [tabindex]').length),
    ).toBe(0)
    await expect(page.getByText(/Story continues below this ad/i)).toHaveAttribute(
      'aria-hidden',
      'true',
    )
  })
})
