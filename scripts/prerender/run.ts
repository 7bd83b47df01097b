// Prerenders routes across child processes: rendering is CPU-bound, so one per core for big
// batches (a small batch is not worth the start-up of a second Node).
import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { pageFolders } from '../lib/precompress'
import { keepTemplate, renderRoutes, type SiteOptions } from './site'

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))
// A render makes much short-lived garbage: a young generation of 32 MB (V8's default is 16 on
// 64-bit) collects it less often, and cut a page's CPU time by a fifth (docs/decisions/034).
const WORKER_FLAGS = ['--max-semi-space-size=32', '--import', 'tsx']

/** Peak memory of each prerender child process so far, in KB. */
export const childPeakRssKb: number[] = []

/**
 * Routes a worker asks for at a time: a few hundred milliseconds of rendering, so that the
 * workers finish within about that of each other whatever their pages cost and however much of
 * the machine each gets. Each share given out once, before the workers started, left one worker
 * rendering alone for the last 2.3 s of a 35 s prerender (docs/decisions/067).
 */
const CHUNK = 64

function renderInChild(take: () => string[], options: SiteOptions) {
  return new Promise<void>((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: WORKER_FLAGS, stdio: 'inherit' })
    child.on('message', (m: { more: true } | { maxRssKb: number }) => {
      if ('more' in m) child.send({ routes: take() })
      else childPeakRssKb.push(m.maxRssKb)
    })
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`prerender worker exited with ${String(code)}`)),
    )
    child.send({ options })
  })
}

/**
 * Whether a site has any of its folders of pages: none, after the app's build emptied it, and a
 * page's three files are each written straight to their names, three renames a page fewer
 * (docs/decisions/066).
 */
const hasPages = (distDir: string) =>
  [...pageFolders()].some((folder) => existsSync(path.join(distDir, folder)))

/**
 * Renders routes, and the 404 page, on one worker process per core (`workers`, when given: that
 * many, however few the routes), or in this process when the routes are too few to repay a
 * second Node's start. Returns how many worker processes rendered them (0: this process).
 */
export async function prerenderRoutes(
  routes: string[],
  options: SiteOptions,
  workers?: number,
): Promise<number> {
  await keepTemplate(options)
  options = { ...options, fresh: options.fresh ?? !hasPages(options.distDir) }
  const count =
    workers === undefined
      ? Math.min(os.availableParallelism(), Math.ceil(routes.length / 500))
      : Math.min(workers, routes.length)
  if (count <= 1) {
    await renderRoutes(routes, { ...options, notFound: true })
    return 0
  }
  // Handed out as the workers ask, in order: a worker that finishes its chunk takes the next. A
  // few routes make smaller chunks, so that each worker still takes several.
  const size = Math.max(1, Math.min(CHUNK, Math.ceil(routes.length / (count * 4))))
  let next = 0
  const take = () => {
    const chunk = routes.slice(next, next + size)
    next += chunk.length
    return chunk
  }
  await Promise.all(Array.from({ length: count }, () => renderInChild(take, options)))
  await renderRoutes([], { ...options, notFound: true })
  return count
}
