// `npm run build [-- --shard i/n]`: the whole site into dist/, step by step; stops at the first
// step that fails, naming it. With `--shard i/n`, the prerender renders only the i-th of n shares
// of the pages (scripts/prerender/shard.ts): n machines, each with the same content, code and
// SOURCE_DATE_EPOCH, build one share each, and `tsx scripts/merge-shards.ts --out site dist-1 …
// dist-n` puts their sites together, the same files as one build.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { adoptCache } from './content/build'
import { cacheFileFor } from './content/cacheFile'
import { takeChanged } from './content/changeLog'
import { contentEnv, contentHeapFlags } from './lib/heap'
import { setAside, type SetAside } from './lib/setAside'
import { parseShard } from './prerender/shard'

const { values } = parseArgs({ options: { shard: { type: 'string' } } })
try {
  parseShard(values.shard)
} catch (error) {
  console.error((error as Error).message)
  process.exit(2)
}
const shard = values.shard ? ['--shard', values.shard] : []
const tsx = (script: string, ...args: string[]) => ['--import', 'tsx', script, ...args]
const vite = (...args: string[]) => ['node_modules/vite/bin/vite.js', 'build', ...args]

type Step = [name: string, args: string[]]
const isGroup = (step: Step | Step[]): step is Step[] => Array.isArray(step[0])

/** The build's steps in order; the steps of an inner list run side by side. */
const steps: (Step | Step[])[] = [
  // With a heap limit sized from the archive and a larger young generation (scripts/lib/heap.ts).
  // Its files' compressed copies made as they are written, on the writer thread (decision 045).
  ['content', [...contentHeapFlags('content'), ...tsx('scripts/build-content.ts', '--compress')]],
  ['app', vite()],
  ['server entry', vite('--ssr', 'src/entry-server.tsx', '--outDir', 'dist-ssr')],
  // The feeds are made from the API, not from the pages: written while the prerender's workers
  // render, in what they leave of the cores (docs/decisions/069).
  [
    ['prerender', tsx('scripts/prerender.ts', ...shard)],
    ['feeds', tsx('scripts/build-feeds.ts')],
  ],
  ['offline', tsx('scripts/build-offline.ts')],
  // After the prerender, which keeps the page template it reads.
  ['nginx', tsx('scripts/build-nginx.ts')],
  // The app's copy of public/ stamped each file it copied with its own time: given back (the
  // API's files are links, with theirs).
  ['precompress', tsx('scripts/precompress.ts', '--times-from', 'public')],
]
// One time for the whole build (the reproducible-builds convention): the pages' data is stamped
// with it, so shards given the same SOURCE_DATE_EPOCH write the same bytes.
const env = {
  ...process.env,
  SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? String(Math.floor(Date.now() / 1000)),
}
// The stories the newsroom's commands noted so far are all in this build: taken now, forgotten
// once it is whole (a failed build leaves them for the next refresh). Noted meanwhile: kept.
const noted = await takeChanged('content')
/** Runs one step: its failure, or undefined. */
function run([name, args]: Step) {
  // The content build's malloc kept to two arenas (scripts/lib/heap.ts).
  const stepEnv = name === 'content' ? contentEnv(env) : env
  return new Promise<string | undefined>((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: stepEnv })
    child.once('error', (error) => {
      resolve(`build: the ${name} step failed: ${error.message}`)
    })
    child.once('exit', (code, signal) => {
      resolve(code === 0 ? undefined : `build: the ${name} step failed (${signal ?? code})`)
    })
  })
}
/**
 * The last build's site and server entry, out of the way (the app's step would empty dist/) until
 * this build is whole: removed then, or put back together if a step fails, so that a refresh never
 * renders with one build's entry into the other's site (scripts/lib/setAside.ts).
 */
const lastSite: SetAside[] = ['dist', 'dist-ssr'].flatMap((dir) => setAside(dir) ?? [])
for (const step of steps) {
  // Side by side steps all finish, so that a failure stops the build with nothing still writing.
  const failures = (await Promise.all(isGroup(step) ? step.map(run) : [run(step)])).filter(Boolean)
  if (failures.length > 0) {
    for (const failure of failures) console.error(failure)
    for (const folder of lastSite) folder.putBack()
    const back = lastSite.map((folder) => `${folder.dir}/`).join(' and ')
    if (back) console.error(`build: ${back} put back as the last build left them`)
    process.exit(1)
  }
}
// dist/api holds public/api's files (as links, vite.config.ts): the content build's cache is made
// its cache too, so that `npm run refresh` patches what changed next rather than building the
// archive again.
const site = (dir: string) => ({ outDir: `${dir}/api`, cacheFile: cacheFileFor(`${dir}/api`) })
if (!(await adoptCache(site('public'), site('dist'))))
  console.warn('build: the content cache does not describe public/api: the next refresh builds all')
await noted?.done()
for (const folder of lastSite) folder.done()
