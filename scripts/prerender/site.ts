// Turning routes into static HTML files: which routes a built API has, and rendering them with the
// server entry. Used by the prerender command, its workers and `npm run refresh`.
import { mkdirSync, readFileSync } from 'node:fs'
import { apiFileList } from '../lib/apiFiles'
import { readFile, writeFile } from '../lib/fs'
import { removeServed, sharedStart, writeServed } from '../lib/served'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { routeOf, siteMap, type SiteMap } from '../../src/app/siteMap'
import { QUERY_STATE_ID } from '../../src/app/queryState'
import type { RenderedPage } from '../../src/entry-server'

export interface SiteOptions {
  /** The built site: index.html, assets/, api/. */
  distDir: string
  /** The server entry built by `vite build --ssr`. */
  ssrEntry: string
  /** Origin for canonical URLs. */
  siteOrigin: string
  /** The build's time (ms), stamped on each page's data; each render's own clock without it. */
  builtAt?: number
  /**
   * Whether the site has no pages yet (the app's build has just emptied it): each page is then
   * written straight to its name, not through a temporary one, and no other page of its address
   * (a withdrawn story's) is looked for. Found by `prerenderRoutes` when not given; a refresh
   * says false.
   */
  fresh?: boolean
}

/**
 * The build's time from `SOURCE_DATE_EPOCH` (seconds), the reproducible-builds convention, which
 * `npm run build` sets once for all its steps: shards given the same value write the same pages.
 */
export function buildTime(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const seconds = env.SOURCE_DATE_EPOCH
  if (seconds === undefined) return undefined
  if (!/^\d+$/.test(seconds))
    throw new Error(`SOURCE_DATE_EPOCH=${seconds}: expected whole seconds`)
  return Number(seconds) * 1000
}

/**
 * Every route the API in distDir/api can answer: one page for each file the site map says makes one,
 * and each standalone page.
 */
export async function listRoutes(distDir: string, map: SiteMap = siteMap): Promise<string[]> {
  const routes = new Set<string>()
  for (const type of Object.values(map.pageTypes))
    if (type.standalone && type.routes[0]) routes.add(type.routes[0])
  for (const file of await apiFileList(distDir)) {
    const route = routeOf(file, map)
    if (route) routes.add(route)
  }
  return [...routes]
}

export const htmlFile = (distDir: string, route: string) => path.join(distDir, route, 'index.html')

/**
 * A withdrawn story's page, in place of its index.html: servers answer its address with status
 * 410 and this page (deploy/nginx/site.conf, vite.config.ts), and a static host that knows
 * nothing of it answers 404, never the story.
 */
export const goneFile = (distDir: string, route: string) => path.join(distDir, route, 'gone.html')

/** The template's slots, in the order they come. */
const SLOTS = ['<!--app-head-->', '<!--app-html-->', '<!--app-state-->'] as const

/**
 * A page template cut at its slots once, for the thousands of pages filled from it: `start` is
 * what every page begins with, up to the page's own head.
 */
export function compileTemplate(template: string) {
  const parts: string[] = []
  let from = 0
  for (const slot of SLOTS) {
    const at = template.indexOf(slot, from)
    if (at < 0) throw new Error(`the page template has no ${slot} after its earlier slots`)
    parts.push(template.slice(from, at))
    from = at + slot.length
  }
  parts.push(template.slice(from))
  const [start = '', beforeHtml = '', beforeState = '', end = ''] = parts
  /** What follows the start: the rendered head, structured data, markup and state. */
  const afterStart = (page: RenderedPage) => {
    const state = page.queryState
      ? `<script type="application/json" id="${QUERY_STATE_ID}">${page.queryState}</script>`
      : ''
    const structured =
      page.structuredData && page.structuredData !== 'null'
        ? `<script type="application/ld+json">${page.structuredData}</script>`
        : ''
    // Joined, never `replace`d: story text may contain `$&` or `$'`, which a replacement string
    // would expand.
    return page.head + structured + beforeHtml + page.html + beforeState + state + end
  }
  return {
    start,
    /** A page's HTML: the template filled. */
    fill: (page: RenderedPage) => start + afterStart(page),
    /**
     * A page's bytes, from the start's own: only the page's part is encoded as UTF-8 (a page that
     * holds any character beyond Latin-1 is, as one string, twice its length in memory).
     */
    bytes: (page: RenderedPage, startBytes: Buffer) =>
      Buffer.concat([startBytes, Buffer.from(afterStart(page))]),
  }
}

/**
 * While prerendering, the relative API base resolves to the prerender origin: its answers are the
 * API's files, read at once (they were written just before and are in the page cache, where a read
 * through libuv's pool cost 0.13 ms of round trips against 0.01 ms).
 */
function apiOnDisk(distDir: string, prerenderOrigin: string) {
  const apiDir = path.resolve(distDir, 'api')
  const origin = new URL(prerenderOrigin).origin
  return (address: string) => {
    const url = new URL(address)
    if (url.origin !== origin) return undefined
    const file = path.join(path.resolve(distDir), decodeURIComponent(url.pathname))
    if (!file.startsWith(apiDir + path.sep)) return null
    try {
      return readFileSync(file, 'utf8')
    } catch (error) {
      // No such file, as a server answers 404; what else fails (permissions, the disk) is told.
      const { code } = error as NodeJS.ErrnoException
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null
      throw error
    }
  }
}

// The front page's prerendered HTML replaces the built index.html, so the empty shell is kept
// beside the server entry for later renders.
const templateFile = (options: SiteOptions) =>
  path.join(path.dirname(options.ssrEntry), 'template.html')

