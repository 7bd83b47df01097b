import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, SEED_SLUG, test } from './fixtures'
import { PUBLISHING_PORT, WATCHING_PORT } from './servers'
import { finished, printed, runScript, serveWithNginx, stopAll } from './siteServer'
import { goneFile, listRoutes } from '../scripts/prerender/site'
import { pageFolders } from '../scripts/lib/precompress'

// Runs against nginx only (see playwright.config.ts). Readers keep reading while the newsroom
// publishes: every page, API file and feed must answer whole, through every refresh.
const ROUNDS = 20
const READERS = 4

/** What makes an answer whole: a page ends its document, JSON parses, a feed closes its root. */
function problemWith(url: string, status: number, body: string, expected = 200) {
  if (status !== expected) return `${url}: status ${status}`
  if (url.startsWith('/api/')) {
    try {
      JSON.parse(body)
    } catch {
      return `${url}: not whole JSON (${body.length} characters)`
    }
  } else if (url.endsWith('.xml')) {
    const root = /<([a-z]+)[\s>]/i.exec(body.replace(/<\?xml[^>]*>/, ''))?.[1]
    if (!root || !body.trimEnd().endsWith(`</${root}>`)) return `${url}: not a whole feed`
  } else if (!body.trimEnd().endsWith('</html>')) {
    return `${url}: not a whole page (${body.length} characters)`
  }
  return undefined
}

/**
 * A folder of its own holding a copy of the built site and of its content, for a journey that
 * changes them: `dist` and `content` inside it.
 */
async function siteCopy(prefix: string) {
  const site = await mkdtemp(path.join(os.tmpdir(), prefix))
  const copy = { site, dist: path.join(site, 'dist'), content: path.join(site, 'content') }
  try {
    await cp('dist', copy.dist, { recursive: true })
    await cp('content', copy.content, { recursive: true })
  } catch (error) {
    await rm(site, { recursive: true, force: true })
    throw error
  }
  return copy
}

test('readers get whole pages, API files and feeds while 20 refreshes publish', async ({
  playwright,
}) => {
  test.setTimeout(300_000)
  const { site, dist } = await siteCopy('dispatch-publishing-')
  const servers: ChildProcess[] = []
  try {
    const feeds = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.xml'))
    const apiFiles = (await readdir(path.join(dist, 'api'), { recursive: true })).filter((f) =>
      f.endsWith('.json'),
    )
    const urls = [
      ...(await listRoutes(dist)),
      '/404.html',
      ...apiFiles.map((f) => `/api/${f.split(path.sep).join('/')}`),
      ...feeds.map((f) => `/${f.split(path.sep).join('/')}`),
    ]

    // A withdrawn story's address answers 410 Gone, with its whole page.
    const gone = new Set(urls.filter((url) => existsSync(goneFile(dist, url))))
    const reader = await playwright.request.newContext({
      baseURL: `http://127.0.0.1:${PUBLISHING_PORT}`,
    })
    await serveWithNginx(dist, PUBLISHING_PORT, reader, servers)

    const newsroom = runScript('e2e/refreshLoop.ts', ['--site', site, '--rounds', String(ROUNDS)])
    servers.push(newsroom)
    const published = finished(newsroom)
    let publishing = true
    void published.then(() => (publishing = false))

    const problems: string[] = []
    let requests = 0
    const read = async () => {
      while (publishing) {
        for (const url of urls) {
          const response = await reader.get(url)
          requests++
          const expected = gone.has(url) ? 410 : 200
          const problem = problemWith(url, response.status(), await response.text(), expected)
          if (problem) problems.push(problem)
        }
      }
    }
    await Promise.all(Array.from({ length: READERS }, read))
    const { code, output } = await published
    expect(code, output).toBe(0)
    const rounds = output.match(/^round \d+ \((full|incremental)\)/gm) ?? []
    expect(rounds, output).toHaveLength(ROUNDS)
    // The first round has no build cache yet, then every fourth drops it: both kinds of write ran.
    expect(rounds.filter((r) => r.endsWith('(full)')).length, output).toBe(1 + ROUNDS / 4)
    test.info().annotations.push({
      type: 'publishing',
      description: `${ROUNDS} refreshes, ${requests} requests for ${urls.length} files, ${problems.length} problems`,
    })
    // The readers went through every file at least once while the refreshes ran.
    expect(requests).toBeGreaterThanOrEqual(urls.length)
    expect(problems).toEqual([])
    await reader.dispose()
  } finally {
    await stopAll(servers)
    await rm(site, { recursive: true, force: true })
  }
})

