// `tsx scripts/prerender.ts [--dist dist] [--ssr dist-ssr/entry-server.js]`: prerenders every route
// of the built site to static HTML, hydrated by the client bundle, plus 404.html.
import { parseArgs } from 'node:util'
import { SITE_ORIGIN } from '../src/app/site'
import { prerenderRoutes } from './prerender/run'
import { listRoutes } from './prerender/site'

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    ssr: { type: 'string', default: 'dist-ssr/entry-server.js' },
  },
})
const started = performance.now()
const options = {
  distDir: values.dist,
  ssrEntry: values.ssr,
  siteOrigin: SITE_ORIGIN,
}
const routes = await listRoutes(values.dist)
await prerenderRoutes(routes, options)
const seconds = ((performance.now() - started) / 1000).toFixed(2)
console.log(`prerender: ${routes.length} routes + 404.html in ${seconds} s`)
