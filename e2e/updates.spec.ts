import type { ChildProcess } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, SEED_SLUG, test } from './fixtures'
import { OfflinePage } from './pages'
import { goOffline, underServiceWorker, workerStates } from './serviceWorker'
import { UPDATES_PORT } from './servers'
import { finished, runScript, serveWithNginx, stopAll } from './siteServer'

// Runs against nginx only (see playwright.config.ts), on a copy of the built site that each test
// changes as a deployment or the newsroom would, while a reader has it open under its service
// worker: a new build, a story withdrawn, a story under embargo.
const FERRY_SLUG = 'ferry-strike-strands-skerrin-islanders-as-talks-in-port-ellery-collapse'
const FERRY_HEADLINE = 'Ferry strike strands Skerrin islanders as talks in Port Ellery collapse'

// Offline, the browser reports each request nothing could answer (an ad's frame, a page not kept).
// (One expression: Playwright reads a two-item array here as a value and its options.)
const OFFLINE_REQUESTS = /^Failed to load resource: net::ERR_(FAILED|INTERNET_DISCONNECTED)$/
// Each worker process serves its own copy on its own port: tests in parallel never share a site.
const origin = () => `http://127.0.0.1:${UPDATES_PORT + test.info().parallelIndex}`
test.use({
  serviceWorkers: 'allow',
  baseURL: async ({}, use) => use(origin()),
  allowedConsoleErrors: [OFFLINE_REQUESTS],
})

let site = ''
let dist = ''
const servers: ChildProcess[] = []

test.beforeEach(async ({ playwright }) => {
  site = await mkdtemp(path.join(os.tmpdir(), 'dispatch-updates-'))
  dist = path.join(site, 'dist')
  await cp('dist', dist, { recursive: true })
  const request = await playwright.request.newContext({ baseURL: origin() })
  await serveWithNginx(dist, UPDATES_PORT + test.info().parallelIndex, request, servers)
  await request.dispose()
})

test.afterEach(async () => {
  await stopAll(servers.splice(0))
  await rm(site, { recursive: true, force: true })
})

/**
 * Deploys a new build over the copy, as `cp -r` of a fresh dist/ after `rm -r` of the old would:
 * every script under a new name, every page and script naming the new ones, the old ones gone,
 * and the service worker's precache list and the files' compressed copies written again by the
 * build's own steps.
 */
async function deployNewBuild() {
  const assets = path.join(dist, 'assets')
  const scripts = (await readdir(assets)).filter((file) => file.endsWith('.js'))
  const renamed = new Map(scripts.map((file) => [file, file.replace(/\.js$/, 'n2.js')]))
  const pattern = new RegExp([...renamed.keys()].map((f) => f.replace('.', '\\.')).join('|'), 'g')
  const texts = (await readdir(dist, { recursive: true })).filter((file) =>
    /\.(html|js)$/.test(file),
  )
  for (const file of texts) {
    const full = path.join(dist, file)
    const text = await readFile(full, 'utf8')
    const next = text.replace(pattern, (name) => renamed.get(name) ?? name)
    // Each file replaced whole, as a deployment by rsync does: a reader never gets half of one.
    if (next !== text) {
      await writeFile(`${full}.next`, next)
      await rename(`${full}.next`, full)
    }
  }
  for (const [from, to] of renamed) await rename(path.join(assets, from), path.join(assets, to))
  // The build's last steps: the precache list, then the compressed copies nginx sends.
  for (const step of ['scripts/build-offline.ts', 'scripts/precompress.ts']) {
    const { code, output } = await finished(runScript(step, ['--dist', dist]))
    expect(code, output).toBe(0)
  }
}

