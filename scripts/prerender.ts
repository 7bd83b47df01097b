// `tsx scripts/prerender.ts [--dist dist] [--ssr dist-ssr/entry-server.js] [--shard i/n]
// [--workers n]`: prerenders every route of the built site to static HTML, hydrated by the client
// bundle, plus 404.html. With `--shard i/n`, only the i-th of n shares of the routes
// (scripts/prerender/shard.ts); `tsx scripts/merge-shards.ts` puts the shards' sites together.
// With `--workers n`, on n worker processes (one per core, when there are enough routes, without).
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
    workers: { type: 'string' },
  },
})
const workers = values.workers === undefined ? undefined : Number(values.workers)
if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
  console.error(`--workers takes a whole number of processes, 1 or more: ${values.workers}`)
  process.exit(2)
}
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
const processes = await prerenderRoutes(routes, options, workers)
const seconds = ((performance.now() - started) / 1000).toFixed(2)
const on = processes > 0 ? ` on ${processes} worker processes` : ''
console.log(
  shard
    ? `prerender: shard ${shard.index}/${shard.count}, ${routes.length} of ${all.length} routes + 404.html${on} in ${seconds} s`
    : `prerender: ${routes.length} routes + 404.html${on} in ${seconds} s`,
)
