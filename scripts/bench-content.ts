// `npm run bench:content [-- --stories N --entities N]`: builds a synthetic archive (10,000 wire
// stories, 2,000 entities by default) in a temporary folder and measures the pipeline on it:
// ingest, content build, prerender, output sizes, and a one-story edit. Prints figures; asserts none.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { syntheticGazetteer, syntheticWire } from './bench/synthetic'
import { firstQueryBytes, indexSize } from './bench/search'
import { ingestBatch } from './ingest/batch'

const { values } = parseArgs({
  options: {
    stories: { type: 'string', default: '10000' },
    entities: { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
  },
})
const storyCount = Number(values.stories)
const entityCount = Number(values.entities)
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const line = (label: string, value: string) => console.log(`${label.padEnd(34)} ${value}`)

if (!existsSync('dist/index.html') || !existsSync('dist-ssr/entry-server.js')) {
  console.log('building the app first (npm run build)…')
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })
}

const root = await mkdtemp(path.join(os.tmpdir(), 'dispatch-bench-'))
const contentDir = path.join(root, 'content')
const wireDir = path.join(root, 'wire')
const site = {
  distDir: path.join(root, 'site'),
  ssrEntry: path.resolve('dist-ssr/entry-server.js'),
  siteOrigin: 'http://localhost:4173',
}
const cacheFile = path.join(root, 'content-cache.json')

function phase(name: string, extra: Record<string, unknown> = {}) {
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/bench/phase.ts',
      name,
      JSON.stringify({ contentDir, site, cacheFile, ...extra }),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
    seconds: number
    maxRssMb: number
    detail: Record<string, unknown>
  }
}

async function walk(dir: string, ext: string) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const sizes = await Promise.all(
    entries
      .filter((e) => e.isFile() && e.name.endsWith(ext))
      .map(async (e) => {
        const file = path.join(e.parentPath, e.name)
        return { file, size: (await stat(file)).size }
      }),
  )
  return sizes
}

