// `npm run bench:content [-- --stories N --entities N]` (or `-- --sizes 10000,40000,100000` for a
// table of how the figures grow, scripts/bench/growth.ts): builds a synthetic archive (10,000 wire
// stories, 2,000 entities by default, a picture for one story in three, drawn from the samples'
// pictures) in a temporary folder and measures the pipeline on it: ingest, content build (with
// the pictures' renditions), prerender, output sizes, and three stories edited (one at a time), one
// corrected and one withdrawn, each then refreshed, with the pages each refresh rewrote. Prints
// figures; asserts none.
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { brotliCompressSync, constants } from 'node:zlib'
import { runGrowth, type SizeFigures } from './bench/growth'
import { syntheticGazetteer, syntheticWire } from './bench/synthetic'
import { watchedEdits } from './bench/watched'
import { firstQueryBytes, indexSize } from './bench/search'
import {
  gone,
  htmlOf,
  kinds,
  linking,
  pagesShowing,
  routeOfHtml,
  scanHtml,
  written,
} from './bench/pages'
import { ingestBatch } from './ingest/batch'
import { stepTimes } from './content/build'
import { contentEnv, contentHeapFlags, ingestEnv } from './lib/heap'
import type { RenditionMade } from './images/renditions'

const { values } = parseArgs({
  options: {
    stories: { type: 'string', default: '10000' },
    entities: { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
    // The folder to work in, made if missing and left for the caller to remove (the growth table's
    // sizes, scripts/bench/growth.ts).
    in: { type: 'string' },
    // Several sizes, one after another, and a table of how the figures grow (scripts/bench/growth.ts).
    sizes: { type: 'string' },
    // Where to write this run's main figures as JSON (the growth table reads them).
    json: { type: 'string' },
    // With --in: one more story edited in the archive a run left there, and refreshed, its time
    // written as JSON: the growth table alternates these between two sizes.
    'edit-again': { type: 'boolean', default: false },
    // A phase whose process writes a V8 CPU profile (refresh, correct, withdraw, content,
    // prerender…), into a folder beside the run's, kept: where a figure's time goes, for DevTools.
    profile: { type: 'string' },
  },
})
if (values.sizes) {
  const sizes = values.sizes.split(',').map(Number)
  if (sizes.some((n) => !Number.isInteger(n) || n < 100))
    throw new Error(
      `--sizes takes story counts of 100 or more, such as 10000,40000: ${values.sizes}`,
    )
  await runGrowth(sizes, fileURLToPath(import.meta.url))
  process.exit(0)
}
const storyCount = Number(values.stories)
const entityCount = Number(values.entities)
const execFileAsync = promisify(execFile)
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const line = (label: string, value: string) => console.log(`${label.padEnd(34)} ${value}`)

if (!existsSync('dist/index.html') || !existsSync('dist-ssr/entry-server.js')) {
  console.log('building the app first (npm run build)…')
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })
}

const root = values.in
  ? await mkdir(values.in, { recursive: true }).then(() => path.resolve(values.in ?? ''))
  : await mkdtemp(path.join(os.tmpdir(), 'dispatch-bench-'))
const contentDir = path.join(root, 'content')
const wireDir = path.join(root, 'wire')
const site = {
  distDir: path.join(root, 'site'),
  ssrEntry: path.resolve('dist-ssr/entry-server.js'),
  siteOrigin: 'http://localhost:4173',
}
const cacheFile = path.join(root, 'content-cache.sqlite')
const profiles = `${root}-profiles`

/** The phases that build content: the full build, and the refreshes after the newsroom's edits. */
const REFRESHES = new Set(['content', 'refresh', 'correct', 'withdraw'])

