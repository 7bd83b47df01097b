// One n-th of the site's pages, for spreading a rebuild over machines (`--shard i/n`): each route
// belongs to one shard, by a hash of its address, so shards stay even and a route's shard never
// depends on what else the site holds. The few pages every part of the site needs (the front page,
// which replaces the built index.html, and the standalone pages the service worker precaches)
// are rendered by every shard, with the same bytes, so any shard's output is a whole app shell.
import { createHash } from 'node:crypto'
import { siteMap } from '../../src/app/siteMap'

export interface Shard {
  /** 1-based, as job runners number their jobs' indexes from 0 or 1: we say 1. */
  index: number
  count: number
}

/** Reads `i/n` (1 ≤ i ≤ n); throws a message naming the flag and what it wants otherwise. */
export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined
  const found = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = Number(found?.[1])
  const count = Number(found?.[2])
  if (!found || count < 1 || index < 1 || index > count)
    throw new Error(`--shard ${text}: expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/3`)
  return { index, count }
}

/** The routes every shard renders. */
export const SHARED_ROUTES: ReadonlySet<string> = new Set([
  '/',
  ...Object.values(siteMap.pageTypes).flatMap((type) =>
    'standalone' in type ? type.routes.slice(0, 1) : [],
  ),
])

/** Whether a shard renders a route: its own share, and the shared routes. */
export function inShard(route: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1 || SHARED_ROUTES.has(route)) return true
  const digest = createHash('sha1').update(route).digest()
  return digest.readUInt32BE(0) % shard.count === shard.index - 1
}
