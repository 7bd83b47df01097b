import { expect, SEED_SLUG, test } from './fixtures'

test.describe('Reading a story', () => {
  test(
    'goes from the front page to the story, to Lukashenko’s page and back',
    {
      tag: '@smoke',
    },
    async ({ page, frontPage, articlePage, entityPage }) => {
      await frontPage.goto()
      await expect(frontPage.heading).toBeVisible()
      await frontPage.storyLink(/Trump speaks with Putin ally Lukashenko/).click()

      await expect(page).toHaveURL(`/articles/${SEED_SLUG}`)
      await expect(articlePage.headline).toHaveText(
        'Trump speaks with Putin ally Lukashenko, thanks him for prisoner release ahead of Alaska summit',
      )
      await expect(page.getByText('With inputs from agencies')).toBeVisible()

      await articlePage.entityLink('Alexander Lukashenko').click()
      await expect(page).toHaveURL('/entities/alexander-lukashenko')
      await expect(entityPage.name).toHaveText('Alexander Lukashenko')
      await expect(page.locator('p', { hasText: 'Also known as' })).toContainText(
        'Aleksandr Lukashenko',
      )
      await expect(
        entityPage.stories.getByRole('link', { name: /Trump speaks with Putin ally/ }),
      ).toBeVisible()

      await page.goBack()
      await expect(articlePage.headline).toContainText('Trump speaks with Putin ally Lukashenko')
    },
  )

  test('links every named person, place and organisation to its page', async ({ articlePage }) => {
    await articlePage.goto(SEED_SLUG)
    const expected = {
      'Donald Trump': 'donald-trump',
      'Alexander Lukashenko': 'alexander-lukashenko',
      'Vladimir Putin': 'vladimir-putin',
      Belarus: 'belarus',
      Russia: 'russia',
      Ukraine: 'ukraine',
      Alaska: 'alaska',
      'Truth Social': 'truth-social',
      BELTA: 'belta',
      Viasna: 'viasna',
      'Sergei Tikhanovsky': 'sergei-tikhanovsky',
      'the White House': 'white-house',
    }
    for (const [name, id] of Object.entries(expected)) {
      await expect(articlePage.entityLink(name)).toHaveAttribute('href', `/entities/${id}`)
    }
  })

  test(
    'shows a quote set apart, with its speaker linked and where it was said',
    {
      tag: '@smoke',
    },
    async ({ page, articlePage }) => {
      await articlePage.goto(SEED_SLUG)
      const quote = articlePage.quote(/Our conversation was a very good one\./)
      await expect(quote).toBeVisible()
      const caption = quote.locator('figcaption')
      await expect(caption).toHaveText(/Taking to Truth Social, Trump wrote/)
      await expect(caption.getByRole('link', { name: 'Trump' })).toHaveAttribute(
        'href',
        '/entities/donald-trump',
      )
      // The words appear once in the body: the callout stands in for the paragraph.
      await expect(
        page.locator('.article-body').getByText(/Our conversation was a very good one/),
      ).toHaveCount(1)
    },
  )

  test('shows the time relative to now, with the exact time, and keeps it current', async ({
    page,
    articlePage,
  }) => {
    await page.clock.install({ time: new Date('2025-08-17T13:00:00Z') })
    await articlePage.goto(SEED_SLUG)
    const time = page.locator('.dateline time')
    await expect(time).toHaveAttribute('datetime', '2025-08-15T12:00:00Z')
    await expect(time).toHaveText('2 days ago')
    await expect(page.locator('.dateline')).toContainText('15 August 2025')
    await page.clock.fastForward('24:00:00')
    await expect(time).toHaveText('3 days ago')
  })

  test('lists the story’s entities and its related stories', async ({ page, articlePage }) => {
    await articlePage.goto(
      'ferry-strike-strands-skerrin-islanders-as-talks-in-port-ellery-collapse',
    )
    await expect(
      articlePage.inThisStory.getByRole('link', { name: /Port Ellery/ }).first(),
    ).toBeVisible()
    await expect(articlePage.related.getByRole('listitem').first()).toBeVisible()
    await articlePage.related.getByRole('link').first().click()
    await expect(page).toHaveURL(/\/articles\//)
    await expect(articlePage.headline).not.toContainText('Ferry strike')
  })

  test('gathers what a person said across stories, linking back to each quote', async ({
    page,
    entityPage,
  }) => {
    await entityPage.goto('donald-trump')
    const quotes = entityPage.quotes.getByRole('listitem')
    await expect(quotes).toHaveCount(2)
    await quotes.first().getByRole('link').click()
    await expect(page).toHaveURL(new RegExp(`/articles/${SEED_SLUG}#block-q1$`))
  })

  test('shows a skeleton in the story’s shape while a slow story loads', async ({
    frontPage,
    articlePage,
    faults,
  }) => {
    const slow = await faults.stall(`**/api/articles/${SEED_SLUG}.json`)
    await frontPage.goto()
    await frontPage.storyLink(/Trump speaks with Putin ally/).click()
    await slow.held
    await expect(articlePage.main).toHaveAttribute('aria-busy', 'true')
    await expect(articlePage.skeleton).toBeVisible()
    await slow.release()
    await expect(articlePage.headline).toContainText('Trump speaks with Putin ally Lukashenko')
    await expect(articlePage.main).toHaveAttribute('aria-busy', 'false')
    await expect(articlePage.skeleton).toHaveCount(0)
  })

  test('fetches a story on hover, before the click', async ({ page, frontPage }) => {
    await frontPage.goto()
    const request = page.waitForRequest(`**/api/articles/${SEED_SLUG}.json`)
    await frontPage.storyLink(/Trump speaks with Putin ally/).hover()
    await request
  })
})

/** A sample story updated a day after it was published, to correct it. */
const CORRECTED_SLUG = 'government-pledges-95-million-crowns-to-repair-port-ellery-seawall'

test.describe('A story that changed', () => {
  test('says when it was updated, and what was put right, at its end', async ({
    page,
    articlePage,
  }) => {
    await page.clock.install({ time: new Date('2026-11-27T10:20:00Z') })
    await articlePage.goto(CORRECTED_SLUG)
    const updated = articlePage.dateline.locator('.updated')
    await expect(updated).toHaveText('Updated 2 hours ago')
    await expect(updated.locator('time')).toHaveAttribute('datetime', '2026-11-27T08:15:00Z')
    // Published the day before: that time is unchanged.
    await expect(articlePage.dateline.locator('time').first()).toHaveText('yesterday')

    const correction = page.getByRole('region', { name: 'Correction' })
    await expect(correction).toContainText(
      'An earlier version of this story said the national coastal defence fund was created in 2011. It was created in 2009.',
    )
    await expect(correction.locator('time')).toHaveAttribute('datetime', '2026-11-27T08:15:00Z')
    // At the end of the story: after its last paragraph and credit, before what follows it.
    const order = await page.evaluate(() =>
      ['.article-body', '.credit', '.corrections', '.article-footer'].map(
        (selector) => document.querySelector(selector)?.getBoundingClientRect().top ?? -1,
      ),
    )
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })
})

/** A fictional story the desk withdrew (content/withdrawn/): its headline was wrong. */
const WITHDRAWN_SLUG =
  'port-ellery-harbour-lights-festival-called-off-after-fire-on-fireworks-barge'

test.describe('A withdrawn story', () => {
  // The page answers 410, and the app, looking for the story first, is answered 404.
  test.use({ allowedConsoleErrors: [/status of (404|410)/] })

  test('its address answers 410 Gone, saying when and why, and no page or feed leads to it', async ({
    page,
    articlePage,
    frontPage,
    latestPage,
    sectionPage,
    entityPage,
  }) => {
    const response = await articlePage.goto(WITHDRAWN_SLUG)
    expect(response?.status()).toBe(410)
    await expect(articlePage.heading).toHaveText('This story has been withdrawn')
    await expect(articlePage.main).toContainText(
      'Only its opening fireworks display was cancelled; the festival goes ahead.',
    )
    await expect(articlePage.main.locator('time')).toHaveAttribute(
      'datetime',
      '2026-11-27T21:30:00Z',
    )
    // Its words are not there: a story is withdrawn because it should no longer be read.
    await expect(articlePage.main).not.toContainText('fire broke out on the barge')

    const leadsThere = page.locator(`a[href*="${WITHDRAWN_SLUG}"]`)
    await frontPage.goto()
    await expect(frontPage.heading).toBeVisible()
    await expect(leadsThere).toHaveCount(0)
    await latestPage.goto()
    await expect(latestPage.headlines.first()).toBeVisible()
    await expect(leadsThere).toHaveCount(0)
    // Its section's front.
    await sectionPage.goto('world')
    await expect(sectionPage.headlines.first()).toBeVisible()
    await expect(leadsThere).toHaveCount(0)
    // The people and places it named, and a story about the same place.
    for (const id of ['port-ellery', 'mara-quill']) {
      await entityPage.goto(id)
      await expect(entityPage.name).toBeVisible()
      await expect(leadsThere).toHaveCount(0)
    }
    await articlePage.goto(CORRECTED_SLUG)
    await expect(articlePage.related.getByRole('link').first()).toBeVisible()
    await expect(leadsThere).toHaveCount(0)
    for (const feed of [
      '/rss.xml',
      '/sections/world/rss.xml',
      '/sitemap.xml',
      '/news-sitemap.xml',
    ]) {
      const text = await (await page.request.get(feed)).text()
      expect(text, feed).toMatch(/^<\?xml /)
      expect(text, feed).not.toContain(WITHDRAWN_SLUG)
    }
  })
})

test.describe('Without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the story is readable in full', async ({ page, articlePage }) => {
    await articlePage.goto(SEED_SLUG, { live: false })
    await expect(articlePage.headline).toContainText('Trump speaks with Putin ally Lukashenko')
    await expect(
      page.getByText(/In late June, Lukashenko released more than a dozen/),
    ).toBeVisible()
    await expect(articlePage.quote(/We discussed many topics/)).toBeVisible()
    await expect(page.locator('.dateline time')).toHaveText('15 Aug 2025')
    await expect(page.locator('.dateline .exact-time')).toHaveText('15 August 2025 at 12:00 UTC')
  })

  test('an updated story gives the exact time of its update and of its correction', async ({
    page,
    articlePage,
  }) => {
    await articlePage.goto(CORRECTED_SLUG, { live: false })
    await expect(articlePage.dateline.locator('.updated')).toHaveText(
      'Updated 27 November 2026 at 08:15 UTC',
    )
    await expect(page.getByRole('region', { name: 'Correction' }).locator('time')).toHaveText(
      '27 November 2026 at 08:15 UTC',
    )
  })
})