/** A phase's process: Node's arguments and options. */
function phaseCommand(name: string, extra: Record<string, unknown>) {
  const args = [
    // The full content build runs with the heap flags `npm run build` gives it.
    ...(name === 'content' ? contentHeapFlags(contentDir) : []),
    ...(name === values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : []),
    '--import',
    'tsx',
    'scripts/bench/phase.ts',
    name,
    JSON.stringify({ contentDir, site, cacheFile, ...extra }),
  ]
  const options = {
    encoding: 'utf8' as const,
    maxBuffer: 64 * 1024 * 1024,
    // And in the environment it gives it (two malloc arenas), as `npm run refresh` gives the
    // newsroom's edits, and ingest in `npm run ingest`'s.
    ...(REFRESHES.has(name) ? { env: contentEnv() } : {}),
    ...(name === 'ingest' ? { env: ingestEnv() } : {}),
  }
  return [args, options] as const
}

interface PhaseResult {
  seconds: number
  maxRssMb: number
  detail: Record<string, unknown>
}

const phaseResult = (out: string) =>
  JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as PhaseResult

function phase(name: string, extra: Record<string, unknown> = {}) {
  return phaseResult(execFileSync(process.execPath, ...phaseCommand(name, extra)))
}

/** A phase run beside others, as `npm run build` runs its prerender and feeds. */
async function phaseBeside(name: string, extra: Record<string, unknown> = {}) {
  const { stdout } = await execFileAsync(process.execPath, ...phaseCommand(name, extra))
  return phaseResult(stdout)
}

/**
 * A story published (not under embargo at the refresh's clock, a day back), from the `from`-th
 * of the ingested story files on, and not one used already.
 */
function publishedStory(stories: readonly string[], from: number, taken: readonly number[]) {
  const notBefore = Date.now() - 86_400_000
  for (let k = 0; k < stories.length; k++) {
    const i = (from + k) % stories.length
    const story = stories[i]
    if (!story || taken.includes(i)) continue
    const { publishedAt } = JSON.parse(readFileSync(story, 'utf8')) as { publishedAt: string }
    if (Date.parse(publishedAt) < notBefore)
      return { index: i, slug: path.basename(story, '.json') }
  }
  throw new Error('no published story left to edit, correct or withdraw')
}

/** A corrected standfirst: the story, the index page and its entities' pages all show it. */
async function correctWire(file: string) {
  const lines = (await readFile(file, 'utf8')).split('\n')
  lines[2] = `${lines[2] ?? ''} The council confirmed the figures on Friday.`
  await writeFile(file, lines.join('\n'))
}

/** What a run leaves in its folder (`--in`) for `--edit-again`: its stories, and those used. */
interface RunState {
  /** The ingested story files, in the order of the wire files. */
  stories: string[]
  wireFiles: string[]
  used: number[]
}
const stateFile = path.join(root, 'bench-state.json')

// One more edit in a run's archive, timed as the run's own three (the growth table's alternated
// edits, scripts/bench/growth.ts): the next story spread over the archive, then the refresh.
if (values['edit-again']) {
  if (!values.in || !values.json) throw new Error('--edit-again needs --in and --json')
  const state = JSON.parse(await readFile(stateFile, 'utf8')) as RunState
  // Spread over the archive by the golden ratio, so that no two edits are near neighbours.
  const from = Math.floor(state.stories.length * ((state.used.length * 0.618034) % 1))
  const story = publishedStory(state.stories, from, state.used)
  const file = state.wireFiles[story.index] ?? ''
  await correctWire(file)
  const edit = timedPhase('refresh', { wireFile: file })
  state.used.push(story.index)
  await writeFile(stateFile, JSON.stringify(state))
  await writeFile(values.json, JSON.stringify({ liveSeconds: Number(edit.detail.liveSeconds) }))
  process.exit(0)
}

/** A sorted list's middle item: the median of an odd number of runs. */
const middleOf = <T>(sorted: readonly T[]) => sorted[Math.floor(sorted.length / 2)]

/** Whether two lists of routes hold the same, for a line: "label: yes", or what differs. */
function compare(label: string, expected: readonly string[], found: readonly string[]) {
  const missing = expected.filter((r) => !found.includes(r))
  const extra = found.filter((r) => !expected.includes(r))
  if (missing.length === 0 && extra.length === 0) return `${label}: yes`
  const some = (list: string[]) => list.slice(0, 3).join(' ') + (list.length > 3 ? ' …' : '')
  return (
    `${label}: NO` +
    (missing.length ? `, ${missing.length} missing (${some(missing)})` : '') +
    (extra.length ? `, ${extra.length} extra (${some(extra)})` : '')
  )
}

