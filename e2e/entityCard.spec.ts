import type { Locator, Page } from '@playwright/test'
import { expect, SEED_SLUG, test } from './fixtures'

const NAME = 'Alexander Lukashenko'
// A story whose first name, Port Ellery, is in many stories: its card offers the latest other one.
const FERRY_SLUG = 'ferry-strike-strands-skerrin-islanders-as-talks-in-port-ellery-collapse'
const PLACE = 'Port Ellery'

/** The newest story about an entity other than the one being read, from the site's API. */
async function latestOther(page: Page, id: string, slug: string) {
  const response = await page.request.get(`/api/entities/${id}/stories/1.json`)
  const { items } = (await response.json()) as { items: { slug: string; headline: string }[] }
  const other = items.find((story) => story.slug !== slug)
  if (!other) throw new Error(`${id} has no other story`)
  return other
}

/** An entity link's card (docs/decisions/018): a group named by the entity. */
const cardOf = (page: Page, name: string) => page.getByRole('group', { name })

/** Whether two boxes share any pixel. */
async function overlap(a: Locator, b: Locator) {
  const [one, two] = await Promise.all([a.boundingBox(), b.boundingBox()])
  if (!one || !two) throw new Error('both boxes must be on the page')
  return !(
    one.x + one.width <= two.x ||
    two.x + two.width <= one.x ||
    one.y + one.height <= two.y ||
    two.y + two.height <= one.y
  )
}

test.describe('Entity cards', () => {
  test.describe('with a mouse or a keyboard', () => {
    test.skip(({ hasTouch }) => hasTouch, 'a touch screen has no hover: see the tap below')

    test('resting the mouse on a name shows who it is and their latest story, and moving away hides it', async ({
      page,
      articlePage,
    }) => {
      await articlePage.goto(FERRY_SLUG)
      const latest = await latestOther(page, 'port-ellery', FERRY_SLUG)
      const link = articlePage.entityLink(PLACE)
      await link.hover()
      const card = cardOf(page, PLACE)
      await expect(card).toBeVisible()
      await expect(card).toContainText('Place')
      await expect(card).toContainText('Coastal city in Valdoria')
      await expect(card.getByRole('link', { name: latest.headline })).toHaveAttribute(
        'href',
        `/articles/${latest.slug}`,
      )
      expect(await overlap(card, link), 'the card never covers its link').toBe(false)

      // Onto the card and it stays; off both and it goes.
      await card.getByRole('link', { name: latest.headline }).hover()
      await expect(card).toBeVisible()
      await page.mouse.move(1, 1)
      await expect(card).toBeHidden()
    })

    test('from the keyboard: focus shows the card, Tab goes into it, Escape closes it and focus stays on the name', async ({
      page,
      articlePage,
    }) => {
      await articlePage.goto(FERRY_SLUG)
      const latest = await latestOther(page, 'port-ellery', FERRY_SLUG)
      // The story's first link: Tab reaches it from the Share button, not from another name.
      const link = articlePage.entityLink(PLACE)
      // Arrive on the link by Tab, as a keyboard reader does.
      await link.focus()
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Tab')
      await expect(link).toBeFocused()
      const card = cardOf(page, PLACE)
      await expect(card).toBeVisible()

      // Screen readers hear the card's summary as the link's description while it shows.
      await expect(link).toHaveAccessibleDescription(
        /Port Ellery\s*Place\s*Coastal city in Valdoria/,
      )

      await page.keyboard.press('Tab')
      await expect(card.getByRole('link', { name: latest.headline })).toBeFocused()
      await page.keyboard.press('Escape')
      await expect(card).toBeHidden()
      await expect(link).toBeFocused()
      await expect(link).toHaveAccessibleDescription('')
    })

    test('on a 320 px screen, a name near the bottom gets its card above it, inside the screen', async ({
      page,
      articlePage,
    }) => {
      await page.setViewportSize({ width: 320, height: 568 })
      await articlePage.goto(SEED_SLUG)
      const link = articlePage.entityLink('Sergei Tikhanovsky')
      // Scroll the name to just above the bottom edge: no room for the card below it.
      await link.evaluate((element) => {
        window.scrollBy(0, element.getBoundingClientRect().bottom - (window.innerHeight - 16))
      })
      await link.hover()
      const card = cardOf(page, 'Sergei Tikhanovsky')
      await expect(card).toContainText('Belarusian opposition figure')
      expect(await overlap(card, link), 'the card never covers its link').toBe(false)
      const [cardBox, linkBox] = await Promise.all([card.boundingBox(), link.boundingBox()])
      if (!cardBox || !linkBox) throw new Error('both boxes must be on the page')
      expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(linkBox.y)
      expect(cardBox.x).toBeGreaterThanOrEqual(0)
      expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(320)
    })
  })

  test('the card of a name in no other story offers no story: not the one being read', async ({
    page,
    articlePage,
  }) => {
    test.skip(!!test.info().project.use.hasTouch, 'a touch screen has no hover')
    await articlePage.goto(SEED_SLUG)
    await articlePage.entityLink(NAME).hover()
    const card = cardOf(page, NAME)
    await expect(card).toContainText('President of Belarus')
    await expect(card.getByRole('link')).toHaveCount(0)
  })

  test.describe('on a touch screen', () => {
    test.skip(({ hasTouch }) => !hasTouch, 'only a touch screen taps')

    test('a tap follows the name to its page, with no card', async ({
      page,
      articlePage,
      entityPage,
    }) => {
      const cardCode: string[] = []
      page.on('request', (request) => {
        if (request.url().includes('entityCardPopover')) cardCode.push(request.url())
      })
      await articlePage.goto(SEED_SLUG)
      await articlePage.entityLink(NAME).tap()
      await expect(page).toHaveURL('/entities/alexander-lukashenko')
      await expect(entityPage.name).toHaveText(NAME)
      await expect(cardOf(page, NAME)).toHaveCount(0)
      expect(cardCode, 'the card’s code is never fetched on a touch screen').toEqual([])
    })
  })
})
