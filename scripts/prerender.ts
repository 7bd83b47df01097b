// Prerenders every route of the built site to static HTML, hydrated by the client bundle:
// the front page and its pages, every article, every entity and its pages, and 404.html.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { paths } from '../src/app/paths'
import { QUERY_STATE_ID } from '../src/app/queryState'
import type { RenderedPage } from '../src/entry-server'

const distDir = path.resolve('dist')
const apiDir = path.join(distDir, 'api')
const SITE_ORIGIN = process.env.SITE_ORIGIN ?? 'http://localhost:4173'

/** While prerendering, the relative API base resolves to PRERENDER_ORIGIN: answer from the files. */
function serveApiFromDisk(prerenderOrigin: string) {
  const realFetch = globalThis.fetch
  globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.origin !== new URL(prerenderOrigin).origin) return realFetch(input, init)
    const file = path.join(distDir, decodeURIComponent(url.pathname))
    if (!file.startsWith(apiDir)) return new Response('Not found', { status: 404 })
    try {
      return new Response(await readFile(file), { headers: { 'content-type': 'application/json' } })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  }
}

async function jsonNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5))
  } catch {
    return []
  }
}

async function listRoutes(): Promise<string[]> {
  const pages = (dir: string) =>
    jsonNames(dir).then((names) => names.map(Number).filter((n) => n >= 1))
  const routes: string[] = []
  for (const n of await pages(path.join(apiDir, 'articles/index'))) routes.push(paths.front(n))
  for (const slug of await jsonNames(path.join(apiDir, 'articles')))
    routes.push(paths.article(slug))
  for (const id of await jsonNames(path.join(apiDir, 'entities'))) {
    for (const n of await pages(path.join(apiDir, 'entities', id, 'stories'))) {
      routes.push(paths.entity(id, n))
    }
  }
  return routes
}

function fillTemplate(template: string, page: RenderedPage, prerendered: 'route' | 'not-found') {
  const state = page.queryState
    ? `<script type="application/json" id="${QUERY_STATE_ID}">${page.queryState}</script>`
    : ''
  return template
    .replace('<!--app-head-->', page.head)
    .replace(
      '<div id="root"><!--app-html--></div>',
      `<div id="root" data-prerendered="${prerendered}">${page.html}</div>`,
    )
    .replace('<!--app-state-->', state)
}

async function main() {
  const started = performance.now()
  const template = await readFile(path.join(distDir, 'index.html'), 'utf8')
  const entry = pathToFileURL(path.resolve('dist-ssr/entry-server.js')).href
  const { render, PRERENDER_ORIGIN } = (await import(entry)) as typeof import('../src/entry-server')
  serveApiFromDisk(PRERENDER_ORIGIN)

  const routes = await listRoutes()
  for (const route of routes) {
    const page = await render(route, SITE_ORIGIN)
    if (page.status !== 200) throw new Error(`${route} rendered with status ${page.status}`)
    const file = path.join(distDir, route, 'index.html')
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, fillTemplate(template, page, 'route'))
  }
  const notFound = await render('/404', SITE_ORIGIN)
  if (notFound.status !== 404) throw new Error(`/404 rendered with status ${notFound.status}`)
  await writeFile(path.join(distDir, '404.html'), fillTemplate(template, notFound, 'not-found'))

  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  console.log(`prerender: ${routes.length} routes + 404.html in ${seconds} s`)
}

await main()
