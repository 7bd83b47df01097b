// The last step of `npm run build`: compressed copies for what the earlier steps wrote plainly
// (assets, the service worker), on as many threads as there are cores; and the times the copy of
// public/ takes away from the files it copies, which keeps their copies current.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { filesUnder } from './fs'
import { compressible, ENCODINGS, MIN_BYTES } from './served'
import { siteWriter } from './siteWriter'
import { siteMap, type SiteMap } from '../../src/app/siteMap'

export interface PrecompressOptions {
  /** Threads that compress: one per core. */
  threads?: number
  /** Top-level folders not looked at. */
  skip?: ReadonlySet<string>
}

/**
 * Gives each file copied from `from` into `to` (the app's build copying public/ into dist/, which
 * stamps every file it copies with the time of the copy) the times of its source again, where the
 * two are the same size: copies that were current in `from` are then current in `to`, and
 * `precompressTree` leaves them be. The top-level folders in `linked` are not looked at: their
 * files are links to the same bytes and times (the API's, scripts/lib/publicCopy.ts). Returns how
 * many files it gave their times.
 */
export function keepSourceTimes(
  from: string,
  to: string,
  linked: ReadonlySet<string> = new Set(),
): number {
  const entries = fs
    .readdirSync(from, { withFileTypes: true })
    .flatMap((top) =>
      linked.has(top.name)
        ? []
        : top.isDirectory()
          ? fs.readdirSync(path.join(from, top.name), { recursive: true, withFileTypes: true })
          : [top],
    )
  let kept = 0
  // On this thread, as precompressTree looks: through libuv's pool, the looks and the changes cost
  // more in round trips than in the work (42,485 API files: 1.0 s against 1.6-1.7 s).
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const file = path.relative(from, path.join(entry.parentPath, entry.name))
    const source = fs.statSync(path.join(from, file))
    const copy = fs.statSync(path.join(to, file), { throwIfNoEntry: false })
    // (A link: its times are its source's.)
    if (!copy || copy.size !== source.size || copy.ino === source.ino) continue
    fs.utimesSync(path.join(to, file), source.atimeMs / 1000, source.mtimeMs / 1000)
    kept++
  }
  return kept
}

/** Whether a file's copies (their modification times, undefined for one missing) are current. */
const copiesCurrent = (mtimeMs: number, copyMtimes: readonly (number | undefined)[]) =>
  copyMtimes.every((copy) => copy !== undefined && Math.abs(copy - mtimeMs) < 1)

/**
 * The site's top-level folders of pages (`/articles/…`, `/entities/…`, the lists), whose every file
 * the prerender and the feeds write with its copies (`writeServed`) into the site the app's build
 * has just emptied. At 100,000 stories they hold 520,000 of the site's 957,000 files, and looking
 * at them took the last step about half of its 16 s, to find nothing to do (docs/decisions/054).
 * The API's folder is still looked at: a content build run without `--compress` (`npm run dev`'s)
 * leaves files without copies that a later build's cache calls current.
 */
export function pageFolders(map: SiteMap = siteMap): ReadonlySet<string> {
  const folders = new Set<string>()
  for (const type of Object.values(map.pageTypes)) {
    if (!type.source) continue
    for (const route of type.routes) {
      const top = /^\/([^/:*]+)\//.exec(route)?.[1]
      if (top) folders.add(top)
    }
  }
  return folders
}

/**
 * Gives every text file under a folder its compressed copies where they are missing or older than
 * the file, and removes copies whose file is gone. For what `npm run build` writes plainly (the
 * app, public/ as it was copied); pages, feeds and a refresh's API files get theirs as written,
 * and the top-level folders in `skip` (`pageFolders`) are not looked at.
 */
export async function precompressTree(
  dir: string,
  { threads = os.availableParallelism(), skip = new Set<string>() }: PrecompressOptions = {},
) {
  const files = new Set(
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((top) =>
        top.isDirectory()
          ? skip.has(top.name)
            ? []
            : filesUnder(path.join(dir, top.name))
          : top.isFile()
            ? [path.join(dir, top.name)]
            : [],
      ),
  )
  const orphans: string[] = []
  const candidates: string[] = []
  for (const file of files) {
    const ext = path.extname(file)
    if ((ENCODINGS as readonly string[]).includes(ext)) {
      if (!files.has(file.slice(0, -ext.length))) orphans.push(file)
    } else if (compressible(file)) candidates.push(file)
  }
  // Which files need copies, looked at on this thread: a look is microseconds, less than its round
  // trip through libuv's pool (at 100,000 stories, 20-23 s for the whole step against 23-29 s).
  const stale: string[] = []
  const mtime = (file: string) => (files.has(file) ? fs.statSync(file).mtimeMs : undefined)
  for (const file of candidates) {
    const { mtimeMs, size } = fs.statSync(file)
    if (size < MIN_BYTES && !ENCODINGS.some((e) => files.has(file + e))) continue
    const copies = ENCODINGS.map((e) => mtime(file + e))
    if (!copiesCurrent(mtimeMs, copies)) stale.push(file)
  }
  // Compressing and writing is CPU work: spread over threads of their own.
  const writer = siteWriter({ threads: Math.max(1, Math.min(threads, stale.length)) })
  const handed = (async () => {
    for (const file of stale) await writer.copiesOf(file)
  })()
  // Every thread stopped, whatever failed; then the first failure, if any.
  const results = await Promise.allSettled([handed, handed.finally(() => writer.close())])
  for (const result of results) if (result.status === 'rejected') throw result.reason
  for (const file of orphans) fs.rmSync(file, { force: true })
  return { written: stale.length, removed: orphans.length }
}
