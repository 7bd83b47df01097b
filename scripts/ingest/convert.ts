// Turning wire files into stories: one story's conversion (`convertJob`), and a big batch's on
// this thread and one more per other core (`convertOnThreads`). Converting is synchronous work on
// the text alone, a quarter of a millisecond a story; on one thread it was most of a big batch's
// time while the second core waited (docs/decisions/066).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Author, Article } from '../../src/content/schema'
import type { IngestJob } from './batch'
import type { EntityMatcher } from './gazetteer'
import { ingestWire, serializeArticle, type StoryReport } from './ingest'
import type { Suggester } from './suggest'
import { WireError } from './wire'

/** A story converted: its file's text as written, and its article when the converter kept it. */
export interface Converted {
  slug: string
  bytes: string
  report: StoryReport
  /** Absent when converted on another thread: `bytes` parsed give it. */
  article?: Article
}

/** Or what stopped it, as the batch reports it (`file: what is wrong`). */
export type Conversion = Converted | { error: string }

export interface ConvertContext {
  matcher: EntityMatcher
  authors: ReadonlyMap<string, Author>
  imagesDir: string
  suggest?: Suggester
  now: Date
}

/**
 * A wire file's story, from the file's bytes (and its times, when nothing else says when the copy
 * was captured).
 */
export function convertJob(
  job: IngestJob,
  source: Buffer,
  modified: Date | undefined,
  context: ConvertContext,
): Conversion {
  try {
    const text = decodeUtf8(source, job.file)
    const { article, report } = ingestWire(text, {
      file: job.file,
      matcher: context.matcher,
      section: job.section,
      authors: context.authors,
      imagesDir: context.imagesDir,
      capturedAt: job.capturedAt ?? modified ?? new Date(0),
      ...(job.published ? { published: job.published } : {}),
      ...(context.suggest ? { suggest: context.suggest } : {}),
      ...(job.slug ? { slug: job.slug } : {}),
      ...(job.updatedAt ? { updatedAt: job.updatedAt } : {}),
      now: context.now,
    })
    if (!job.capturedAt && !job.published && /\bago\b|yesterday|now/i.test(text.slice(0, 40))) {
      report.warnings.push(
        `relative capture time counted back from the file's modified time; pass --captured-at or --published to pin it`,
      )
    }
    return { slug: article.slug, bytes: serializeArticle(article), report, article }
  } catch (error) {
    return {
      error:
        error instanceof WireError ? error.message : `${job.file}: ${(error as Error).message}`,
    }
  }
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // The first replacement character marks the first bad byte: name its line.
    const lenient = new TextDecoder('utf-8').decode(bytes)
    const line = lenient.slice(0, Math.max(lenient.indexOf('\uFFFD'), 0)).split('\n').length
    throw new WireError(file, line, 'not UTF-8 text; save the copy as UTF-8')
  }
}

/** What a converting thread is told once: where the content is, and how to convert. */
export interface ThreadSetup {
  contentDir: string
  suggest: boolean
  now: number
}

/**
 * A converter of chunks of jobs: each job's file read at once (a read through libuv's pool is round
 * trips a converting thread need not make) and converted, in order. `keep` keeps each story's
 * article beside its bytes; a thread sends only the bytes, which the batch parses in the few cases
 * it needs the article.
 */
export function chunkConverter(context: ConvertContext, keep: boolean) {
  return (jobs: readonly IngestJob[]): Conversion[] =>
    jobs.map((job) => {
      let source: Buffer
      let modified: Date | undefined
      try {
        source = fs.readFileSync(job.file)
        if (!job.capturedAt && !job.published) modified = fs.statSync(job.file).mtime
      } catch (error) {
        return { error: `${job.file}: ${(error as Error).message}` }
      }
      const result = convertJob(job, source, modified, context)
      return 'error' in result || keep
        ? result
        : { slug: result.slug, bytes: result.bytes, report: result.report }
    })
}