// The newsroom's desk leaves `npm run refresh -- --watch` running: each command's change reaches
// readers with no refresh run by hand, and the watch goes on until it is stopped.
test('a watching refresh publishes each change the newsroom makes, until it is stopped', async ({
  playwright,
}) => {
  test.setTimeout(120_000)
  const { site, dist, content } = await siteCopy('dispatch-watching-')
  const children: ChildProcess[] = []
  const slug = 'ferry-strike-strands-skerrin-islanders-as-talks-in-port-ellery-collapse'
  try {
    const reader = await playwright.request.newContext({
      baseURL: `http://127.0.0.1:${WATCHING_PORT}`,
    })
    await serveWithNginx(dist, WATCHING_PORT, reader, children)
    const changed = path.join(site, 'changed.txt')
    const watching = runScript('scripts/refresh.ts', [
      '--watch',
      ...['--content', content, '--dist', dist, '--changed', changed],
    ])
    children.push(watching)
    const stopped = finished(watching)
    // Its first refresh (the whole copy: it has no build cache) is done before the desk works.
    await printed(watching, 'addresses changed')
    const command = async (script: string, args: string[]) => {
      const { code, output } = await finished(runScript(script, [...args, '--content', content]))
      expect(code, output).toBe(0)
    }
    // The story's address as a reader gets it: its status, and whether it shows the words.
    const shows = (words: string) => async () => {
      const response = await reader.get(`/articles/${slug}`)
      return `${response.status()} ${(await response.text()).includes(words) ? 'with' : 'without'}`
    }

    // A correction: the story's page shows it, with no refresh run by hand.
    const correction = 'An earlier version of this story gave the wrong day for the strike vote.'
    expect(await shows(correction)()).toBe('200 without')
    await command('scripts/correct.ts', [slug, correction])
    await expect.poll(shows(correction), { timeout: 30_000 }).toBe('200 with')
    // The CDN's list names the story's page among the addresses that refresh changed.
    expect((await readFile(changed, 'utf8')).split('\n')).toContain(`/articles/${slug}`)

    // Then the story withdrawn: its address answers 410 Gone, saying why.
    const reason = 'This story is withdrawn while the desk checks its account of the talks.'
    await command('scripts/unpublish.ts', [slug, '--reason', reason])
    await expect.poll(shows(reason), { timeout: 30_000 }).toBe('410 with')

    // Still watching until stopped; then it exits cleanly.
    expect(watching.exitCode).toBeNull()
    watching.kill('SIGTERM')
    const { code, output } = await stopped
    expect(code, output).toBe(0)
    expect(output).toContain('watching')
    await reader.dispose()
  } finally {
    await stopAll(children)
    await rm(site, { recursive: true, force: true })
  }
})