try {
  console.log(
    `Content pipeline benchmark: ${storyCount} stories, ${entityCount} entities, ${os.availableParallelism()} cores, Node ${process.version}`,
  )
  console.log(`working in ${root}\n`)

  // The archive: a gazetteer and wire files (not timed).
  const gazetteer = syntheticGazetteer(entityCount)
  await mkdir(path.join(contentDir, 'articles'), { recursive: true })
  await mkdir(wireDir, { recursive: true })
  await writeFile(path.join(contentDir, 'entities.json'), JSON.stringify(gazetteer, null, 2))
  const files: string[] = []
  for (let i = 0; i < storyCount; i++) {
    const file = path.join(wireDir, `${String(i).padStart(5, '0')}.txt`)
    await writeFile(file, syntheticWire(i, gazetteer))
    files.push(file)
  }
  const capturedAt = new Date('2026-11-27T09:00:00Z')

  // 1. Ingest (reading, converting, checking and writing every story).
  let t = performance.now()
  const ingest = await ingestBatch(
    files.map((file) => ({ file, section: 'News', capturedAt })),
    { contentDir, suggest: false },
  )
  const ingestSeconds = (performance.now() - t) / 1000
  if (ingest.errors.length > 0)
    throw new Error(`ingest failed:\n${ingest.errors.slice(0, 5).join('\n')}`)
  const sample = files.slice(0, 500)
  t = performance.now()
  await ingestBatch(
    sample.map((file) => ({ file, section: 'News', capturedAt })),
    { contentDir, suggest: true, dryRun: true, force: true },
  )
  const suggestSeconds = (performance.now() - t) / 1000

  // 2. Content build, full, into a copy of the built app.
  await cp('dist', site.distDir, {
    recursive: true,
    filter: (src) => !/[/\\](api|articles|entities|page)$/.test(src),
  })
  const content = phase('content')

  // 3. Prerender every route.
  const prerender = phase('prerender')

  // 4. What was written.
  const json = await walk(path.join(site.distDir, 'api'), '.json')
  const html = await walk(site.distDir, '.html')
  const largest = json.reduce((a, b) => (b.size > a.size ? b : a), { file: '', size: 0 })
  const over = json.filter((f) => f.size > 100 * 1024).length

  // 5. Search: the index, and what a reader's first query fetches.
  const apiDir = path.join(site.distDir, 'api')
  const searchIndex = await indexSize(apiDir)
  // One at a time: each measures through its own stand-in for fetch.
  const queries = []
  for (const word of ['council', 'harbour', 'port'])
    queries.push({ word, ...(await firstQueryBytes(apiDir, word)) })

  // 6. One story corrected and re-ingested, then the site refreshed.
  const edited = files[Math.floor(storyCount / 2)] ?? ''
  const { readFile } = await import('node:fs/promises')
  // A corrected standfirst: the story, the index page and its entities' pages all show it.
  const lines = (await readFile(edited, 'utf8')).split('\n')
  lines[2] = `${lines[2] ?? ''} The council confirmed the figures on Friday.`
  await writeFile(edited, lines.join('\n'))
  t = performance.now()
  const refresh = phase('refresh', { wireFile: edited })
  const refreshWall = (performance.now() - t) / 1000

  console.log('')
  line(
    'ingest',
    `${(storyCount / ingestSeconds).toFixed(0)} stories/s (${ingestSeconds.toFixed(2)} s for ${storyCount}; goal ≥ 2000/s)`,
  )
  line(
    'ingest with entity suggestions',
    `${(sample.length / suggestSeconds).toFixed(0)} stories/s (${sample.length}-story sample, dry run)`,
  )
  line(
    'content build (full)',
    `${content.seconds.toFixed(2)} s, peak ${content.maxRssMb.toFixed(0)} MB, ${String(content.detail.files)} files`,
  )
  const children = (prerender.detail.childPeakMb as number[] | undefined) ?? []
  line(
    'prerender (full)',
    `${prerender.seconds.toFixed(2)} s, peak ${prerender.maxRssMb.toFixed(0)} MB` +
      (children.length ? ` + ${children.length} workers at ${children.join(', ')} MB` : '') +
      `, ${String(prerender.detail.routes)} routes`,
  )
  line(
    'content build + prerender',
    `${(content.seconds + prerender.seconds).toFixed(2)} s (goal < 120 s)`,
  )
  line(
    'largest JSON',
    `${(largest.size / 1024).toFixed(1)} KB ${path.relative(site.distDir, largest.file)} (goal ≤ 100 KB; ${over} over)`,
  )
  line(
    'output',
    `${mb(json.reduce((n, f) => n + f.size, 0))} JSON in ${json.length} files, ${mb(html.reduce((n, f) => n + f.size, 0))} HTML in ${html.length} files`,
  )
  line(
    'search index',
    `${mb(searchIndex.bytes)} in ${searchIndex.files} files, built with the content (its time is in the content build's)`,
  )
  for (const q of queries)
    line(
      `first query "${q.word}"`,
      `${(q.gzipBytes / 1024).toFixed(1)} KB gzip in ${q.files} files, ${q.results} results (goal < 100 KB)`,
    )
  const part = (key: string) => Number(refresh.detail[key]).toFixed(2)
  line(
    'one story edited: ingest + refresh',
    `${refresh.seconds.toFixed(2)} s in process (ingest ${part('ingestSeconds')}, content ${part('contentSeconds')}, ` +
      `prerender ${part('prerenderSeconds')}), ${refreshWall.toFixed(2)} s with Node start (goal < 2 s); ` +
      `${String(refresh.detail.mode)}: ${String(refresh.detail.apiFiles)} API files, ${String(refresh.detail.pages)} pages`,
  )
} finally {
  if (values.keep) console.log(`\nkept ${root}`)
  else await rm(root, { recursive: true, force: true })
}
