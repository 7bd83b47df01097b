// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { inShard, parseShard, SHARED_ROUTES } from './shard'

describe('shards', () => {
  it('reads i/n and refuses anything else, saying what it wants', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 })
    expect(parseShard(undefined)).toBeUndefined()
    for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0'])
      expect(() => parseShard(bad)).toThrow(`--shard ${bad}: expected i/n with 1 ≤ i ≤ n`)
  })

  it('puts each page in exactly one shard, evenly, and the shared pages in every one', () => {
    const routes = Array.from({ length: 3000 }, (_, i) => `/articles/story-${i}`)
    const shards = [1, 2, 3].map((index) => ({ index, count: 3 }))
    const sizes = shards.map((shard) => routes.filter((route) => inShard(route, shard)).length)
    for (const route of routes)
      expect(shards.filter((shard) => inShard(route, shard))).toHaveLength(1)
    for (const size of sizes) expect(size).toBeGreaterThan(900)
    expect(SHARED_ROUTES).toEqual(new Set(['/', '/search', '/saved', '/offline']))
    for (const route of SHARED_ROUTES)
      for (const shard of shards) expect(inShard(route, shard)).toBe(true)
  })
})
