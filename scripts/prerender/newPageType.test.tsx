// Adding a page type takes one entry in the site map, one page component and its loader. Here a
// fixture page type, "about" (an entity's profile at /entities/:id/about, made from the entity's
// own API file), is added that way alone: the router, addresses, the prerender's list, refresh's
// reverse mapping and the sitemap all pick it up, and the checks that compare the map with the
// build agree. Then a piece is left out, and the checks name it.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
  useLoaderData,
  type LoaderFunctionArgs,
} from 'react-router'
import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { pages, routesFor, type Page } from '../../src/app/routes'
import { pageUrl, routeOf, siteMap, template, type SiteMap } from '../../src/app/siteMap'
import { ListSkeleton } from '../../src/components/Skeletons'
import { ArticlePageSchema } from '../../src/content/schema'
import { sitemapPages } from '../feeds/site'
import { listRoutes } from './site'
import { builtApi, siteMapProblems } from './siteMapCheck'

const { notFound, ...named } = siteMap.pageTypes
// 1. The map entry: its address, the API file that makes one, and whether sitemaps list it.
const withAbout = {
  apiFiles: siteMap.apiFiles,
  pageTypes: {
    ...named,
    about: { routes: ['/entities/:id/about'], source: 'entity', sitemap: 'every page' },
    notFound, // still last: it matches every address
  },
} as const satisfies SiteMap

// 2. The page component, and 3. its loader.
function AboutPage() {
  const { id } = useLoaderData<{ id: string }>()
  return <h1>About {id}</h1>
}
const about: Page = {
  loader:
    () =>
    ({ params }: LoaderFunctionArgs) => ({ id: params.id }),
  page: { element: <AboutPage /> },
  skeleton: ListSkeleton,
}

describe('a new page type, added to the site map with its page and loader', () => {
  let built: Awaited<ReturnType<typeof builtApi>>
  // A fresh checkout makes every picture's renditions in the first build: a ceiling for that.
  beforeAll(async () => {
    built = await builtApi()
  }, 180_000)
  afterAll(() => rm(built.distDir, { recursive: true, force: true }))

  it('is served by the router at its address, with its loader’s data', async () => {
    const queryClient = new QueryClient()
    const handler = createStaticHandler(routesFor(withAbout, { ...pages, about }, queryClient))
    const context = await handler.query(new Request('http://localhost/entities/mara-quill/about'))
    if (context instanceof Response) throw new Error('redirected')
    expect(context.statusCode).toBe(200)
    const html = renderToString(
      <QueryClientProvider client={queryClient}>
        <StaticRouterProvider
          router={createStaticRouter(handler.dataRoutes, context)}
          context={context}
          hydrate={false}
        />
      </QueryClientProvider>,
    )
    expect(html).toContain('About <!-- -->mara-quill</h1>')
  })

  it('has addresses, prerendered pages, a reverse mapping and sitemap entries, all from the map', async () => {
    const { distDir, files } = built
    expect(pageUrl('about', { id: 'mara-quill' }, withAbout)).toBe('/entities/mara-quill/about')
    expect(routeOf('entities/mara-quill.json', withAbout)).toBe('/entities/mara-quill/about')
    const entities = files.filter((f) => /^entities\/[^/]+\.json$/.test(f))
    expect(entities.length).toBeGreaterThan(0)
    const abouts = entities.map((f) => `/${f.slice(0, -'.json'.length)}/about`)
    expect(await listRoutes(distDir, withAbout)).toEqual(expect.arrayContaining(abouts))
    const listed = sitemapPages(files, [], withAbout).map((page) => page.route)
    expect(listed).toEqual(expect.arrayContaining(abouts))
    // The site's own map has no such pages.
    expect(await listRoutes(distDir)).not.toContain(abouts[0])
  })

  it('agrees with the build: the checks find nothing missing', async () => {
    const { distDir, written } = built
    expect(siteMapProblems(withAbout, written, await listRoutes(distDir, withAbout))).toEqual([])
  })
})

describe('a page type with a piece missing', () => {
  it('cannot be routed without its page: a type error, and an error naming it', () => {
    // @ts-expect-error -- `pages` has no page for the map's "about" type
    const build = () => routesFor(withAbout, pages, new QueryClient())
    expect(build).toThrow('the site map has about pages, but there is no page for them')
  })

  it(
    'is named by the checks when the build writes none of its API files',
    { timeout: 180_000 },
    async () => {
      const withTopics = {
        apiFiles: {
          ...siteMap.apiFiles,
          topicIndex: { file: template('topics/:topic/:page.json'), schema: ArticlePageSchema },
        },
        pageTypes: {
          ...named,
          topic: {
            routes: ['/topics/:topic', '/topics/:topic/page/:page'],
            source: 'topicIndex',
          },
          notFound,
        },
      } as const satisfies SiteMap
      const { distDir } = await builtApi()
      onTestFinished(() => rm(distDir, { recursive: true, force: true }))
      const problems = siteMapProblems(withTopics, new Map(), await listRoutes(distDir, withTopics))
      expect(problems).toContain('topicIndex: the site map declares it, the build writes none')
      expect(problems).toContain('topic pages: made by topicIndex files, but none is prerendered')
    },
  )

  it('is named by the checks when the build writes a file the map does not declare', () => {
    const problems = siteMapProblems(siteMap, new Map([['topics/harbour/1.json', {}]]), [])
    expect(problems).toContain(
      'topics/harbour/1.json: the build writes it, but the site map declares no such API file',
    )
  })
})