test('a new build waits while a page is open, then takes over at the next navigation', async ({
  page,
  articlePage,
  savedPage,
}) => {
  await articlePage.goto(SEED_SLUG)
  await underServiceWorker(page)
  await page.evaluate(() => Object.assign(window, { openedBeforeTheBuild: true }))

  await deployNewBuild()
  // The browser looks for a new worker at page loads and now and then; here, at once.
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update()
  })
  await expect
    .poll(() => workerStates(page), { timeout: 30_000 })
    .toEqual({
      active: 'activated',
      waiting: 'installed',
    })

  // The open page keeps its own build: code it loads now comes from the device, though the
  // server has only the new build's.
  await articlePage.display.toggle.click()
  await expect(articlePage.display.panel).toBeVisible()
  await articlePage.display.toggle.click()

  // The next navigation is a page load, under the new worker, with the new build's scripts.
  const loaded = page.waitForEvent('load')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Saved' }).click()
  await loaded
  await page.locator('html[data-live]').waitFor({ state: 'attached' })
  await expect(savedPage.heading).toBeVisible()
  expect(await page.evaluate(() => 'openedBeforeTheBuild' in window)).toBe(false)
  await expect(page.locator('script[src^="/assets/index-"]')).toHaveAttribute('src', /n2\.js$/)
  await expect.poll(() => workerStates(page), { timeout: 30_000 }).toEqual({ active: 'activated' })

  // And the new build works offline, from its own precache.
  await goOffline(page)
  await page.reload()
  await page.locator('html[data-live]').waitFor({ state: 'attached' })
  await expect(savedPage.heading).toBeVisible()
  await expect(savedPage.connection).toContainText('You’re offline')
})

/** Runs one of the newsroom's scripts on this test's copy of the site, as `npm run` would. */
async function newsroom(script: string, args: string[]) {
  const { code, output } = await finished(runScript(script, args))
  expect(code, output).toBe(0)
}

test.describe('a withdrawal', () => {
  // The withdrawn story's page answers 410 and its API file 404, which the browser reports.
  test.use({
    allowedConsoleErrors: [
      new RegExp(
        `${OFFLINE_REQUESTS.source}|^Failed to load resource: the server responded with a status of (404|410)`,
      ),
    ],
  })

  test('a story withdrawn after a reader saved it is never shown from the device once online', async ({
    page,
    articlePage,
    savedPage,
  }) => {
    await articlePage.goto(FERRY_SLUG)
    await underServiceWorker(page)
    await articlePage.saveButton(FERRY_HEADLINE).click()
    // Saving loads its code on the first press: saved once the button says so, not at the click.
    await expect(articlePage.saveButton(FERRY_HEADLINE)).toHaveAttribute('aria-pressed', 'true')
    await savedPage.goto()
    await expect(
      savedPage.stories.filter({ hasText: FERRY_HEADLINE }).getByText('Available offline'),
    ).toBeVisible({ timeout: 30_000 })

    // The newsroom withdraws it, and publishes that, with its own tools.
    const content = path.join(site, 'content')
    await cp('content', content, { recursive: true })
    await newsroom('scripts/unpublish.ts', [
      FERRY_SLUG,
      '--reason',
      'This story is under review.',
      '--content',
      content,
    ])
    await newsroom('scripts/refresh.ts', ['--content', content, '--dist', dist])

    // Online, the reader gets what the site says, by a link in the app and by a page load alike.
    const withdrawn = 'This story has been withdrawn'
    await savedPage.stories.getByRole('link', { name: FERRY_HEADLINE }).click()
    await expect(articlePage.heading).toHaveText(withdrawn)
    expect((await articlePage.goto(FERRY_SLUG))?.status()).toBe(410)
    await expect(articlePage.heading).toHaveText(withdrawn)
    await expect(articlePage.main).toContainText('This story is under review.')
    await savedPage.goto()
    await expect(savedPage.headlines()).toHaveText([FERRY_HEADLINE])
    await expect(savedPage.stories.getByText('Available offline')).toHaveCount(0)

    // …and the device kept no copy to show offline.
    await goOffline(page)
    await page.goto(`/articles/${FERRY_SLUG}`)
    await expect(new OfflinePage(page).heading).toBeVisible()
  })
})

