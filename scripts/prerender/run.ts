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

function renderInChild(routes: string[], options: SiteOptions) {
  return new Promise<void>((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: WORKER_FLAGS, stdio: 'inherit' })
    child.on('message', (m) => childPeakRssKb.push((m as { maxRssKb: number }).maxRssKb))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`prerender worker exited with ${String(code)}`)),
    )
    child.send({ routes, options })
  })
}

/**
 * Whether a site has any of its folders of pages: none, after the app's build emptied it, and a
 * page's three files are each written straight to their names, three renames a page fewer
 * (docs/decisions/066).
 */
const hasPages = (distDir: string) =>
  [...pageFolders()].some((folder) => existsSync(path.join(distDir, folder)))

export async function prerenderRoutes(
  routes: string[],
  options: SiteOptions,
  workers = os.availableParallelism(),
) {
  await keepTemplate(options)
  options = { ...options, fresh: options.fresh ?? !hasPages(options.distDir) }
  const count = Math.max(1, Math.min(workers, Math.ceil(routes.length / 500)))
  if (count === 1) return renderRoutes(routes, { ...options, notFound: true })
  // Interleave routes so each worker gets a similar mix of article, front and entity pages.
  const shares = Array.from({ length: count }, (_, w) => routes.filter((_, i) => i % count === w))
  await Promise.all(shares.map((share) => renderInChild(share, options)))
  await renderRoutes([], { ...options, notFound: true })
}