// A rebuild spread over machines: each renders one share of the pages (`--shard i/n`), and their
// sites, put together, are the site one build makes, given the same build time.
test('three shards of the prerender merge into the same site as one build, byte for byte', async () => {
  test.setTimeout(120_000)
  const root = await mkdtemp(path.join(os.tmpdir(), 'dispatch-shards-'))
  const env = { SOURCE_DATE_EPOCH: String(Math.floor(Date.parse('2026-12-01T08:00:00Z') / 1000)) }
  const run = async (script: string, args: string[]) => {
    const { code, output } = await finished(runScript(script, args, env))
    expect(code, output).toBe(0)
    return output
  }
  try {
    // What each machine has before its prerender: the built app, API and feeds, and no pages.
    // (The front page's index.html stays: the prerender keeps the page template aside.)
    const isPage = (file: string) =>
      /\.html(\.gz|\.br)?$/.test(file) && !/^index\.html/.test(path.relative('dist', file))
    const prepare = async (dir: string) => {
      await cp('dist', dir, { recursive: true, filter: (f) => !isPage(f) })
      expect(existsSync(path.join(dir, `articles/${SEED_SLUG}/index.html`))).toBe(false)
    }
    const whole = path.join(root, 'whole')
    await prepare(whole)
    await run('scripts/prerender.ts', ['--dist', whole])
    await run('scripts/precompress.ts', ['--dist', whole])
    const files = async (dir: string) =>
      (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .sort()
    const differing = async (a: string, b: string, names: string[]) => {
      const differ = []
      for (const file of names) {
        const [x, y] = await Promise.all([
          readFile(path.join(a, file)),
          readFile(path.join(b, file)),
        ])
        if (!x.equals(y)) differ.push(file)
      }
      return differ
    }

    // The same prerender into a site with no folders of pages at all, as the app's build leaves
    // it, writes each page straight to its name: the same pages.
    const folders = pageFolders()
    const inPageFolder = (file: string) =>
      folders.has(path.relative('dist', file).split(path.sep)[0] ?? '')
    const fresh = path.join(root, 'fresh')
    await cp('dist', fresh, { recursive: true, filter: (f) => !isPage(f) && !inPageFolder(f) })
    await run('scripts/prerender.ts', ['--dist', fresh])
    const pages = (await files(whole)).filter(
      (f) => isPage(f) && folders.has(f.split(path.sep)[0] ?? ''),
    )
    expect(pages.length).toBeGreaterThan(0)
    expect(await files(fresh)).toEqual(expect.arrayContaining(pages))
    expect(await differing(whole, fresh, pages)).toEqual([])

    // Two worker processes, each asking for a few routes at a time as it finishes the last
    // (a big archive's prerender): the same pages again.
    const shared = path.join(root, 'workers')
    await prepare(shared)
    const onWorkers = await run('scripts/prerender.ts', ['--dist', shared, '--workers', '2'])
    expect(onWorkers).toContain('on 2 worker processes')
    expect(await files(shared)).toEqual(expect.arrayContaining(pages))
    expect(await differing(whole, shared, pages)).toEqual([])

    const routes = (await listRoutes('dist')).length
    const dirs: string[] = []
    const counts: number[] = []
    for (const shard of ['1/3', '2/3', '3/3']) {
      const dir = path.join(root, `shard-${dirs.length + 1}`)
      dirs.push(dir)
      await prepare(dir)
      const output = await run('scripts/prerender.ts', ['--dist', dir, '--shard', shard])
      counts.push(Number(/(\d+) of \d+ routes/.exec(output)?.[1]))
      await run('scripts/precompress.ts', ['--dist', dir])
    }
    // Each shard rendered a share, not the whole site; together, at least every page.
    for (const count of counts) expect(count).toBeLessThan(routes)
    expect(counts.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(routes)

    const merged = path.join(root, 'site')
    await run('scripts/merge-shards.ts', ['--out', merged, ...dirs])
    const expected = await files(whole)
    expect(await files(merged)).toEqual(expected)
    expect(await differing(whole, merged, expected)).toEqual([])

    // Shards built from different content do not merge: the merge names the file.
    await writeFile(path.join(dirs[1] ?? '', 'api/front.json'), '{}')
    const refused = await finished(
      runScript('scripts/merge-shards.ts', ['--out', path.join(root, 'other'), ...dirs]),
    )
    expect(refused.code).toBe(1)
    expect(refused.output).toContain('api/front.json differs between')
    expect(existsSync(path.join(root, 'other'))).toBe(false)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
})

test('a prerender that finds an API file cut off fails, naming the page, the file and why', async () => {
  test.setTimeout(120_000)
  const root = await mkdtemp(path.join(os.tmpdir(), 'dispatch-cut-'))
  try {
    const dir = path.join(root, 'dist')
    await cp('dist', dir, { recursive: true })
    // The seed story's API file as a build stopped part-way through writing it would leave it.
    const api = path.join(dir, `api/articles/${SEED_SLUG}.json`)
    const text = await readFile(api, 'utf8')
    await writeFile(api, text.slice(0, Math.floor(text.length / 2)))
    const { code, output } = await finished(runScript('scripts/prerender.ts', ['--dist', dir]))
    expect(code).not.toBe(0)
    expect(output).toContain(
      `/articles/${SEED_SLUG} failed to render: ContractError: $: is not valid JSON: it ends part-way`,
    )
    expect(output).toContain(`/api/articles/${SEED_SLUG}.json`)
    expect(output).not.toMatch(/NetworkError|connection/)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
})
