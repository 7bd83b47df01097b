import { expect, SEED_SLUG, test } from './fixtures'
import { recordPage } from './observe'
import { open } from './pages'

test.describe('Search', () => {
  // The unreachable index (one test) is logged as failed loads.
  test.use({ allowedConsoleErrors: [/ERR_INTERNET_DISCONNECTED/] })
  test('a reader finds a story by keyboard alone: results as they type, narrowed by section, and back again', async ({
    page,
    searchPage,
    articlePage,
  }) => {
    // Pages that do not search never fetch the index.
    const searchFiles: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/api/search/')) searchFiles.push(request.url())
    })
    await open(page, `/articles/${SEED_SLUG}`)
    await open(page, '/')
    expect(searchFiles).toEqual([])

    // The masthead's Search link, by Tab and Enter.
    const searchLink = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Search' })
    for (
      let tabs = 0;
      tabs < 10 && !(await searchLink.evaluate((a) => a === document.activeElement));
      tabs++
    )
      await page.keyboard.press('Tab')
    await expect(searchLink).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(searchPage.heading).toBeFocused()
    await expect(searchPage.status).toHaveText(/Type a word/)

    await page.keyboard.press('Tab')
    await expect(searchPage.box).toBeFocused()
    await page.keyboard.type('ferry')
    await expect(searchPage.status).toHaveText(/^\d+ results for “ferry”$/)
    await expect(page).toHaveURL(/\/search\?q=ferry$/)
    await expect(
      searchPage.result('Ferry strike strands Skerrin islanders as talks in Port Ellery collapse'),
    ).toBeVisible()
    // Matched words are highlighted, plurals included. Polled: the count above is the query's own
    // at once, while the results of a word half typed ("fe") stay below until the new ones come.
    await expect
      .poll(async () => new Set((await searchPage.marked()).map((word) => word.toLowerCase())))
      .toEqual(new Set(['ferry', 'ferries']))

    // Narrow by section: Tab to the filter, arrow to a section.
    const everything = searchPage.sections.getByRole('radio', { name: /^Everything/ })
    await expect(everything).toBeChecked()
    while (!(await everything.evaluate((radio) => radio === document.activeElement)))
      await page.keyboard.press('Tab')
    await page.keyboard.press('ArrowRight')
    const business = searchPage.sections.getByRole('radio', { name: /^Business/ })
    await expect(business).toBeChecked()
    await expect(page).toHaveURL(/section=Business/)
    await expect(searchPage.status).toHaveText('1 result for “ferry”')
    const headline =
      'Ellery Sound Ferries orders hybrid ferry from Tarnwick Shipyard ahead of contract bid'
    await expect(searchPage.results.getByRole('heading')).toHaveText([headline])

    // Open it from the keyboard, then come back to the same search.
    await page.keyboard.press('Tab')
    await expect(searchPage.result(headline)).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(articlePage.heading).toHaveText(headline)
    await page.goBack()
    await expect(searchPage.box).toHaveValue('ferry')
    await expect(business).toBeChecked()
    await expect(searchPage.status).toHaveText('1 result for “ferry”')
  })

  test('names match across accents, scripts and spellings', async ({ searchPage }) => {
    await searchPage.goto('segolene')
    await expect(searchPage.result('Ségolène Marchetti')).toBeVisible()
    await searchPage.box.fill('Стоянова')
    await expect(searchPage.results.getByRole('heading').first()).toHaveText('Miroslava Stoyanova')
    await searchPage.box.fill('Aleksandr')
    await expect(searchPage.results.getByRole('heading').first()).toHaveText('Alexander Lukashenko')
  })

  test('a search that finds nothing says so, and more results come on request', async ({
    searchPage,
  }) => {
    await searchPage.goto('quillonwort')
    await expect(searchPage.status).toHaveText(
      'No results for “quillonwort”. Check the spelling, or try fewer words.',
    )
    await expect(searchPage.results).toHaveCount(0)

    await searchPage.box.fill('port')
    await expect(searchPage.status).toHaveText(/^\d+ results for “port”$/)
    const total = Number((await searchPage.status.textContent())?.split(' ')[0])
    expect(total).toBeGreaterThan(10)
    await expect(searchPage.results).toHaveCount(10)
    await searchPage.showMore.click()
    await expect(searchPage.results).toHaveCount(Math.min(20, total))
  })

  test('a search opened at its address shows its results whole, and nothing moves as they come', async ({
    page,
    searchPage,
  }) => {
    const recorded = await recordPage(page)
    // The stories whose sentence a result quotes (found by words in their body alone) held back.
    let letThrough = () => {}
    const held = new Promise<void>((resolve) => (letThrough = resolve))
    await page.route('**/api/articles/**', async (route) => {
      await held
      await route.continue()
    })
    await searchPage.goto('ferry')
    await expect(searchPage.status).toHaveText(/^\d+ results for “ferry”$/)
    // No half-made result stands on screen while the story quoted in another is on its way.
    await expect(searchPage.results).toHaveCount(0)
    letThrough()
    await expect(searchPage.results).toHaveCount(10)
    // A result found in a story's body says where, from the moment it is shown.
    await expect(searchPage.results.locator('.search-result__excerpt').first()).toBeVisible()
    expect(await searchPage.results.locator('.search-result__excerpt').count()).toBeGreaterThan(0)
    expect(await recorded.cls()).toBe(0)
  })

  test('when the index cannot be reached the page says so, and Try again recovers', async ({
    page,
    searchPage,
  }) => {
    await page.route('**/api/search/**', (route) => route.abort('internetdisconnected'))
    await searchPage.goto('ferry')
    await expect(searchPage.status).toHaveText(/Search is not available right now/)
    await page.unroute('**/api/search/**')
    await page.getByRole('button', { name: 'Try again' }).click()
    await expect(searchPage.status).toHaveText(/^\d+ results for “ferry”$/)
  })
})

test.describe('Search without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the form submits to the same address, and the page says what needs JavaScript', async ({
    page,
    searchPage,
  }) => {
    await searchPage.goto('', { live: false })
    await expect(searchPage.noScriptNote).toContainText('Search results need JavaScript')
    await searchPage.box.fill('ferry')
    await searchPage.box.press('Enter')
    await expect(page).toHaveURL(/\/search\?q=ferry$/)
    await expect(searchPage.heading).toBeVisible()
    await expect(searchPage.noScriptNote).toBeVisible()
  })
})
