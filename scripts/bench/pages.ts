// Which pages of a built site show a story, found two ways that owe nothing to the content build's
// `changed` list: from the API files (the lists that carry it, mapped to their pages by the site
// map), and from the HTML (the files that link it). With a scan of every HTML file's identity
// before and after a refresh, `npm run bench:content` checks that the refresh rewrote the pages
// that show a story and no others. Nothing here is timed.
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ArticleDocument, ArticlePage, ArticleSummary, Front } from '../../src/content/schema'
import { apiFileOf, pageTypeOf, routeOf } from '../../src/app/siteMap'
import { apiFileList } from '../lib/apiFiles'

/** A few file operations in flight at once, within file-handle limits. */
async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<unknown>, size = 64) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work))
}

const posix = (file: string) => file.split(path.sep).join('/')

/** An HTML file as a scan found it: which write of it this is, and the stories it links. */
interface HtmlFacts {
  readonly ino: number
  readonly mtimeMs: number
  readonly links: ReadonlySet<string>
}

/** Every HTML file of a built site, by path relative to it (`/` separators). */
export type HtmlScan = ReadonlyMap<string, HtmlFacts>

// A link to a story, as the app writes it: `/articles/<slug>`, maybe with `#block-…` (a quote).
// The page's own canonical address is absolute, and not a link to it from another page.
const STORY_LINK = /href="\/articles\/([^"#?/]+)/g

/**
 * Every HTML file's identity and links. Given an earlier scan, a file with the same identity (not
 * written since) keeps the links found then, and only the files written since are read: at
 * 100,000 stories the site's HTML is 7 GB.
 */
export async function scanHtml(distDir: string, earlier?: HtmlScan): Promise<HtmlScan> {
  const entries = await readdir(distDir, { recursive: true, withFileTypes: true })
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name))
  const scan = new Map<string, HtmlFacts>()
  await inBatches(files, async (file) => {
    const name = posix(path.relative(distDir, file))
    const info = await stat(file)
    const then = earlier?.get(name)
    if (then && then.ino === info.ino && then.mtimeMs === info.mtimeMs) {
      scan.set(name, then)
      return
    }
    const html = await readFile(file, 'utf8')
    const links = new Set<string>()
    for (const match of html.matchAll(STORY_LINK)) links.add(decodeURIComponent(match[1] ?? ''))
    scan.set(name, { ino: info.ino, mtimeMs: info.mtimeMs, links })
  })
  return scan
}

/** The page's HTML file for a route, relative to the site: `articles/x/index.html`. */
export const htmlOf = (route: string) => posix(path.join(route.slice(1), 'index.html'))

/** The route an `index.html` file is the page of; undefined for other files (404, gone). */
export function routeOfHtml(file: string): string | undefined {
  if (file !== 'index.html' && !file.endsWith('/index.html')) return undefined
  return `/${file.slice(0, -'index.html'.length).replace(/\/$/, '')}`
}

/** The HTML files that link the story. */
export const linking = (scan: HtmlScan, slug: string) =>
  [...scan].filter(([, facts]) => facts.links.has(slug)).map(([file]) => file)

/** Files written (new, or replaced: another inode or modification time) between two scans. */
export const written = (before: HtmlScan, after: HtmlScan) =>
  [...after]
    .filter(([file, now]) => {
      const then = before.get(file)
      return !then || then.ino !== now.ino || then.mtimeMs !== now.mtimeMs
    })
    .map(([file]) => file)

/** Files in the first scan and not the second. */
export const gone = (before: HtmlScan, after: HtmlScan) =>
  [...before.keys()].filter((file) => !after.has(file))

/**
 * The pages that show a story, from the built API: its own page, and the page of every API file
 * that lists it (the front page, every list of stories: the latest, its section's, its authors',
 * its entities'; the stories whose related block links it), each mapped to its page as the prerender maps it (the site map's `routeOf`).
 */
export async function pagesShowing(distDir: string, slug: string): Promise<string[]> {
  const apiDir = path.join(distDir, 'api')
  const pages = new Set<string>()
  const own = routeOf(`articles/${slug}.json`)
  if (own) pages.add(own)
  const lists = (await apiFileList(distDir)).filter((file) => {
    const name = apiFileOf(file)?.name
    return (
      name === 'front' ||
      name === 'articleIndex' ||
      name === 'sectionStories' ||
      name === 'authorStories' ||
      name === 'entityStories' ||
      name === 'article'
    )
  })
  const has = (items: readonly ArticleSummary[]) => items.some((s) => s.slug === slug)
  await inBatches(lists, async (file) => {
    const route = routeOf(file)
    if (!route || pages.has(route)) return
    const json = JSON.parse(await readFile(path.join(apiDir, file), 'utf8')) as Partial<
      ArticlePage & ArticleDocument & Front
    >
    const listed = [
      ...(json.items ?? []),
      ...(json.related ?? []),
      ...(json.lead ? [json.lead] : []),
      ...(json.sections ?? []).flatMap((section) => section.items),
    ]
    if (has(listed)) pages.add(route)
  })
  return [...pages].sort()
}

/** How many of the routes are of each kind of page: "1 story, 2 entity". */
export function kinds(routes: Iterable<string>): string {
  const counts = new Map<string, number>()
  for (const route of routes) {
    const name = pageTypeOf(route).name
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${n} ${name}`)
    .join(', ')
}
