// `tsx scripts/prerender.ts [--dist dist] [--ssr dist-ssr/entry-server.js] [--shard i/n]`:
// prerenders every route of the built site to static HTML, hydrated by the client bundle, plus
// 404.html. With `--shard i/n`, only the i-th of n shares of the routes (scripts/prerender/shard.ts);
// `tsx scripts/merge-shards.ts` puts the shards' sites together.
import { parseArgs } from 'node:util'
import { SITE_ORIGIN } from '../src/app/site'
import { prerenderRoutes } from './prerender/run'
import { inShard, parseShard } from './prerender/shard'
import { buildTime, listRoutes } from './prerender/site'

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    ssr: { type: 'string', default: 'dist-ssr/entry-server.js' },
    shard: { type: 'string' },
  },
})
let shard
try {
  shard = parseShard(values.shard)
} catch (error) {
  console.error((error as Error).message)
  process.exit(2)
}
const started = performance.now()
const builtAt = buildTime()
const options = {
  distDir: values.dist,
  ssrEntry: values.ssr,
  siteOrigin: SITE_ORIGIN,
  ...(builtAt !== undefined && { builtAt }),
}
const all = await listRoutes(values.dist)
const routes = all.filter((route) => inShard(route, shard))
await prerenderRoutes(routes, options)
const seconds = ((performance.now() - started) / 1000).toFixed(2)
console.log(
  shard
    ? `prerender: shard ${shard.index}/${shard.count}, ${routes.length} of ${all.length} routes + 404.html in ${seconds} s`
    : `prerender: ${routes.length} routes + 404.html in ${seconds} s`,
)
