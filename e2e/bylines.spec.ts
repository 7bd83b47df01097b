import { expect, SEED_SLUG, test } from './fixtures'

const FERRY_SLUG = 'ferry-strike-strands-skerrin-islanders-as-talks-in-port-ellery-collapse'
const FERRY_HEADLINE = 'Ferry strike strands Skerrin islanders as talks in Port Ellery collapse'

/** The ferry strike's two authors (content/authors.json) and their stories, newest first. */
const AUTHORS = [
  {
    name: 'Ilse Varga',
    id: 'ilse-varga',
    role: 'Islands and transport correspondent',
    stories: [
      'Ferry crews accept pay deal, ending seven-week dispute on Skerrin crossing',
      FERRY_HEADLINE,
    ],
  },
  {
    name: 'Jonah Feld',
    id: 'jonah-feld',
    role: 'Business reporter',
    stories: [
      "Bakers' cooperative brings bread back to Port Ellery's old fish market",
      FERRY_HEADLINE,
    ],
  },
]

test.describe('Bylines', () => {
  test(
    'a staff story’s byline leads to each of its authors’ pages, which list their stories',
    { tag: '@smoke' },
    async ({ page, articlePage, authorPage }) => {
      await articlePage.goto(FERRY_SLUG)
      await expect(articlePage.byline).toHaveText('By Ilse Varga and Jonah Feld')
      for (const author of AUTHORS) {
        const link = articlePage.authorLink(author.name)
        await expect(link).toHaveAttribute('rel', 'author')
        await link.click()
        await expect(page).toHaveURL(`/authors/${author.id}`)
        await expect(authorPage.name).toHaveText(author.name)
        await expect(authorPage.main.getByText(author.role, { exact: true })).toBeVisible()
        await expect(authorPage.headlines).toHaveText(author.stories)
        // The heading over the list counts them.
        const count = author.stories.length
        await expect(authorPage.stories).toHaveAccessibleName(
          `Stories (${count} ${count === 1 ? 'story' : 'stories'})`,
        )
        await page.goBack()
        await expect(articlePage.headline).toHaveText(FERRY_HEADLINE)
      }
    },
  )

  test('an author’s story leads back to a story with their name in its byline', async ({
    articlePage,
    authorPage,
  }) => {
    await authorPage.goto('jonah-feld')
    await authorPage.storyLink(/^Bakers' cooperative/).click()
    await expect(articlePage.headline).toContainText("Bakers' cooperative")
    await expect(articlePage.byline).toHaveText('By Jonah Feld')
  })

  test('agency copy carries no byline, only its credit', async ({ articlePage }) => {
    await articlePage.goto(SEED_SLUG)
    await expect(articlePage.credit).toHaveText('With inputs from agencies')
    await expect(articlePage.byline).toHaveCount(0)
  })
})
