// probe: publish one new synthetic story into a kept bench archive, then refresh
import { writeFile, readFile } from 'node:fs/promises'
import path from 'node:path'
import { syntheticWire } from './bench/synthetic'
import { ingestBatch } from './ingest/batch'
import { refreshSite } from './prerender/refresh'
const root = process.argv[2]!
const n = Number(process.argv[3] ?? 100001)
const contentDir = path.join(root, 'content')
const gazetteer = JSON.parse(await readFile(path.join(contentDir, 'entities.json'), 'utf8'))
const file = path.join(root, `new-${n}.txt`)
await writeFile(file, syntheticWire(n, gazetteer))
const t0 = performance.now()
const r = await ingestBatch([{ file, section: 'News', published: new Date() }], { contentDir, suggest: false })
if (r.errors.length) throw new Error(r.errors.join('\n'))
const t1 = performance.now()
const report = await refreshSite(contentDir, { distDir: path.join(root, 'site'), ssrEntry: '/work/main/dist-ssr/entry-server.js', siteOrigin: 'http://localhost:4173' }, path.join(root, 'content-cache.sqlite'))
const t2 = performance.now()
console.log(JSON.stringify({ ingest: (t1 - t0) / 1000, refresh: (t2 - t1) / 1000, live: report.liveSeconds, mode: report.content.mode, api: report.content.changed.length, pages: report.rendered, contentSeconds: report.contentSeconds, timings: report.content.timings }))