/** A converting thread's converter: it loads the gazetteer, registers and tools itself. */
export async function threadConverter(setup: ThreadSetup) {
  const { loadMatcher, loadRegisters } = await import('./batch')
  const [matcher, registers, suggest] = await Promise.all([
    loadMatcher(setup.contentDir),
    loadRegisters(setup.contentDir),
    setup.suggest ? import('./suggest').then((m) => m.suggestEntities) : undefined,
  ])
  return chunkConverter(
    {
      matcher,
      authors: registers.authors,
      imagesDir: path.join(setup.contentDir, 'images'),
      now: new Date(setup.now),
      ...(suggest ? { suggest } : {}),
    },
    false,
  )
}

// Plain JavaScript, evaluated: the thread loads the TypeScript converter through tsx's API, as the
// scripts run under tsx and the tests under Vitest alike (scripts/lib/siteWriter.ts does the same).
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const ready = import('tsx/esm/api')
  .then(({ register }) => {
    register()
    return import(workerData.module)
  })
  .then((m) => m.threadConverter(workerData.setup))
ready.catch((error) => parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error) }))
parentPort.on('message', async ({ id, jobs }) => {
  const convert = await ready
  parentPort.postMessage({ id, results: convert(jobs) })
})
`

/** Jobs sent in one message, or converted here at a time: fewer messages, each worth its crossing. */
const CHUNK = 32
/** Chunks a thread is given ahead of the one it converts, so it never waits for the next. */
const AHEAD = 2

/**
 * The jobs' conversions, in the jobs' order, made here (`here`, this thread's converter) and on
 * `threads` threads beside it. Each thread loads the gazetteer and registers itself (a broken one
 * fails the batch with its message), and warms up its own compiler: a thread costs about a second
 * of CPU before it pays (docs/decisions/066). This thread converts the next chunk no thread has
 * whenever the one it needs is not ready. Results are yielded in order as soon as they and the
 * ones before them are ready, and only a few chunks are held.
 */
export async function* convertOnThreads(
  jobs: readonly IngestJob[],
  setup: ThreadSetup,
  here: () => Promise<(jobs: readonly IngestJob[]) => Conversion[]>,
  threads = os.availableParallelism() - 1,
): AsyncGenerator<Conversion> {
  const chunks: IngestJob[][] = []
  for (let i = 0; i < jobs.length; i += CHUNK) chunks.push(jobs.slice(i, i + CHUNK))
  const workers = Array.from(
    { length: Math.max(0, Math.min(threads, chunks.length - 1)) },
    () =>
      new Worker(THREAD, {
        eval: true,
        workerData: { module: new URL('./convert.ts', import.meta.url).href, setup },
      }),
  )
  // Each chunk's results, by its index, as they come; and whoever waits for the next one.
  const done = new Map<number, Conversion[]>()
  let failed: Error | undefined
  let wake: (() => void) | undefined
  const settle = () => {
    wake?.()
    wake = undefined
  }
  let next = 0
  const give = (worker: Worker) => {
    if (next >= chunks.length) return
    worker.postMessage({ id: next, jobs: chunks[next] })
    next += 1
  }
  for (const worker of workers) {
    worker.on('message', (message: { id: number; results: Conversion[] } | { failed: string }) => {
      if ('failed' in message) failed ??= new Error(message.failed)
      else {
        done.set(message.id, message.results)
        give(worker)
      }
      settle()
    })
    worker.on('error', (error) => {
      failed ??= error
      settle()
    })
    worker.on('exit', () => {
      failed ??= new Error('an ingest thread stopped')
      settle()
    })
    for (let i = 0; i <= AHEAD; i++) give(worker)
  }
  try {
    // Loaded while the threads start.
    const convert = await here()
    for (let id = 0; id < chunks.length; id++) {
      while (!done.has(id) && !failed) {
        if (next < chunks.length) {
          // No thread has it yet, or a thread is still on it: convert the next chunk meanwhile.
          done.set(next, convert(chunks[next] ?? []))
          next += 1
          // Then the threads' messages: each that comes back is given its next chunk.
          await new Promise((resolve) => setImmediate(resolve))
          continue
        }
        await new Promise<void>((resolve) => (wake = resolve))
      }
      const results = done.get(id)
      if (!results) throw failed ?? new Error('an ingest thread stopped')
      done.delete(id)
      yield* results
    }
  } finally {
    for (const worker of workers) worker.removeAllListeners('exit')
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}
