import { expect, SEED_SLUG, test } from './fixtures'
import { ArticlePage, SavedPage } from './pages'

const SEED_HEADLINE =
  'Trump speaks with Putin ally Lukashenko, thanks him for prisoner release ahead of Alaska summit'
const FERRY_HEADLINE = 'Ferry strike strands Skerrin islanders as talks in Port Ellery collapse'

test.describe('Saved stories', () => {
  test('a reader saves a story and one from a list, finds both on Saved, newest first, and removes one', async ({
    page,
    articlePage,
    frontPage,
    savedPage,
  }) => {
    await savedPage.goto()
    await expect(savedPage.empty).toBeVisible()

    await articlePage.goto(SEED_SLUG)
    const saveSeed = articlePage.saveButton(SEED_HEADLINE)
    await expect(saveSeed).toHaveAttribute('aria-pressed', 'false')
    await saveSeed.click()
    await expect(saveSeed).toHaveAttribute('aria-pressed', 'true')

    await frontPage.goto()
    const saveFerry = frontPage.saveButton(FERRY_HEADLINE)
    await saveFerry.click()
    await expect(saveFerry).toHaveAttribute('aria-pressed', 'true')
    // The list knows the story saved on its own page.
    await expect(frontPage.saveButton(SEED_HEADLINE)).toHaveAttribute('aria-pressed', 'true')

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Saved' })
      .click()
    await expect(savedPage.heading).toBeVisible()
    await expect(savedPage.headlines()).toHaveText([FERRY_HEADLINE, SEED_HEADLINE])

    // Kept on the device: a reload finds them.
    await page.reload()
    await page.locator('html[data-live]').waitFor({ state: 'attached' })
    await expect(savedPage.headlines()).toHaveText([FERRY_HEADLINE, SEED_HEADLINE])

    await savedPage.remove(SEED_HEADLINE).click()
    await expect(savedPage.headlines()).toHaveText([FERRY_HEADLINE])
    await savedPage.stories.getByRole('link', { name: FERRY_HEADLINE }).click()
    await expect(articlePage.heading).toHaveText(FERRY_HEADLINE)
    await expect(articlePage.saveButton(FERRY_HEADLINE)).toHaveAttribute('aria-pressed', 'true')
  })

  test('a story saved from search results is on Saved', async ({ searchPage, savedPage }) => {
    await searchPage.goto('skerrin')
    const save = searchPage.saveButton(FERRY_HEADLINE)
    await save.click()
    await expect(save).toHaveAttribute('aria-pressed', 'true')
    await savedPage.goto()
    await expect(savedPage.headlines()).toHaveText([FERRY_HEADLINE])
  })

  test('a story saved in one tab shows as saved in another', async ({ context, articlePage }) => {
    await articlePage.goto(SEED_SLUG)
    const other = await context.newPage()
    const saved = new SavedPage(other)
    await saved.goto()
    await expect(saved.empty).toBeVisible()

    await articlePage.saveButton(SEED_HEADLINE).click()
    await expect(saved.headlines()).toHaveText([SEED_HEADLINE])
    await saved.remove(SEED_HEADLINE).click()
    await expect(articlePage.saveButton(SEED_HEADLINE)).toHaveAttribute('aria-pressed', 'false')
    await other.close()
  })
})

test.describe('Saved stories without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the page says what needs JavaScript, and no Save button shows', async ({
    page,
    savedPage,
  }) => {
    await savedPage.goto({ live: false })
    await expect(savedPage.noScriptNote).toContainText('Saved stories need JavaScript')
    const story = new ArticlePage(page)
    await story.goto(SEED_SLUG, { live: false })
    await expect(story.saveButton(SEED_HEADLINE)).toBeHidden()
  })
})