/** A phase, with the wall time it took from outside: Node's start and loading included. */
function timedPhase(name: string, extra: Record<string, unknown>) {
  const started = performance.now()
  const result = phase(name, extra)
  return { ...result, wall: (performance.now() - started) / 1000 }
}

/** What a page's inline stylesheet adds to its HTML and to its Brotli copy (docs/decisions/028). */
async function inlineStylesheetCost(file: string) {
  const html = await readFile(file, 'utf8')
  // (Its media queries hold `<`: the style element ends at the first `</style>`.)
  const start = html.indexOf('<style>')
  const end = html.indexOf('</style>', start) + '</style>'.length
  const without = start < 0 ? html : html.slice(0, start) + html.slice(end)
  const br = (text: string) =>
    brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length
  return {
    raw: Buffer.byteLength(html) - Buffer.byteLength(without),
    sent: br(html) - br(without),
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
  const section = { id: 'news', name: 'News', description: 'The benchmark archive.' }
  await writeFile(path.join(contentDir, 'sections.json'), JSON.stringify([section]))
  await writeFile(path.join(contentDir, 'authors.json'), '[]')
  // One story in three has a lead picture, from the samples' drawings in turn.
  await cp('content/images', path.join(contentDir, 'images'), { recursive: true })
  const pictures = (await readdir('content/images')).filter((f) => f.endsWith('.svg')).sort()
  const files: string[] = []
  // Named so that their names sort as they were made: ingest takes a folder's files in name order.
  const digits = Math.max(5, String(storyCount - 1).length)
  for (let i = 0; i < storyCount; i++) {
    const file = path.join(wireDir, `${String(i).padStart(digits, '0')}.txt`)
    const picture = i % 3 === 0 ? pictures[(i / 3) % pictures.length] : undefined
    await writeFile(file, syntheticWire(i, gazetteer, undefined, picture))
    files.push(file)
  }
  const capturedAt = new Date('2026-11-27T09:00:00Z')
  // The wire files go to the disk before ingest is timed: a newsroom's copy arrives some time
  // before it is ingested, and ingest measured while the kernel still wrote these back was up to
  // a third slower, with twice the system time (docs/decisions/066).
  execFileSync('sync')

  // 1. Ingest (reading, converting, checking and writing every story), in a process of its own as
  // `npm run ingest` runs.
  const ingested = phase('ingest', { wireDir, capturedAt: capturedAt.toISOString() })
  const ingestSeconds = ingested.seconds
  const stories = ingested.detail as unknown as string[]
  const sample = files.slice(0, 500)
  const suggestStarted = performance.now()
  await ingestBatch(
    sample.map((file) => ({ file, section: 'News', capturedAt })),
    { contentDir, suggest: true, dryRun: true, force: true },
  )
  const suggestSeconds = (performance.now() - suggestStarted) / 1000

  // 2. Content build, full, into a copy of the built app.
  await cp('dist', site.distDir, {
    recursive: true,
    filter: (src) => !/[/\\](api|articles|entities|sections|authors|latest|images)$/.test(src),
  })
  const content = phase('content')

  // 3. Prerender every route (each page with its compressed copies), the feeds, then the build's
  // last step: copies for every other file.
  // The prerender and the feeds side by side, as `npm run build` runs them: timed together, from
  // both processes' start to the later's end.
  const besideStarted = performance.now()
  const [prerender, feeds] = await Promise.all([phaseBeside('prerender'), phaseBeside('feeds')])
  const besideSeconds = (performance.now() - besideStarted) / 1000
  const precompress = phase('precompress')
  const buildSeconds = content.seconds + besideSeconds + precompress.seconds

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

  // The build's writes (15 GB at 100,000 stories) go to the disk before the newsroom's changes
  // are timed: measured while the kernel still writes them back, an edit took 4 s, of which 3.4 s
  // waiting on reads; 0.93-1.01 s with nothing to write back (docs/decisions/040).
  execFileSync('sync')

  const storyFrom = (from: number, taken: number[]) => publishedStory(stories, from, taken)

  // 6. One story corrected and re-ingested, then the site refreshed; three times, a different story
  // each time, each refresh in a process of its own: the goal's figure is their median, and their
  // spread is what tells a change from noise between sizes.
  // The middle story, or the next one published: an embargoed story's edit publishes no page, and
  // the watched edits below would wait for one.
  const edits: ReturnType<typeof timedPhase>[] = []
  const editedStories: number[] = []
  for (const at of [1 / 2, 3 / 8, 5 / 8]) {
    const story = storyFrom(Math.floor(storyCount * at), editedStories)
    editedStories.push(story.index)
    const file = files[story.index] ?? ''
    await correctWire(file)
    edits.push(timedPhase('refresh', { wireFile: file }))
  }
  const editedFile = files[editedStories[0] ?? 0] ?? ''
  const editLive = (p: (typeof edits)[number]) => Number(p.detail.liveSeconds)
  const byEditLive = [...edits].sort((a, b) => editLive(a) - editLive(b))
  const refresh = middleOf(byEditLive)
  if (!refresh) throw new Error('no edit was timed')

  // 7. Another story corrected with the newsroom's command (`npm run correct`), then the site
  // refreshed. Which pages show it is found before, from the API and from the HTML; which pages the
  // refresh rewrote, from every HTML file's inode and modification time before and after.
  const corrected = storyFrom(Math.floor(storyCount / 4), editedStories)
  const correctedShows = await pagesShowing(site.distDir, corrected.slug)
  const scan0 = await scanHtml(site.distDir)
  const correct = timedPhase('correct', {
    slug: corrected.slug,
    words: 'An earlier version of this story gave the wrong number of berths. It is 12, not 14.',
  })
  const scan1 = await scanHtml(site.distDir, scan0)

  // 8. A third story withdrawn (`npm run unpublish`), then the site refreshed.
  const withdrawn = storyFrom(Math.floor((storyCount * 3) / 4), [...editedStories, corrected.index])
  const withdrawnShows = await pagesShowing(site.distDir, withdrawn.slug)
  const withdraw = timedPhase('withdraw', {
    slug: withdrawn.slug,
    words: "This story's figures could not be confirmed. It is withdrawn while we check them.",
  })
  const scan2 = await scanHtml(site.distDir, scan1)

  // 9. A new story, the newest, ingested and published by a refresh: what the newsroom does most.
  const fresh = path.join(wireDir, 'new.txt')
  await writeFile(fresh, syntheticWire(storyCount, gazetteer))
  const publish = timedPhase('refresh', {
    wireFile: fresh,
    published: new Date(Date.now() - 60_000).toISOString(),
  })

  // 10. The first edit again, five times, under a watching refresh (`npm run refresh -- --watch`),
  // which renders warm after its first refresh.
  const watched = await watchedEdits({ contentDir, site, cacheFile }, editedFile, 5)

  console.log('')
  line(
    'ingest',
    `${(storyCount / ingestSeconds).toFixed(0)} stories/s (${ingestSeconds.toFixed(2)} s for ${storyCount}; goal ≥ 2500/s), peak ${ingested.maxRssMb.toFixed(0)} MB`,
  )
  line(
    'ingest with entity suggestions',
    `${(sample.length / suggestSeconds).toFixed(0)} stories/s (${sample.length}-story sample, dry run)`,
  )
  line(
    'content build (full)',
    `${content.seconds.toFixed(2)} s, peak ${content.maxRssMb.toFixed(0)} MB (goal < 1500 MB), ${String(content.detail.files)} files`,
  )
  const made = (content.detail.renditions as RenditionMade[] | undefined) ?? []
  const storiesWithPictures = Math.ceil(storyCount / 3)
  line(
    '  picture renditions',
    `${made.length} made in the build above, for ${pictures.length} pictures shown by ${storiesWithPictures} stories: ` +
      // Each encoder's own clock, while the build reads and writes beside it (docs/decisions/067):
      // more than the encoders alone would take.
      `${(made.reduce((n, r) => n + r.ms, 0) / 1000).toFixed(1)} s of encoding (${os.availableParallelism()} at once, beside the build), ${mb(made.reduce((n, r) => n + r.bytes, 0))}`,
  )
  for (const format of ['avif', 'webp', 'jpg']) {
    const some = made.filter((r) => r.format === format)
    if (some.length === 0) continue
    const ms = some.reduce((n, r) => n + r.ms, 0) / some.length
    const kb = some.reduce((n, r) => n + r.bytes, 0) / some.length / 1024
    line(
      `    ${format}`,
      `${some.length} renditions, ${ms.toFixed(0)} ms and ${kb.toFixed(1)} KB each on average`,
    )
  }
  const children = (prerender.detail.childPeakMb as number[] | undefined) ?? []
  line(
    'prerender (full)',
    `${prerender.seconds.toFixed(2)} s, peak ${prerender.maxRssMb.toFixed(0)} MB` +
      (children.length ? ` + ${children.length} workers at ${children.join(', ')} MB` : '') +
      `, ${String(prerender.detail.routes)} routes`,
  )
  line(
    'feeds',
    `${feeds.seconds.toFixed(2)} s, ${String(feeds.detail.files)} files for ${String(feeds.detail.stories)} stories, beside the prerender (the two: ${besideSeconds.toFixed(2)} s)`,
  )
  line(
    'precompress (the other files)',
    `${precompress.seconds.toFixed(2)} s, ${String(precompress.detail.written)} files given .gz and .br copies`,
  )
  line(
    'content build + prerender',
    `${buildSeconds.toFixed(2)} s, feeds and precompress included (goal < 300 s at 100,000 stories)`,
  )
  line(
    'largest JSON',
    `${(largest.size / 1024).toFixed(1)} KB ${path.relative(site.distDir, largest.file)} (goal ≤ 100 KB; ${over} over)`,
  )
  line(
    'output',
    `${mb(json.reduce((n, f) => n + f.size, 0))} JSON in ${json.length} files, ${mb(html.reduce((n, f) => n + f.size, 0))} HTML in ${html.length} files`,
  )
  const copies = await walk(site.distDir, '.html.br')
  line(
    'HTML as sent (Brotli copies)',
    `${mb(copies.reduce((n, f) => n + f.size, 0))} in ${copies.length} files`,
  )
  const style = await inlineStylesheetCost(html[0]?.file ?? '')
  line(
    'inline stylesheet, a page',
    `${(style.raw / 1024).toFixed(1)} KB of its HTML, ${(style.sent / 1024).toFixed(1)} KB of its Brotli copy; ` +
      `${mb(style.raw * html.length)} and ${mb(style.sent * html.length)} over the site`,
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
  // A refresh's steps in milliseconds (BuildReport.timings), where its time went, and those of
  // the look at every story file that followed the change's publication.
  const steps = (p: typeof refresh) => {
    const of = (key: string) => stepTimes((p.detail[key] ?? {}) as Record<string, number>)
    return (
      `${of('timings')} (ms)` +
      (p.detail.checkTimings ? `; then every story file looked at: ${of('checkTimings')} (ms)` : '')
    )
  }
  // When the change was live, in process (the goal's figure), then the look at every story file
  // that followed (docs/decisions/036), and the whole command.
  const live = (p: typeof refresh, command: string, key: string, goal?: number) => {
    const step = (name: string) => Number(p.detail[name]).toFixed(2)
    const mode = p.detail.checkedMode as string | undefined
    const checked =
      mode === undefined
        ? ''
        : ` every story file looked at after: ${step('checkSeconds')} s more (${mode}, ` +
          `${String(p.detail.checkedApiFiles)} API files);`
    return (
      `${step('liveSeconds')} s live in process (${command} ${step(key)}, content ${step('contentSeconds')}, ` +
      `pages and feeds ${step('prerenderSeconds')}${goal ? `; goal < ${goal} s` : ''});${checked} ` +
      `${p.seconds.toFixed(2)} s in all, ${p.wall.toFixed(2)} s with Node start; ` +
      `${String(p.detail.mode)}: ${String(p.detail.apiFiles)} API files, ${String(p.detail.pages)} pages`
    )
  }

  line(
    'one story edited: ingest + refresh',
    `${live(refresh, 'ingest', 'ingestSeconds', 1)}, ` +
      `${String(refresh.detail.renditions)} picture renditions made (no picture changed)`,
  )
  line(
    `  median of ${edits.length} stories edited`,
    `live ${edits.map((p) => editLive(p).toFixed(2)).join(', ')} s, in this order; the line above is the median's`,
  )
  line('  its steps', steps(refresh))
  const median = middleOf([...watched].sort((a, b) => a.liveSeconds - b.liveSeconds))
  if (median)
    line(
      '  the same, watching refresh',
      `${median.liveSeconds.toFixed(2)} s live, median of ${watched.length} edits ` +
        `(${watched.map((w) => w.liveSeconds.toFixed(2)).join(', ')} s; goal < 1 s); its ingest ` +
        `${median.ingestSeconds.toFixed(2)} s; ${median.pages} pages; its steps ${stepTimes(median.timings)} (ms)`,
    )

  // HTML files written that are no page's (404.html: every refresh renders it again), listed.
  const besides = (files: string[]) => {
    const list = files.filter((file) => !routeOfHtml(file))
    return list.length ? ` (+ ${list.join(', ')})` : ''
  }
  // The pages a refresh rewrote: index.html files replaced between two scans, as routes.
  const rewritten = (before: typeof scan0, after: typeof scan0) =>
    written(before, after).flatMap((file) => routeOfHtml(file) ?? [])
  // The pages that link a story, and its own page, from a scan: as routes.
  const showing = (scan: typeof scan0, slug: string) =>
    [
      ...new Set([
        `/articles/${slug}`,
        ...linking(scan, slug).flatMap((file) => routeOfHtml(file) ?? []),
      ]),
    ].sort()
  const seconds = (p: typeof refresh, command: string) => live(p, command, 'commandSeconds', 2)
  // The pages that show a story, found two ways: from the API's lists, and from the HTML's links.
  const showsLine = (label: string, listed: string[], linked: string[]) =>
    line(
      label,
      `${listed.length} (${kinds(listed)}) by the API's lists; ` +
        `${linked.length} by the HTML (its page + ${linked.length - 1} linking it); ` +
        compare('the same', listed, linked),
    )
  const routesOf = (p: typeof refresh) => (p.detail.routes as string[] | undefined) ?? []

  line('one story corrected + refresh', seconds(correct, 'correct'))
  line('  its steps', steps(correct))
  showsLine('  pages that show it', correctedShows, showing(scan0, corrected.slug))
  const correctedFiles = written(scan0, scan1)
  const correctedWritten = rewritten(scan0, scan1)
  line(
    '  pages rewritten',
    `${correctedWritten.length}${besides(correctedFiles)} of ${scan0.size} HTML files (inode or mtime changed); ` +
      compare('only the pages that show it', correctedShows, correctedWritten) +
      `; ${compare("the refresh's list of pages", correctedWritten, routesOf(correct))}`,
  )

  line('one story withdrawn + refresh', seconds(withdraw, 'withdraw'))
  line('  its steps', steps(withdraw))
  showsLine('  pages that showed it', withdrawnShows, showing(scan1, withdrawn.slug))
  const own = `/articles/${withdrawn.slug}`
  const withdrawnFiles = written(scan1, scan2)
  const withdrawnWritten = rewritten(scan1, scan2)
  // Pages gone: its own (replaced by the 410 page, below), and a list's last page when it empties.
  const removed = gone(scan1, scan2).flatMap((file) => routeOfHtml(file) ?? [])
  const others = withdrawnWritten.filter((r) => !withdrawnShows.includes(r))
  const missed = withdrawnShows.filter((r) => !withdrawnWritten.includes(r) && !removed.includes(r))
  line(
    '  pages rewritten',
    `${withdrawnWritten.length}${besides(withdrawnFiles)} of ${scan1.size} HTML files (inode or mtime changed): ` +
      `${withdrawnWritten.length - others.length} that showed it, ${others.length} others (${kinds(others) || 'none'}); ` +
      (missed.length
        ? `NOT rewritten nor removed: ${missed.length} that showed it (${missed.slice(0, 3).join(' ')})`
        : 'every page that showed it rewritten or removed'),
  )
  line('  pages removed', `${removed.length}: ${removed.join(' ')}`)
  line(
    "  by the refresh's count",
    `${String(withdraw.detail.pages)} pages rendered (its 410 page among them), ${String(withdraw.detail.removed)} removed; ` +
      compare(
        'the same pages as the HTML files',
        [...new Set([...removed, ...withdrawnWritten])],
        routesOf(withdraw),
      ),
  )
  const goneHtml = `${htmlOf(own).slice(0, -'index.html'.length)}gone.html`
  const goneWritten = written(scan1, scan2).includes(goneHtml)
  const indexRemoved = gone(scan1, scan2).includes(htmlOf(own))
  line(
    '  410 page',
    `${goneHtml} ${goneWritten ? 'written' : 'NOT written'}, its index.html ` +
      (indexRemoved ? 'removed' : 'NOT removed'),
  )
  const stillLinking = linking(scan2, withdrawn.slug)
  line(
    '  links to it afterwards',
    `${stillLinking.length} of ${scan2.size} HTML files checked link it (goal 0)` +
      (stillLinking.length ? `: ${stillLinking.slice(0, 3).join(' ')}` : ''),
  )

  // Every list it is in is numbered from its newest story, so each of their pages moves by one.
  const publishedRoutes = routesOf(publish)
  line(
    'one story published + refresh',
    `${live(publish, 'ingest', 'ingestSeconds')}; pages: ${kinds(publishedRoutes)}`,
  )
  line('  its steps', steps(publish))

  // 7. Entity linking against what an editor expects (decision 025): the trap stories and the
  // samples, with the project's own gazetteer, not the synthetic archive.
  const { describeScore, sampleCases, scoreLinking, trapCases } =
    await import('./ingest/linking/score')
  line(
    'entity links, trap stories',
    describeScore(scoreLinking(await trapCases())) + ' (goal F1 ≥ 0.97, 0 wrong)',
  )
  line('entity links, samples', describeScore(scoreLinking(await sampleCases())))

  if (values.json) {
    const figures: SizeFigures = {
      stories: storyCount,
      ingestPerSecond: storyCount / ingestSeconds,
      buildSeconds,
      contentPeakMb: content.maxRssMb,
      editSeconds: editLive(refresh),
      editRangeSeconds: [
        editLive(byEditLive[0] ?? refresh),
        editLive(byEditLive.at(-1) ?? refresh),
      ],
      editAllSeconds: refresh.seconds,
      editWatchedSeconds: median?.liveSeconds ?? Number.NaN,
      correctSeconds: Number(correct.detail.liveSeconds),
      withdrawSeconds: Number(withdraw.detail.liveSeconds),
      publishSeconds: Number(publish.detail.liveSeconds),
    }
    await writeFile(values.json, JSON.stringify(figures))
  }
  if (values.in) {
    const used = [...editedStories, corrected.index, withdrawn.index]
    await writeFile(
      stateFile,
      JSON.stringify({ stories, wireFiles: files, used } satisfies RunState),
    )
  }
} finally {
  if (values.profile) console.log(`\nCPU profiles of the ${values.profile} phase in ${profiles}`)
  if (values.keep) console.log(`\nkept ${root}`)
  else if (!values.in) await rm(root, { recursive: true, force: true })
}