test('a correction the newsroom noted and an edit made by hand both reach readers in one refresh', async ({
  articlePage,
}) => {
  const content = path.join(site, 'content')
  await cp('content', content, { recursive: true })
  const refresh = ['--content', content, '--dist', dist]
  // This copy of the site has no build cache yet: the first refresh builds it whole.
  await newsroom('scripts/refresh.ts', refresh)

  // The desk corrects one story with its command, which notes the change for the refresh…
  const correction = 'An earlier version of this story gave the wrong day for the vote.'
  await newsroom('scripts/correct.ts', [FERRY_SLUG, correction, '--content', content])
  // …while someone edits another story's file by hand, which notes nothing.
  const other = 'port-ellery-maritime-museum-reopens-after-two-year-restoration'
  const file = path.join(content, 'articles', `${other}.json`)
  const story = JSON.parse(await readFile(file, 'utf8')) as { standfirst: string }
  const standfirst = 'The museum’s restored galleries open to visitors this weekend.'
  await writeFile(file, `${JSON.stringify({ ...story, standfirst }, null, 2)}\n`)

  const { code, output } = await finished(runScript('scripts/refresh.ts', refresh))
  expect(code, output).toBe(0)
  // The correction was live before the look at every story file, which found the other edit.
  expect(output).toMatch(/the stories the newsroom's commands noted were live in \d+ ms/)
  expect(output).toMatch(/then every story file looked at \(incremental: [1-9]\d* more API files/)

  await articlePage.goto(FERRY_SLUG)
  await expect(articlePage.main).toContainText(correction)
  await articlePage.goto(other)
  await expect(articlePage.main).toContainText(standfirst)
  // And a refresh after it has nothing to do.
  const again = await finished(runScript('scripts/refresh.ts', refresh))
  expect(again.output).toMatch(/0 API files written, 0 removed; 0 pages rendered/)
})

test('a reader pages back to the oldest story, and a story published leaves the older pages as they were', async ({
  page,
  latestPage,
}) => {
  // Twenty-six fictional notices, a day apart in March 2024, older than every built-in story:
  // with those, two pages' worth.
  const content = path.join(site, 'content')
  await cp('content', content, { recursive: true })
  const wires = path.join(site, 'wires')
  await mkdir(wires)
  const notice = (day: number) => `Port Ellery harbour notice ${day}: the quay’s hours for the week`
  for (let day = 1; day <= 26; day++)
    await writeFile(
      path.join(wires, `notice-${day}.txt`),
      [
        `${day} March 2024`,
        notice(day),
        'The harbour office has posted the quay’s opening hours for the coming week.',
        'The quay opens at six and closes at nine, except on the day of the Skerrin market.',
        'Reporting by Dispatch staff',
      ].join('\n'),
    )
  const filed = ['--section', 'Cities', '--content', content, '--no-suggest']
  await newsroom('scripts/ingest.ts', [wires, ...filed])
  const refresh = ['--content', content, '--dist', dist]
  await newsroom('scripts/refresh.ts', refresh)

  // From the latest stories, Older until there is no older page: each says the dates it spans.
  await latestPage.goto()
  await expect(latestPage.older).toBeVisible()
  await expect(latestPage.newer).toHaveCount(0)
  const older: { url: string; headlines: string[]; etag: string | null }[] = []
  while ((await latestPage.older.count()) > 0) {
    const before = page.url()
    await latestPage.older.click()
    await expect(page).not.toHaveURL(before)
    await expect(page).toHaveURL(/\/latest\/page\/[1-9]\d*$/)
    await expect(latestPage.span).toHaveText(/^\d{1,2} \w{3} \d{4}( to \d{1,2} \w{3} \d{4})?$/)
    await expect(latestPage.newer).toBeVisible()
    const url = page.url()
    const served = await page.request.get(url)
    older.push({
      url,
      headlines: await latestPage.headlines.allTextContents(),
      etag: served.headers().etag ?? null,
    })
  }
  const oldest = older.at(-1)
  expect(oldest?.headlines.at(-1)).toBe(notice(1))
  await expect(latestPage.span).toHaveText('1 Mar 2024 to 20 Mar 2024')
  // And back again, Newer by Newer, to the first page.
  for (let i = older.length - 1; i >= 0; i--) {
    await latestPage.newer.click()
    await expect(page).toHaveURL(i > 0 ? (older[i - 1]?.url ?? '') : /\/latest$/)
  }

  // The desk publishes a story: the first page shows it, and no older page changed, even in its
  // file's stamp (a reader's browser that kept one is told it is still good).
  const wire = path.join(site, 'late.txt')
  await writeFile(
    wire,
    [
      'just now',
      'Skerrin market moves indoors for the winter',
      'Stallholders will trade in the Port Ellery drill hall until the spring.',
      'The Skerrin market will be held in the drill hall from next Saturday.',
      'Reporting by Dispatch staff',
    ].join('\n'),
  )
  await newsroom('scripts/ingest.ts', [wire, ...filed])
  await newsroom('scripts/refresh.ts', refresh)
  const first = await page.request.get('/latest')
  expect(await first.text()).toContain('Skerrin market moves indoors for the winter')
  for (const { url, headlines, etag } of older) {
    const served = await page.request.get(url)
    expect(served.headers().etag, url).toBe(etag ?? undefined)
    const text = await served.text()
    for (const headline of headlines) expect(text, url).toContain(headline)
  }
})

test.describe('an embargo', () => {
  // The embargoed story's address answers 404 until its time, which the browser reports.
  test.use({
    allowedConsoleErrors: [/^Failed to load resource: the server responded with a status of 404/],
  })

  test('a story filed for later is nowhere on the site until a refresh after its time', async ({
    page,
    articlePage,
    frontPage,
    sectionPage,
  }) => {
    // A fictional story, filed now for publication tomorrow at 06:00.
    const due = new Date(Date.now() + 24 * 3600_000)
    due.setUTCHours(6, 0, 0, 0)
    const content = path.join(site, 'content')
    await cp('content', content, { recursive: true })
    const wire = path.join(site, 'embargoed.txt')
    await writeFile(
      wire,
      [
        'just now',
        'Skerrin ferry timetable to add a late sailing from the spring',
        'Islanders will be able to spend an evening in Port Ellery and still sleep at home.',
        'A late sailing from Port Ellery to Skerrin will run on Fridays and Saturdays from the spring.',
        'Reporting by Dispatch staff',
      ].join('\n'),
    )
    const slug = 'skerrin-ferry-timetable-to-add-a-late-sailing-from-the-spring'
    const published = ['--published', due.toISOString()]
    const filed = ['--section', 'Cities', '--content', content, '--no-suggest']
    await newsroom('scripts/ingest.ts', [wire, ...published, ...filed])

    // Published by a refresh now: not yet.
    await newsroom('scripts/refresh.ts', [
      '--content',
      content,
      '--dist',
      dist,
      '--changed',
      path.join(site, 'first.txt'),
    ])
    expect((await articlePage.goto(slug))?.status()).toBe(404)
    await frontPage.goto()
    await expect(frontPage.heading).toBeVisible()
    await expect(page.locator(`a[href*="${slug}"]`)).toHaveCount(0)
    // Its section's front and feeds, asked of the server: a page the browser has opened it may
    // show again from its cache for a minute (the site's Cache-Control), so it opens it only once.
    for (const file of ['/sections/cities', '/rss.xml', '/sections/cities/rss.xml']) {
      const response = await page.request.get(file)
      expect(response.status(), file).toBe(200)
      expect(await response.text(), file).not.toContain(slug)
    }

    // A refresh after its time (the clock set a minute past it) publishes it everywhere.
    const later = new Date(due.getTime() + 60_000).toISOString()
    const changed = path.join(site, 'changed.txt')
    const refresh = ['--content', content, '--dist', dist, '--changed', changed]
    await newsroom('scripts/refresh.ts', [...refresh, '--now', later])
    // What a CDN would purge: the story, the pages and files that list it, the feeds.
    const purge = (await readFile(changed, 'utf8')).trimEnd().split('\n')
    expect(purge).toEqual(
      expect.arrayContaining([
        `/articles/${slug}`,
        '/',
        '/latest',
        '/sections/cities',
        `/api/articles/${slug}.json`,
        '/api/front.json',
        '/api/articles/index/1.json',
        '/api/sections/cities/1.json',
        '/rss.xml',
        '/sections/cities/rss.xml',
        '/sitemap.xml',
      ]),
    )
    expect(purge).not.toContain(`/articles/${SEED_SLUG}`)
    expect((await articlePage.goto(slug))?.status()).toBe(200)
    await expect(articlePage.headline).toHaveText(
      'Skerrin ferry timetable to add a late sailing from the spring',
    )
    // The newest story: the front page's lead, and its section front's.
    await frontPage.goto()
    await expect(frontPage.lead).toHaveText(
      'Skerrin ferry timetable to add a late sailing from the spring',
    )
    await sectionPage.goto('cities')
    await expect(sectionPage.headlines.first()).toHaveText(
      'Skerrin ferry timetable to add a late sailing from the spring',
    )
    // The news sitemap too, which lists the last two days' stories by the refresh's clock.
    for (const feed of ['/rss.xml', '/sections/cities/rss.xml', '/news-sitemap.xml'])
      expect(await (await page.request.get(feed)).text(), feed).toContain(slug)
  })
})
