// One map of the site: each file of the static API and each page type, declared once. The fetch
// layer's paths (src/api/apiPaths.ts), the content build's output, and the prerender's list of
// routes and its reverse mapping from a changed API file to the page that shows it all derive
// from here (docs/decisions/013). Adding a page type starts with an entry in `pageTypes`.
import type * as v from 'valibot'
import {
  ArticleDocumentSchema,
  ArticlePageSchema,
  AuthorStoriesPageSchema,
  EntityDocumentSchema,
  FrontSchema,
  SectionStoriesPageSchema,
  EntityStoriesPageSchema,
  WithdrawalSchema,
} from '../content/schema'
import {
  SearchDocsSchema,
  SearchGroupsSchema,
  SearchManifestSchema,
  SearchPartSchema,
  SearchTermsSchema,
} from '../search/schema'
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
  /** The front page: the lead story and each section's latest. */
  front: { file: template('front.json'), schema: FrontSchema },
  /** Every story, 20 a page, newest first. */
  articleIndex: { file: template('articles/index/:page.json'), schema: ArticlePageSchema },
  /** A section's stories, 20 a page, newest first. */
  sectionStories: { file: template('sections/:id/:page.json'), schema: SectionStoriesPageSchema },
  /** An author, and their stories, 20 a page, newest first. */
  authorStories: { file: template('authors/:id/:page.json'), schema: AuthorStoriesPageSchema },
  /** A story, its entities and its related stories. */
  article: { file: template('articles/:slug.json'), schema: ArticleDocumentSchema },
  /** A story withdrawn from the site: when and why. */
  withdrawn: { file: template('withdrawn/:slug.json'), schema: WithdrawalSchema },
  /** A person, place or organisation. */
  entity: { file: template('entities/:id.json'), schema: EntityDocumentSchema },
  /** The stories that mention an entity, 20 a page, with its quotes from them. */
  entityStories: {
    file: template('entities/:id/stories/:page.json'),
    schema: EntityStoriesPageSchema,
  },
  /** The search index: its documents' groups and how its words are split into files. */
  searchIndex: { file: template('search/index.json'), schema: SearchManifestSchema },
  /** The words that start with a prefix, with the documents each is in. */
  searchTerms: { file: template('search/terms/:shard.json'), schema: SearchTermsSchema },
  /** One document range of a word so common that its list is cut into parts. */
  searchPart: { file: template('search/parts/:word/:part.json'), schema: SearchPartSchema },
  /** The groups (kinds of entity, sections) of a range of the index's documents. */
  searchGroups: { file: template('search/groups/:range.json'), schema: SearchGroupsSchema },
  /** What a block of the index's documents shows as results. */
  searchDocs: { file: template('search/docs/:block.json'), schema: SearchDocsSchema },
} as const satisfies Record<string, ApiFile>

export type ApiFileName = keyof typeof apiFiles

/** A kind of page the reader can open. */
export interface PageType<Api extends string = string> {
  /**
   * Its URL patterns (React Router's syntax), in the order the router tries them. A list's first
   * page has the pattern without `:page`; `*` makes it the page for every other address.
   */
  readonly routes: readonly string[]
  /**
   * The API file that makes one page of this type exist, with the same parameters: one page for
   * each such file the build writes, prerendered again when it changes. None for pages that no
   * file makes (not found).
   */
  readonly source?: Api
  /**
   * The API file that makes a page of this type answer 410 Gone instead, with the same parameters:
   * a story withdrawn from the site. Its page says so and why, and no page links to it.
   */
  readonly gone?: Api
  /**
   * A page made by no API file, one of its kind at its first route (search, saved stories): the
   * build prerenders it once, and the app fills it in the browser.
   */
  readonly standalone?: true
  /**
   * Which of its pages sitemaps list: every one, or only a list's first page (the later pages hold
   * nothing a reader cannot reach from it). None: not listed.
   */
  readonly sitemap?: 'every page' | 'first page'
}

export const pageTypes = {
  front: { routes: ['/'], source: 'front', sitemap: 'every page' },
  // Every story, newest first.
  latest: {
    routes: ['/latest', '/latest/page/:page'],
    source: 'articleIndex',
    sitemap: 'first page',
  },
  // The sections are few and fixed by content/sections.json (src/app/sections.ts), which every
  // page's navigation shows: a change to it rebuilds every page.
  section: {
    routes: ['/sections/:id', '/sections/:id/page/:page'],
    source: 'sectionStories',
    sitemap: 'first page',
  },
  author: {
    routes: ['/authors/:id', '/authors/:id/page/:page'],
    source: 'authorStories',
    sitemap: 'first page',
  },
  // Stories are also what the RSS feed and the news sitemap list (scripts/feeds/feeds.ts).
  story: {
    routes: ['/articles/:slug'],
    source: 'article',
    gone: 'withdrawn',
    sitemap: 'every page',
  },
  // An entity's own file changes only with the gazetteer, which rebuilds every page.
  entity: {
    routes: ['/entities/:id', '/entities/:id/page/:page'],
    source: 'entityStories',
    sitemap: 'first page',
  },
  // Results come from the search index in the browser; the prerendered page is its form.
  search: { routes: ['/search'], standalone: true },
  // The stories saved on this device, from its storage in the browser.
  saved: { routes: ['/saved'], standalone: true },
  // What the service worker shows offline for a page the device has not kept (src/offline/sw.ts).
  offline: { routes: ['/offline'], standalone: true },
  // Anything else: the router answers 404 with the not-found page. Last, as it matches all.
  notFound: { routes: ['*'] },
} as const satisfies Record<string, PageType<ApiFileName>>