const STYLESHEET = /<link rel="stylesheet"[^>]* href="\/(assets\/[^"]+\.css)">/

/**
 * Puts the built stylesheet into the page itself: the first paint then waits for no second
 * request, one round trip less on a phone network. The CSS is small (a few KB gzipped) and the
 * site's Content-Security-Policy allows exactly this style by its hash (docs/decisions/011).
 * It goes before the page's own head (`<!--app-head-->`), so that every page starts with the same
 * 20 KB, whose gzip stream is made once (`sharedStart` in scripts/lib/served.ts).
 */
export async function inlineStylesheet(html: string, distDir: string) {
  const link = STYLESHEET.exec(html)
  if (!link?.[1]) throw new Error('index.html has no stylesheet link to inline')
  // Vite marks its single stylesheet with a `/*$vite$:1*/` comment that readers need not download.
  const css = (await readFile(path.join(distDir, link[1]), 'utf8'))
    .replace(/\/\*\$vite\$:\d+\*\/\s*$/, '')
    .trim()
  if (css.includes('</')) throw new Error(`${link[1]} contains "</", which would end the <style>`)
  const style = `<style>${css}</style>`
  const head = html.indexOf('<!--app-head-->')
  if (head < 0) return html.replace(link[0], () => style)
  const unlinked = html.replace(link[0], '')
  return unlinked.replace('<!--app-head-->', () => `${style}\n    <!--app-head-->`)
}

/** Saves the built index.html as the page template, unless it is already a rendered page. */
export async function keepTemplate(options: SiteOptions) {
  const built = await readFile(path.join(options.distDir, 'index.html'), 'utf8')
  if (built.includes('<!--app-html-->'))
    await writeFile(templateFile(options), await inlineStylesheet(built, options.distDir))
  await readFile(templateFile(options), 'utf8').catch(() => {
    throw new Error(
      `no page template: run the full build first (${templateFile(options)} is missing)`,
    )
  })
}

const entries = new Map<string, Promise<typeof import('../../src/entry-server')>>()

/**
 * The server entry, imported once. A refresh starts this before its content build, whose waits on
 * the disk then hide much of the import's 150 ms.
 */
export function loadEntry(options: Pick<SiteOptions, 'ssrEntry'>) {
  const entry = pathToFileURL(path.resolve(options.ssrEntry)).href
  let loading = entries.get(entry)
  if (!loading) {
    // React's production build: the development one renders several times slower.
    process.env.NODE_ENV ??= 'production'
    loading = import(entry) as Promise<typeof import('../../src/entry-server')>
    entries.set(entry, loading)
  }
  return loading
}

/**
 * Pages a process renders at once: a page's loaders wait on promises, and while they do, another
 * page renders.
 */
export const PAGES_IN_FLIGHT = 4

/**
 * A process's routes: all at once, or a function that hands out the next few each time it is
 * called, and none once there are no more (a prerender worker's parent, scripts/prerender/run.ts).
 */
export type Routes = readonly string[] | (() => Promise<readonly string[]>)

/** One route at a time from Routes, for any number of callers at once; undefined when done. */
function routeFeed(routes: Routes): () => Promise<string | undefined> {
  if (typeof routes !== 'function') {
    let next = 0
    return () => Promise.resolve(routes[next++])
  }
  const buffer: string[] = []
  let done = false
  // One request at a time, whichever caller found the buffer empty; the others wait on it.
  let asking: Promise<void> | undefined
  const ask = () =>
    (asking ??= routes().then((chunk) => {
      if (chunk.length === 0) done = true
      buffer.push(...chunk)
      asking = undefined
    }))
  return async () => {
    while (buffer.length === 0 && !done) await ask()
    return buffer.shift()
  }
}

/** Renders routes to distDir/<route>/index.html; with notFound, also distDir/404.html. */
export async function renderRoutes(
  routes: Routes,
  options: SiteOptions & { notFound?: boolean; inFlight?: number },
) {
  const { distDir, inFlight = PAGES_IN_FLIGHT } = options
  const template = compileTemplate(await readFile(templateFile(options), 'utf8'))
  const start = sharedStart(template.start)
  const { render, PRERENDER_ORIGIN, readAnswersWith } = await loadEntry(options)
  readAnswersWith(apiOnDisk(distDir, PRERENDER_ORIGIN))
  const renderOne = async (route: string) => {
    const page = await render(route, options.siteOrigin, options.builtAt)
    if (page.status !== 200 && page.status !== 410)
      throw new Error(`${route} rendered with status ${page.status}`)
    const [file, other] =
      page.status === 410
        ? [goneFile(distDir, route), htmlFile(distDir, route)]
        : [htmlFile(distDir, route), goneFile(distDir, route)]
    mkdirSync(path.dirname(file), { recursive: true })
    // Whole or not at all: a server may be sending this page while it is replaced.
    writeServed(file, template.bytes(page, start.bytes), { start, fresh: options.fresh === true })
    // A story withdrawn, or back: the page it was is gone.
    if (!options.fresh) removeServed(other)
  }
  const next = routeFeed(routes)
  const lane = async () => {
    for (let route = await next(); route !== undefined; route = await next()) await renderOne(route)
  }
  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, lane))
  if (options.notFound) {
    const page = await render('/404', options.siteOrigin, options.builtAt)
    if (page.status !== 404) throw new Error(`/404 rendered with status ${page.status}`)
    writeServed(path.join(distDir, '404.html'), template.fill(page), { start })
  }
}

/** Removes the page of a route whose API file is gone. */
export function removeRoute(distDir: string, route: string) {
  removeServed(htmlFile(distDir, route))
  removeServed(goneFile(distDir, route))
}
