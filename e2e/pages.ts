// Page objects: what a reader sees on each page, by role and name, for tests to drive.
import type { Locator, Page } from '@playwright/test'

/**
 * Opens a page and, unless `live` is false (pages read without JavaScript), waits until the app
 * has taken over the prerendered HTML (`<html data-live>`), which happens after first paint.
 */
export async function open(page: Page, path: string, { live = true } = {}) {
  await page.goto(path)
  if (live) await page.locator('html[data-live]').waitFor({ state: 'attached' })
}

export class FrontPage {
  readonly heading: Locator
  readonly stories: Locator
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Latest stories' })
    this.stories = page.getByRole('main').getByRole('listitem')
  }
  async goto(options?: { live?: boolean }) {
    await open(this.page, '/', options)
  }
  storyLink(headline: string | RegExp) {
    return this.page.getByRole('main').getByRole('link', { name: headline })
  }
}

export class ArticlePage {
  readonly headline: Locator
  readonly body: Locator
  readonly quotes: Locator
  readonly adSlots: Locator
  readonly inThisStory: Locator
  readonly related: Locator
  constructor(readonly page: Page) {
    this.headline = page.getByRole('heading', { level: 1 })
    this.body = page.locator('.article-body')
    this.quotes = page.getByRole('figure')
    this.adSlots = page.getByRole('complementary', { name: 'Advertisement' })
    this.inThisStory = page.getByRole('region', { name: 'In this story' })
    this.related = page.getByRole('region', { name: 'Related stories' })
  }
  async goto(slug: string, options?: { live?: boolean }) {
    await open(this.page, `/articles/${slug}`, options)
  }
  quote(words: string | RegExp) {
    return this.quotes.filter({ has: this.page.getByRole('blockquote').filter({ hasText: words }) })
  }
  entityLink(name: string) {
    return this.body.getByRole('link', { name, exact: true }).first()
  }
}

export class EntityPage {
  readonly name: Locator
  readonly stories: Locator
  readonly quotes: Locator
  constructor(readonly page: Page) {
    this.name = page.getByRole('heading', { level: 1 })
    this.stories = page.getByRole('region', { name: /^Stories/ })
    this.quotes = page.getByRole('region', { name: /^In (their|its) words$/ })
  }
  async goto(id: string, options?: { live?: boolean }) {
    await open(this.page, `/entities/${id}`, options)
  }
}
