// How much heap the content build's process may take. A full build keeps a few numbers for each
// story, in typed arrays beside the heap, its names and facts in files (docs/decisions/075), and
// streams the rest.
// When it kept a few KB, V8 let garbage grow the heap to twice what was live and more (1.8 GB at
// 100,000 stories, of which under 700 MB was live), and a limit sized from the archive made it
// collect sooner (docs/decisions/032); it now leaves the build far more room than it takes.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'

/** MB of heap for an archive of this many stories: a floor, and 6 KB a story (under 0.5 KB is live). */
export const contentHeapMb = (stories: number) => Math.ceil(512 + (stories * 6) / 1024)

/**
 * Node's flags for the content build of this content folder: its heap limit (counted from its
 * articles, or `DISPATCH_CONTENT_HEAP_MB` where that is set), a young generation of 32 MB, which
 * at 100,000 stories cut the build's user CPU by 14-26 % and its time by 3-8 % (two alternated
 * pairs of runs, docs/decisions/034), as it does the prerender's, and the heap let grow by a
 * fixed share of what each full collection finds live (`HEAP_GROWING_PERCENT`).
 */
export function contentHeapFlags(contentDir: string): string[] {
  return [`--max-old-space-size=${heapMb(contentDir)}`, '--max-semi-space-size=32', GROWING_FLAG]
}

/**
 * How far past the live set V8 may grow the heap before its next full collection, in percent. Left
 * to itself, V8 picks up to 300 % when the limit is 2 GB or more: with the limit a million stories
 * get (6.2 GB), the heap grew to 2.7 GB around 0.7 GB live, and the build's memory to 3 GB
 * (docs/decisions/063).
 */
const HEAP_GROWING_PERCENT = 30
const GROWING_FLAG = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`

/**
 * The content build's environment: glibc's malloc held to two arenas (`MALLOC_ARENA_MAX`),
 * blocks of 128 KB and more mapped on their own (`MALLOC_MMAP_THRESHOLD_`) unless the arena has
 * room, and 16 MB kept at each arena's top when it gives memory back (`MALLOC_TOP_PAD_`), unless
 * the caller's environment says otherwise. Other systems' allocators ignore all three.
 * - By default each thread that allocates gets an arena of its own, up to eight a core; the build's
 *   threads (libuv's pool reading the stories, the writer thread, V8's helpers) each left tens of
 *   MB freed but kept in theirs, a third of the build's peak at 10,000 stories (600-700 MB against
 *   420-430 MB with two, in no more time; docs/decisions/046).
 * - By default glibc raises that threshold to the size of each mapped block freed, up to 32 MB:
 *   after the pictures' renditions (sharp's buffers of a few MB each) their blocks came from the
 *   arenas instead, and stayed there, freed, to the build's end: 350-370 MB at 10,000 stories
 *   against 255 MB with the threshold set (docs/decisions/062). Setting it keeps it where it starts.
 * - Setting it also holds glibc's trim threshold at 128 KB: every API file's two compressed copies
 *   (a Brotli and a gzip encoder, a few MB of tables between them) took their memory from the
 *   kernel again and gave it back, 200 page faults a file, 0.57 ms against 0.21 ms a copy of a 7 KB
 *   file on a writer thread. A pad at the arena's top keeps that memory for the next encoder: the
 *   content build of 10,000 stories 19.7/21.2 s against 22.1/23.2 s (system time 3.8/4.5 against
 *   6.7/8.3 s), peak memory the same (docs/decisions/069).
 * `npm run content` and `npm run refresh` set all three in package.json likewise.
 */
export function contentEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
    MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? MMAP_THRESHOLD,
    MALLOC_TOP_PAD_: env.MALLOC_TOP_PAD_ ?? TOP_PAD,
  }
}
/**
 * Runs this script again, as a child with the content build's flags and environment, when it was
 * started without them (`npm run content`, `npm run dev`, or tsx itself): Node's flags are fixed
 * when it starts, and V8's own heap limit and growth let a big archive's build take twice the
 * memory (docs/decisions/063). Resolves at once when the flags are there; otherwise never, and
 * this process ends with the child's status, passing it the signals that would stop it.
 */
export function withContentFlags(contentDir: string): Promise<void> {
  if (process.execArgv.includes(GROWING_FLAG)) return Promise.resolve()
  const script = process.argv[1] ?? ''
  const child = spawn(
    process.execPath,
    [...contentHeapFlags(contentDir), '--import', 'tsx', script, ...process.argv.slice(2)],
    { stdio: 'inherit', env: contentEnv() },
  )
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => child.kill(signal))
  return new Promise((_, reject) => {
    child.once('error', reject)
    // Stopped by a signal: the shell's status for it, 128 and its number.
    child.once('exit', (code, signal) =>
      process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 0)),
    )
  })
}

/**
 * The heap's growth bounded as the content build's is, in a process already running: for `npm run
 * refresh`, which stays running with `--watch` and builds in its own process. V8 reads the flag at
 * each full collection (its heap limit and young generation are fixed when it starts).
 */
export function boundHeapGrowth() {
  v8.setFlagsFromString(GROWING_FLAG)
}

/** glibc's own starting threshold, 128 KB (`M_MMAP_THRESHOLD`), held there. */
const MMAP_THRESHOLD = '131072'
/** What an arena keeps at its top when it trims (`M_TOP_PAD`): room for the encoders' tables. */
const TOP_PAD = String(16 * 1024 * 1024)

/**
 * Ingest's environment: libuv's pool held to one thread (`UV_THREADPOOL_SIZE`), unless the caller's
 * environment says otherwise. A big batch reads and writes its stories through the pool while its
 * own thread converts them; the default four threads all creating files in one folder, on two
 * cores, took the converting thread's core from it and each other's turn at the folder: 2,151,
 * 2,102 and 2,200 stories a second against 2,605, 2,433 and 2,582 with one (10,000 stories,
 * alternated; docs/decisions/049). `npm run ingest` sets it in package.json likewise: the pool's
 * size is read when the pool starts, and loading a script's modules starts it.
 */
export function ingestEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, UV_THREADPOOL_SIZE: env.UV_THREADPOOL_SIZE ?? INGEST_POOL }
}
export const INGEST_POOL = '1'

function heapMb(contentDir: string) {
  const set = Number(process.env.DISPATCH_CONTENT_HEAP_MB)
  if (Number.isInteger(set) && set > 0) return set
  let stories = 0
  try {
    stories = readdirSync(path.join(contentDir, 'articles')).filter((f) =>
      f.endsWith('.json'),
    ).length
  } catch {
    // No articles folder: the build itself says so.
  }
  return contentHeapMb(stories)
}
