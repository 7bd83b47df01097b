// The service worker's precache list: the app shell, written into the built worker (dist/sw.js)
// once the pages it names are prerendered (docs/decisions/021). Run again on the same folder, it
// replaces the list it wrote, so a site copied and changed can be given its own.
import path from 'node:path'
import { getManifest } from 'workbox-build'
import { readFile, writeWhole } from '../lib/fs'

/**
 * The shell: every script (a lazy page's code must be there offline), the two pages the worker
 * answers offline with, the manifest and its icons. Stories and entity pages are not here: the
 * worker keeps the ones each reader opens and saves.
 */
export const SHELL = [
  'assets/**/*.js',
  'offline/index.html',
  'saved/index.html',
  'manifest.webmanifest',
  'icons/*.png',
]

/** Where the compiled worker expects its list: Workbox's injection point, or the list written before. */
const INJECTION_POINT = /self\.__WB_MANIFEST|\/\*precache\*\/.*?\/\*end precache\*\//s

export class PrecacheError extends Error {
  override name = 'PrecacheError'
}

/**
 * Writes the precache list into `dist/sw.js`. Returns how many files and bytes it lists; undefined
 * when the worker has no list to hold (a site built with VITE_OFFLINE=off gets one that removes
 * itself).
 */
export async function writePrecache(dist: string) {
  const file = path.join(dist, 'sw.js')
  const worker = await readFile(file, 'utf8')
  if (!INJECTION_POINT.test(worker)) return undefined
  const { manifestEntries, count, size, warnings } = await getManifest({
    globDirectory: dist,
    globPatterns: SHELL,
    // The ad debugging panel only ever opens online, with `?debug=ads`.
    globIgnores: ['assets/AdDebugPanel-*.js'],
    // Hashed names change with their content: no revision needed.
    dontCacheBustURLsMatching: /^\/?assets\//,
    modifyURLPrefix: { '': '/' },
  })
  if (warnings.length > 0) throw new PrecacheError(`${file}: ${warnings.join('; ')}`)
  for (const page of ['/offline/index.html', '/saved/index.html'])
    if (!manifestEntries.some((entry) => entry.url === page))
      throw new PrecacheError(`${file}: ${dist}${page} is missing; the worker needs it offline`)
  const list = `/*precache*/${JSON.stringify(manifestEntries)}/*end precache*/`
  await writeWhole(
    file,
    worker.replace(INJECTION_POINT, () => list),
  )
  return { count, size }
}
