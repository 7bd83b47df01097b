// Writing many files of the site on threads of their own, so the thread that makes them goes on
// making them. A full content build at 100,000 stories writes 150,000 API files: on its own thread
// it spent a third of its time in the calls that write them, and compressing them as well (for
// nginx's gzip_static and brotli_static) would have doubled that (docs/decisions/034); with one
// such thread it still waited for it, with one per core less (docs/decisions/065).
import v8 from 'node:v8'
import { Worker } from 'node:worker_threads'

/**
 * One file to write: where, what, and whether it gets compressed copies beside it; or, with no
 * text, an existing file's copies.
 */
type Job = [file: string, text: string | null, compress: boolean]

// Plain JavaScript, evaluated: the worker loads the TypeScript writers through tsx's API, as the
// scripts run under tsx and the tests under Vitest alike.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const fs = require('node:fs')
const path = require('node:path')
const ready = import('tsx/esm/api').then(({ register }) => {
  register()
  return import(workerData.served)
})
const dirs = new Set()
parentPort.on('message', async (jobs) => {
  const { writeServed, writeCopiesOf } = await ready
  // The file being written, named in a failure: a write's own error (ENOSPC, EIO) names none.
  let current
  try {
    for (const [file, text, compress] of jobs) {
      current = file
      if (text === null) {
        writeCopiesOf(file)
        continue
      }
      const dir = path.dirname(file)
      if (!dirs.has(dir)) {
        fs.mkdirSync(dir, { recursive: true })
        dirs.add(dir)
      }
      if (compress) writeServed(file, text, { fresh: true })
      else fs.writeFileSync(file, text)
    }
    parentPort.postMessage({ done: jobs.length })
  } catch (error) {
    const reason = error instanceof Error ? error.stack : String(error)
    parentPort.postMessage({ error: 'cannot write ' + current + ': ' + reason })
  }
})
`

/** Files sent to the thread in one message: fewer messages, each worth its crossing. */
const BATCH = 64
/**
 * Characters of text in one message, at most (and one file more): a batch of 64 stories' files is
 * about 600 KB, of the search index's parts and the entities' pages up to 4 MB, and 16 of those
 * waiting (a copy in the message's queue, and the strings on this thread until they are
 * collected) put 75 MB on the full build's peak at 100,000 stories (docs/decisions/060).
 */
const BATCH_CHARS = 640 * 1024
/**
 * Characters sent and not yet written, over all the threads, before `write` waits: bounds the
 * text held in memory (16 full batches). Counted in characters, not batches: a batch can be one
 * file of megabytes (a search index's part): with each file's write held 20 ms (a slow disk), a
 * 10,000-story build peaked at 473 MB counting batches, 403 MB counting characters.
 */
const AHEAD_CHARS = 16 * BATCH_CHARS

/**
 * The thread's young generation (MB): room for a few batches' text. Left to the process's own
 * `--max-semi-space-size=32`, which the building thread is given (docs/decisions/034), it grew to
 * 64 MB of new space, an eighth of the full build's peak at 100,000 stories (docs/decisions/059).
 */
const YOUNG_MB = 12

/**
 * A writer of new files (a staging folder's: each is written plainly, not whole, as no server
 * sends them yet) on threads of their own, `threads` of them (one by default). `write` hands a
 * file over and waits only when the threads are far behind; `close` waits for every file, then
 * stops the threads. A failed write fails the next `write` or `close`; `close` must be called
 * either way, or the threads keep the process alive. Each batch goes to the thread with the
 * fewest waiting, so a file handed over twice could be written in either order: each file is
 * handed over once.
 */
export function siteWriter({ threads = 1 }: { threads?: number } = {}) {
  // V8 sizes a new thread's young generation by that flag when the process has it, whatever the
  // thread's resourceLimits say, and reads it only as it sets up a heap: cleared, this thread's
  // own stays as it is, and the writers' (and any thread's started later) follow their limits.
  v8.setFlagsFromString('--max-semi-space-size=0')
  const workers = Array.from(
    { length: Math.max(1, threads) },
    () =>
      new Worker(WORKER, {
        eval: true,
        workerData: { served: new URL('./served.ts', import.meta.url).href },
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
      }),
  )
  let batch: Job[] = []
  let batchChars = 0
  // The characters of each batch sent to each thread and not yet written, in the order sent (a
  // thread writes its batches in turn), and of all of them.
  const pending = workers.map((): number[] => [])
  let sent = 0
  let failed: Error | undefined
  // Whoever waits for the threads: woken by each batch one finishes, or by a failure.
  let waiting: (() => void)[] = []
  const settle = () => {
    for (const wake of waiting) wake()
    waiting = []
  }
  workers.forEach((worker, i) => {
    worker.on('message', (message: { done: number } | { error: string }) => {
      if ('error' in message) failed ??= new Error(message.error)
      else sent -= pending[i]?.shift() ?? 0
      settle()
    })
    worker.on('error', (error) => {
      failed ??= error
      settle()
    })
    worker.on('exit', () => {
      failed ??= new Error('a site writer thread stopped')
      settle()
    })
  })
  /** Waits until at most `limit` characters are unwritten, or a write failed. */
  async function drain(limit: number) {
    while (sent > limit && !failed) await new Promise<void>((resolve) => waiting.push(resolve))
    if (failed) throw failed
  }
  function send() {
    if (batch.length === 0) return
    const queued = pending.map((queue) => queue.length)
    const least = queued.indexOf(Math.min(...queued))
    workers[least]?.postMessage(batch)
    // A batch counts as a quarter of a full one at least: a batch of copies alone (no text), or
    // of a few small files, still waits, so at most 64 do.
    const chars = Math.max(BATCH_CHARS / 4, batchChars)
    pending[least]?.push(chars)
    sent += chars
    batch = []
    batchChars = 0
  }
  async function add(job: Job) {
    if (failed) throw failed
    batch.push(job)
    batchChars += job[1]?.length ?? 0
    if (batch.length < BATCH && batchChars < BATCH_CHARS) return
    send()
    await drain(AHEAD_CHARS)
  }
  return {
    /** A new file, with compressed copies if `compress`. */
    write: (file: string, text: string, compress: boolean) => add([file, text, compress]),
    /** An existing file's compressed copies, written whole (a server may be sending it). */
    copiesOf: (file: string) => add([file, null, true]),
    /** Waits for every file handed over, then stops the threads; throws if a write failed. */
    async close() {
      try {
        send()
        await drain(0)
      } finally {
        for (const worker of workers) worker.removeAllListeners('exit')
        await Promise.all(workers.map((worker) => worker.terminate()))
      }
    },
  }
}
