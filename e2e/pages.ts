// Page objects: what a reader sees on each page and in each state, by role and name, for tests to
// drive. One class per page type or state; specs reach the page through these, never by CSS.
import type { Locator, Page } from '@playwright/test'

/**
 * Opens a page and, unless `live` is false (pages read without JavaScript), waits until the app
 * has taken over the prerendered HTML (`<html data-live>`), which happens after first paint.
 */
export async function open(page: Page, path: string, { live = true } = {}) {
  const response = await page.goto(path)
  if (live) await page.locator('html[data-live]').waitFor({ state: 'attached' })
  return response
}

/** The masthead's Display button and its panel: theme and text size. */
export class DisplayPanel {
  readonly toggle: Locator
  readonly panel: Locator
  constructor(readonly page: Page) {
    this.toggle = page.getByRole('button', { name: 'Display' })
    this.panel = page.getByRole('region', { name: 'Display settings' })
  }
  theme(name: 'System' | 'Light' | 'Dark') {
    return this.panel.getByRole('group', { name: 'Theme' }).getByRole('radio', { name })
  }
  textSize(name: 'Small' | 'Default' | 'Large' | 'Larger' | 'Largest') {
    return this.panel.getByRole('group', { name: 'Text size' }).getByRole('radio', { name })
  }
  /** Opens the panel and makes a choice, as a reader with a mouse or finger would. */
  async choose(choice: { theme?: 'System' | 'Light' | 'Dark'; textSize?: 'Large' | 'Largest' }) {
    if (!(await this.panel.isVisible())) await this.toggle.click()
    if (choice.theme) await this.theme(choice.theme).check()
    if (choice.textSize) await this.textSize(choice.textSize).check()
  }
}

/**
 * The masthead's row of sections: Latest and each section's front. It scrolls sideways where it
 * does not fit (a phone), and marks the front being read with `aria-current="page"`.
 */
export class SectionNav {
  readonly nav: Locator
  readonly links: Locator
  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Sections' })
    this.links = this.nav.getByRole('link')
  }
  link(name: string) {
    return this.nav.getByRole('link', { name, exact: true })
  }
}

/** What every page has: the masthead, the main landmark and its heading. */
abstract class SitePage {
  readonly main: Locator
  readonly heading: Locator
  readonly homeLink: Locator
  readonly sectionNav: SectionNav
  readonly display: DisplayPanel
  /** What the page says when the reader goes offline and comes back. */
  readonly connection: Locator
  constructor(
    readonly page: Page,
    headingName?: string,
  ) {
    this.connection = page.getByRole('contentinfo').getByRole('status')
    this.main = page.getByRole('main')
    this.heading = page.getByRole('heading', {
      level: 1,
      ...(headingName && { name: headingName }),
    })
    this.homeLink = page.getByRole('link', { name: 'Dispatch, home' })
    this.sectionNav = new SectionNav(page)
    this.display = new DisplayPanel(page)
  }
  /** A story's Save button (a toggle, pressed while saved), in the page or a list. */
  saveButton(headline: string) {
    return this.main.getByRole('button', { name: `Save “${headline}”`, exact: true })
  }
  /** Whether the main area is waiting for the next page's data (`aria-busy`). */
  busy() {
    return this.main.getAttribute('aria-busy').then((value) => value === 'true')
  }
}

/** A page that lists stories, each a headline linking to it. */
abstract class ListPage extends SitePage {
  /** The stories' headline links, in the page's order. */
  abstract readonly headlines: Locator
  storyLink(headline: string | RegExp) {
    return this.main.getByRole('link', { name: headline })
  }
}

/**
 * `/`: the lead story (the newest), then a block for each section with its latest few stories and
 * a link to its front, then a link to every story.
 */
export class FrontPage extends ListPage {
  /** The lead story's headline link. */
  readonly lead: Locator
  readonly headlines: Locator
  readonly allLatest: Locator
  /**
   * The pictures beside the stories, the lead's first. They repeat the headline beside them, so
   * their alt is empty and they have no role to find them by.
   */
  readonly pictures: Locator
  /** The cropped thumbnails of the section blocks' stories. */
  readonly thumbnails: Locator
  constructor(page: Page) {
    super(page, 'Top stories on Dispatch')
    this.pictures = this.main.locator('picture img')
    this.thumbnails = this.main.locator('.story-card picture img')
    // The lead's headline is the page's first h2; each section's stories are h3s under its own.
    this.lead = this.main.getByRole('heading', { level: 2 }).first().getByRole('link')
    this.headlines = this.lead.or(this.main.getByRole('heading', { level: 3 }).getByRole('link'))
    this.allLatest = this.main.getByRole('link', { name: 'All the latest stories' })
  }
  async goto(options?: { live?: boolean }) {
    return open(this.page, '/', options)
  }
  /** A section's block: its heading links to the section's front, as does "More <Section>". */
  section(name: string) {
    const block = this.main.getByRole('region', { name, exact: true })
    return {
      block,
      title: block.getByRole('heading', { level: 2 }).getByRole('link', { name, exact: true }),
      headlines: block.getByRole('heading', { level: 3 }).getByRole('link'),
      more: block.getByRole('link', { name: `More ${name}` }),
    }
  }
}

