// What the search index costs a reader: the bytes (gzip, as served) that the browser's engine
// (src/search/engine.ts) fetches for a query and its first page of results, answered from a built
// API on disk. For `npm run bench:content`.
import { QueryClient } from '@tanstack/react-query'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { searchDocsQueryOptions } from '../../src/queries/search'
import { search } from '../../src/search/engine'

/** The search files' count and bytes on disk. */
export async function indexSize(apiDir: string) {
  const dir = path.join(apiDir, 'search')
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => e.isFile())
  let bytes = 0
  for (const e of files) bytes += (await stat(path.join(e.parentPath, e.name))).size
  return { files: files.length, bytes }
}

/**
 * A first query on a fresh page, as the search page makes it: the engine's files, then the blocks
 * of the first `shown` results. Returns the results' count and the gzip bytes fetched.
 */
export async function firstQueryBytes(apiDir: string, query: string, shown = 10) {
  const fetched = new Map<string, number>()
  const realFetch = globalThis.fetch
  globalThis.fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const file = path.join(apiDir, url.pathname.replace(/^\/api\//, ''))
    const body = await readFile(file)
    fetched.set(file, gzipSync(body, { level: 6 }).length)
    return new Response(body, { headers: { 'content-type': 'application/json' } })
  }
  try {
    const client = new QueryClient()
    const outcome = await search(client, query)
    const blocks = new Set(
      outcome.docs.slice(0, shown).map((d) => Math.floor(d / outcome.manifest.blockSize)),
    )
    await Promise.all([...blocks].map((b) => client.ensureQueryData(searchDocsQueryOptions(b))))
    return {
      results: outcome.docs.length,
      files: fetched.size,
      gzipBytes: [...fetched.values()].reduce((a, b) => a + b, 0),
    }
  } finally {
    globalThis.fetch = realFetch
  }
}
