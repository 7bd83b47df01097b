// One map of the site: each file of the static API and each page type, declared once. The fetch
// layer's paths (src/api/apiPaths.ts), the content build's output, and the prerender's list of
// routes and its reverse mapping from a changed API file to the page that shows it all derive
// from here (docs/decisions/013). Adding a page type starts with an entry in `pageTypes`.
import type * as v from 'valibot'
import {
  ArticleDocumentSchema,
  ArticlePageSchema,
  EntityDocumentSchema,
  EntityStoriesPageSchema,
} from '../content/schema'
// No router or React here: the build's scripts load this map before they choose React's build.

type Params = Record<string, string>

/** A path with `:name` parameters (`articles/:slug.json`), filled in and matched both ways. */
export interface Template {
  readonly pattern: string
  /** Its parameters' names, in order. */
  readonly names: readonly string[]
  fill(params: Params): string
  /** The parameters, when `text` has this template's shape; undefined otherwise. */
  match(text: string): Params | undefined
}

export function template(pattern: string): Template {
  const names: string[] = []
  const source = pattern
    .split(/(:[a-zA-Z]+)/)
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(part.slice(1))
      return '([^/]+?)'
    })
    .join('')
  const regex = new RegExp(`^${source}$`)
  return {
    pattern,
    names,
    fill: (params) =>
      pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
        const value = params[name]
        if (value === undefined) throw new Error(`${pattern}: no value for :${name}`)
        return value
      }),
    match(text) {
      const found = regex.exec(text)
      if (!found) return undefined
      return Object.fromEntries(names.map((name, i) => [name, found[i + 1] ?? '']))
    },
  }
}

/** A file of the static API: where it lives (relative to the API base) and what it holds. */
export interface ApiFile {
  readonly file: Template
  readonly schema: v.GenericSchema
}

export const apiFiles = {
  /** The front page's stories, 20 a page, newest first. */
  articleIndex: { file: template('articles/index/:page.json'), schema: ArticlePageSchema },
  /** A story, its entities and its related stories. */
  article: { file: template('articles/:slug.json'), schema: ArticleDocumentSchema },
  /** A person, place or organisation. */
  entity: { file: template('entities/:id.json'), schema: EntityDocumentSchema },
  /** The stories that mention an entity, 20 a page, with its quotes from them. */
  entityStories: {
    file: template('entities/:id/stories/:page.json'),
    schema: EntityStoriesPageSchema,
  },
} as const satisfies Record<string, ApiFile>

export type ApiFileName = keyof typeof apiFiles

/** Which declared API file a path (relative to the API base) is, with its parameters. */
export function apiFileOf(file: string): { name: ApiFileName; params: Params } | undefined {
  for (const name of Object.keys(apiFiles) as ApiFileName[]) {
    const params = apiFiles[name].file.match(file)
    if (params) return { name, params }
  }
  return undefined
}

/** A kind of page the reader can open. */
export interface PageType {
  /**
   * Its URL patterns (React Router's syntax), in the order the router tries them. A list's first
   * page has the pattern without `:page`.
   */
  readonly routes: readonly string[]
  /**
   * The API file that makes one page of this type exist, with the same parameters: one page for
   * each such file the build writes, prerendered again when it changes. None for pages that no
   * file makes (not found).
   */
  readonly source?: ApiFileName
}

export const pageTypes = {
  front: { routes: ['/', '/page/:page'], source: 'articleIndex' },
  story: { routes: ['/articles/:slug'], source: 'article' },
  // An entity's own file changes only with the gazetteer, which rebuilds every page.
  entity: { routes: ['/entities/:id', '/entities/:id/page/:page'], source: 'entityStories' },
  // Anything else: the router answers 404 with the not-found page. Last, as it matches all.
  notFound: { routes: ['*'] },
} as const satisfies Record<string, PageType>

export type PageTypeName = keyof typeof pageTypes

const routeTemplates = (Object.entries(pageTypes) as [PageTypeName, PageType][]).flatMap(
  ([name, type]) =>
    type.routes.filter((route) => route !== '*').map((route) => ({ name, route: template(route) })),
)

const isPageNumber = (raw: string) => /^[1-9]\d*$/.test(raw)

/**
 * The address of a page of a type, from its parameters: the route whose parameters are exactly
 * these (page 1 of a list being the route without `:page`). Throws when the type has none.
 */
export function pageUrl(name: PageTypeName, params: Params = {}): string {
  const { page, ...rest } = params
  const given = page === undefined || page === '1' ? rest : params
  const keys = Object.keys(given).sort().join()
  const found = routeTemplates.find(
    (r) => r.name === name && [...r.route.names].sort().join() === keys,
  )
  if (!found) throw new Error(`the ${name} page has no route with parameters "${keys}"`)
  const encoded = Object.entries(given).map(([key, value]) => [key, encodeURIComponent(value)])
  return found.route.fill(Object.fromEntries(encoded) as Params)
}

/** The type of page at a path (as the router matches it: a trailing slash is the same page). */
export function pageTypeOf(pathname: string): { name: PageTypeName; params: Params } {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  for (const { name, route } of routeTemplates) {
    const params = route.match(path)
    if (!params) continue
    try {
      const decoded = Object.entries(params).map(([key, value]) => [key, decodeURIComponent(value)])
      return { name, params: Object.fromEntries(decoded) as Params }
    } catch {
      break // a malformed escape: no page has that address
    }
  }
  return { name: 'notFound', params: {} }
}

/** The route of the page that shows an API file, if one does (for prerendering and refresh). */
export function routeOf(file: string): string | undefined {
  const found = apiFileOf(file)
  if (!found) return undefined
  if (found.params.page !== undefined && !isPageNumber(found.params.page)) return undefined
  const names = Object.keys(pageTypes) as PageTypeName[]
  const name = names.find((n) => (pageTypes[n] as PageType).source === found.name)
  return name && pageUrl(name, found.params)
}