/**
 * `/latest`: every story, newest first; the newest on the first page, then older pages of 20 that
 * each say the dates they span.
 */
export class LatestPage extends ListPage {
  readonly stories: Locator
  readonly headlines: Locator
  readonly older: Locator
  readonly newer: Locator
  /** What the pagination says of an older page: the dates of its stories. */
  readonly span: Locator
  constructor(page: Page) {
    super(page, 'Latest stories')
    this.stories = this.main.getByRole('listitem')
    this.headlines = this.stories.getByRole('heading', { level: 2 }).getByRole('link')
    const pagination = this.main.getByRole('navigation', { name: 'Older and newer stories' })
    this.older = pagination.getByRole('link', { name: 'Older' })
    this.newer = pagination.getByRole('link', { name: 'Newer' })
    this.span = pagination.locator('.pagination__status')
  }
  async goto(options?: { live?: boolean }) {
    return open(this.page, '/latest', options)
  }
  /** Each story's headline and the section it is filed in, as the list shows them. */
  async storiesWithSections() {
    return this.stories.evaluateAll((items) =>
      items.map((item) => ({
        headline: item.querySelector('h2')?.textContent ?? '',
        section: item.querySelector('.section-label')?.textContent ?? '',
      })),
    )
  }
}

/** `/sections/:id`: the section's name and what it covers, its newest story leading, its feed. */
export class SectionPage extends ListPage {
  readonly name: Locator
  readonly description: Locator
  /** The lead story's headline, then the rest's. */
  readonly headlines: Locator
  readonly feedLink: Locator
  /** The section each listed story is filed under, as its card says. */
  readonly storySections: Locator
  constructor(page: Page) {
    super(page)
    this.name = this.heading
    this.headlines = this.main.getByRole('heading', { level: 2 }).getByRole('link')
    this.description = this.main.locator('.list-header__description')
    this.feedLink = this.main.getByRole('link', { name: /RSS feed$/ })
    this.storySections = this.main.locator('.section-label')
  }
  async goto(id: string, options?: { live?: boolean }) {
    return open(this.page, `/sections/${id}`, options)
  }
}

/** `/authors/:id`: who a journalist is, and their stories, newest first. */
export class AuthorPage extends ListPage {
  readonly name: Locator
  /** "Stories (N stories)": the list, named by its heading, which says how many there are. */
  readonly stories: Locator
  readonly headlines: Locator
  constructor(page: Page) {
    super(page)
    this.name = this.heading
    this.stories = this.main.getByRole('region', { name: /^Stories/ })
    this.headlines = this.stories.getByRole('heading', { level: 3 }).getByRole('link')
  }
  async goto(id: string, options?: { live?: boolean }) {
    return open(this.page, `/authors/${id}`, options)
  }
}

export class ArticlePage extends SitePage {
  readonly headline: Locator
  readonly body: Locator
  readonly quotes: Locator
  readonly adSlots: Locator
  readonly inThisStory: Locator
  readonly related: Locator
  readonly credit: Locator
  readonly dateline: Locator
  /** The section label above the headline, a link to the section's front. */
  readonly sectionLink: Locator
  /** "By Ilse Varga and Jonah Feld" under the standfirst: staff stories only. */
  readonly byline: Locator
  readonly shareButton: Locator
  readonly hideAds: Locator
  readonly showAds: Locator
  /** The placeholder in the story's shape shown while a slow story loads. */
  readonly skeleton: Locator
  constructor(page: Page) {
    super(page)
    this.headline = this.heading
    this.body = page.locator('.article-body')
    this.quotes = page.getByRole('figure')
    this.adSlots = page.getByRole('complementary', { name: /^Advertisement/ })
    this.inThisStory = page.getByRole('region', { name: 'In this story' })
    this.related = page.getByRole('region', { name: 'Related stories' })
    this.credit = page.locator('.credit')
    this.dateline = page.locator('.dateline')
    this.sectionLink = this.main.locator('.article-header .section-label').getByRole('link')
    this.byline = this.main.locator('.byline')
    this.shareButton = page.getByRole('button', { name: 'Share this story' })
    this.hideAds = page.getByRole('button', { name: 'Hide ads for this visit' })
    this.showAds = page.getByRole('button', { name: 'Show ads again' })
    this.skeleton = page.locator('.page-skeleton.article-layout')
  }
  async goto(slug: string, options?: { live?: boolean }) {
    return open(this.page, `/articles/${slug}`, options)
  }
  quote(words: string | RegExp) {
    return this.quotes.filter({ has: this.page.getByRole('blockquote').filter({ hasText: words }) })
  }
  entityLink(name: string) {
    return this.body.getByRole('link', { name, exact: true }).first()
  }
  /** An author's name in the byline, a link to their page. */
  authorLink(name: string) {
    return this.byline.getByRole('link', { name, exact: true })
  }
  /** One ad slot by its block id (`ad1`, `ad2`…): the box the story reserves for it. */
  adSlot(id: string) {
    return this.page.locator(`[data-ad-slot="${id}"]`)
  }
  /**
   * Resolves once every slot's ad code has loaded and is watching the slot (`data-ad-ready`): it
   * loads after the page goes live, so a test that controls time waits for it first.
   */
  async adsReady() {
    await this.page
      .locator('[data-ad-slot]:not([data-ad-ready])')
      .first()
      .waitFor({ state: 'detached' })
  }
  /** The slot's creative, once it has said it rendered. */
  loadedCreative(id: string) {
    return this.adSlot(id).locator('iframe.ad-frame--loaded')
  }
}

