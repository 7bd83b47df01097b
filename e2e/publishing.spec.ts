import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './fixtures'
import { PUBLISHING_PORT } from './servers'
import { finished, runScript, serveWithNginx, stopAll } from './siteServer'
import { goneFile, listRoutes } from '../scripts/prerender/site'

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

test('readers get whole pages, API files and feeds while 20 refreshes publish', async ({
  playwright,
}) => {
  test.setTimeout(300_000)
  const site = await mkdtemp(path.join(os.tmpdir(), 'dispatch-publishing-'))
  const servers: ChildProcess[] = []
  try {
    await cp('dist', path.join(site, 'dist'), { recursive: true })
    await cp('content', path.join(site, 'content'), { recursive: true })
    const dist = path.join(site, 'dist')
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