export type PageTypeName = keyof typeof pageTypes

/** A site map: its API files and its page types. The functions below read the site's own. */
export interface SiteMap {
  readonly apiFiles: Readonly<Record<string, ApiFile>>
  readonly pageTypes: Readonly<Record<string, PageType>>
}

export const siteMap = { apiFiles, pageTypes } as const satisfies SiteMap

type PageName<M extends SiteMap> = keyof M['pageTypes'] & string
type ApiName<M extends SiteMap> = keyof M['apiFiles'] & string

/** Each page type's route patterns, in the router's order, ready to fill and match. */
const compiled = new WeakMap<SiteMap, { name: string; route: Template }[]>()
function routeTemplates(map: SiteMap) {
  let templates = compiled.get(map)
  if (!templates) {
    templates = Object.entries(map.pageTypes).flatMap(([name, type]) =>
      type.routes.filter((r) => r !== '*').map((route) => ({ name, route: template(route) })),
    )
    compiled.set(map, templates)
  }
  return templates
}

/** Which declared API file a path (relative to the API base) is, with its parameters. */
export function apiFileOf<M extends SiteMap = typeof siteMap>(
  file: string,
  map?: M,
): { name: ApiName<M>; params: Params } | undefined {
  const declared: SiteMap['apiFiles'] = (map ?? siteMap).apiFiles
  for (const [name, { file: pattern }] of Object.entries(declared)) {
    const params = pattern.match(file)
    if (params) return { name, params }
  }
  return undefined
}

const isPageNumber = (raw: string) => /^[1-9]\d*$/.test(raw)

/**
 * The address of a page of a type, from its parameters: the route whose parameters are exactly
 * these (page 1 of a list being the route without `:page`). Throws when the type has none.
 */
export function pageUrl<M extends SiteMap = typeof siteMap>(
  name: PageName<M>,
  params: Params = {},
  map?: M,
): string {
  const { page, ...rest } = params
  const given = page === undefined || page === '1' ? rest : params
  const keys = Object.keys(given).sort().join()
  const route = routeWith(map ?? siteMap, name, keys)
  if (!route) throw new Error(`the ${name} page has no route with parameters "${keys}"`)
  const encoded = Object.entries(given).map(([key, value]) => [key, encodeURIComponent(value)])
  return route.fill(Object.fromEntries(encoded) as Params)
}

// Asked for each of a sitemap's hundred thousand pages: found once for each type and parameters.
const routesWith = new WeakMap<SiteMap, Map<string, Template | undefined>>()
function routeWith(map: SiteMap, name: string, keys: string) {
  let known = routesWith.get(map)
  if (!known) routesWith.set(map, (known = new Map<string, Template | undefined>()))
  const key = `${name} ${keys}`
  if (!known.has(key))
    known.set(
      key,
      routeTemplates(map).find((r) => r.name === name && [...r.route.names].sort().join() === keys)
        ?.route,
    )
  return known.get(key)
}

/**
 * The type of page at a path, as the router matches it (a trailing slash is the same page), with
 * its parameters; the catch-all type (route `*`) for anything else.
 */
export function pageTypeOf<M extends SiteMap = typeof siteMap>(
  pathname: string,
  map?: M,
): { name: PageName<M>; params: Params } {
  const types: SiteMap['pageTypes'] = (map ?? siteMap).pageTypes
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  for (const { name, route } of routeTemplates(map ?? siteMap)) {
    const params = route.match(path)
    if (!params) continue
    try {
      const decoded = Object.entries(params).map(([key, value]) => [key, decodeURIComponent(value)])
      return { name, params: Object.fromEntries(decoded) as Params }
    } catch {
      break // a malformed escape: no page has that address
    }
  }
  const [fallback] = Object.entries(types).find(([, type]) => type.routes.includes('*')) ?? []
  if (!fallback) throw new Error(`no page type answers ${pathname}: none has the route "*"`)
  return { name: fallback, params: {} }
}

/**
 * The page an API file makes, if it makes one: its type, its route and whether the file makes it
 * answer 410 Gone. One match of the file, for callers that look at every file of a site.
 */
export function pageOfFile(
  file: string,
  map: SiteMap = siteMap,
): { name: string; params: Params; route: string; gone: boolean } | undefined {
  const found = apiFileOf(file, map)
  if (!found) return undefined
  if (found.params.page !== undefined && !isPageNumber(found.params.page)) return undefined
  const made = pageTypeMadeBy(found.name, map)
  if (!made) return undefined
  const [name, type] = made
  return {
    name,
    params: found.params,
    route: pageUrl<SiteMap>(name, found.params, map),
    gone: type.gone === found.name,
  }
}

// Asked once for each of a sitemap's hundred thousand files: found once for each kind of file.
const madeBy = new WeakMap<SiteMap, Map<string, [string, PageType] | undefined>>()

/** The page type an API file makes, or answers 410 for (its name and declaration). */
function pageTypeMadeBy(api: string, map: SiteMap): [string, PageType] | undefined {
  let known = madeBy.get(map)
  if (!known) madeBy.set(map, (known = new Map<string, [string, PageType] | undefined>()))
  if (!known.has(api))
    known.set(
      api,
      Object.entries(map.pageTypes).find(([, type]) => type.source === api || type.gone === api),
    )
  return known.get(api)
}

/** The route of the page that shows an API file, if one does (for prerendering and refresh). */
export function routeOf(file: string, map: SiteMap = siteMap): string | undefined {
  return pageOfFile(file, map)?.route
}