export class EntityPage extends SitePage {
  readonly name: Locator
  readonly aliases: Locator
  readonly stories: Locator
  readonly quotes: Locator
  constructor(page: Page) {
    super(page)
    this.name = this.heading
    this.aliases = page.locator('p', { hasText: 'Also known as' })
    this.stories = page.getByRole('region', { name: /^Stories/ })
    this.quotes = page.getByRole('region', { name: /^In (their|its) words$/ })
  }
  async goto(id: string, options?: { live?: boolean }) {
    return open(this.page, `/entities/${id}`, options)
  }
}

/** `/saved`: the stories saved on this device, newest saved first, each with Remove. */
export class SavedPage extends SitePage {
  readonly stories: Locator
  readonly empty: Locator
  readonly noScriptNote: Locator
  constructor(page: Page) {
    super(page, 'Saved stories')
    this.stories = this.main.getByRole('listitem')
    this.empty = this.main.getByText('Nothing saved yet.')
    // Locators by text or role pass over <noscript>: this one is found by its markup.
    this.noScriptNote = page.locator('noscript > p')
  }
  /** The saved stories' headlines, in the page's order. */
  headlines() {
    return this.stories.getByRole('heading')
  }
  remove(headline: string) {
    return this.main.getByRole('button', { name: `Remove “${headline}”`, exact: true })
  }
  async goto(options?: { live?: boolean }) {
    return open(this.page, '/saved', options)
  }
}

/** `/search`: the form, the status line that says what was found, the filter and the results. */
export class SearchPage extends SitePage {
  readonly box: Locator
  readonly submit: Locator
  readonly status: Locator
  readonly results: Locator
  readonly sections: Locator
  readonly showMore: Locator
  /** What the page says to a browser without JavaScript. */
  readonly noScriptNote: Locator
  constructor(page: Page) {
    super(page, 'Search')
    // Locators by text or role pass over <noscript>: this one is found by its markup.
    this.noScriptNote = page.locator('noscript > p')
    const form = page.getByRole('search')
    this.box = form.getByRole('searchbox', { name: 'Stories, people, places and organisations' })
    this.submit = form.getByRole('button', { name: 'Search' })
    this.status = this.main.getByRole('status')
    this.results = page.getByRole('main').getByRole('listitem')
    this.sections = this.main.getByRole('group', { name: 'Section' })
    this.showMore = page.getByRole('button', { name: 'Show more results' })
  }
  /** A result's headline or name link. */
  result(name: string | RegExp) {
    return this.results.getByRole('heading').getByRole('link', { name })
  }
  /** The highlighted words of the results, as shown. */
  marked() {
    return this.results.locator('mark').allTextContents()
  }
  async goto(query = '', options?: { live?: boolean }) {
    return open(this.page, query ? `/search?q=${encodeURIComponent(query)}` : '/search', options)
  }
}

/** Any address with nothing at it: status 404, a plain message and a way home. */
export class NotFoundPage extends SitePage {
  readonly latestStories: Locator
  constructor(page: Page) {
    super(page)
    this.latestStories = page.getByRole('link', { name: 'Go to the latest stories' })
  }
  static readonly title = 'We can’t find that page'
  async goto(path: string, options?: { live?: boolean }) {
    return open(this.page, path, options)
  }
}

/**
 * What a page the device has not kept shows offline: the service worker's offline page, or the
 * app's, when a navigation finds no connection. It leads to the saved stories.
 */
export class OfflinePage extends SitePage {
  readonly savedStories: Locator
  readonly tryAgain: Locator
  constructor(page: Page) {
    super(page, 'You’re offline')
    this.savedStories = this.main.getByRole('link', { name: 'saved stories' })
    this.tryAgain = this.main.getByRole('button', { name: 'Try again' })
  }
}

/**
 * The two error states of a page whose data could not be shown: a failed request (with the cause
 * and "Try again") and data that breaks the contract (with the fields at fault).
 */
export class ErrorPage extends SitePage {
  static readonly loadFailed = 'We couldn’t load this page'
  static readonly badData = 'This page’s data is not in the expected format'
  readonly tryAgain: Locator
  readonly issues: Locator
  constructor(page: Page) {
    super(page)
    this.tryAgain = page.getByRole('button', { name: 'Try again' })
    this.issues = page.locator('.error-view__issues').getByRole('listitem')
  }
  /** One listed contract problem, by its JSON path (e.g. `$.article.headline`). */
  issue(path: string) {
    return this.issues.filter({ hasText: path })
  }
}
