// The edit the bench times in a new process, timed again under a watching refresh (`npm run
// refresh -- --watch`), as a newsroom leaves it running: warm after its first refresh.
import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import readline from 'node:readline'
import { ingestBatch } from '../ingest/batch'
import { contentEnv } from '../lib/heap'
import type { SiteOptions } from '../prerender/site'

export interface WatchedEdit {
  /** From the ingest's start until the change was live, in seconds. */
  liveSeconds: number
  ingestSeconds: number
  pages: number
  timings: Record<string, number>
}

/**
 * Edits a wire story `edits` times (its standfirst, differently each time), each re-ingested as
 * the newsroom would, and waits for the watching refresh (a child process) to publish it.
 */
export async function watchedEdits(
  args: { contentDir: string; site: SiteOptions; cacheFile: string },
  wireFile: string,
  edits: number,
): Promise<WatchedEdit[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench/phase.ts', 'watch', JSON.stringify(args)],
    // In `npm run refresh`'s environment, as its refreshes run.
    { stdio: ['pipe', 'pipe', 'inherit'], env: contentEnv() },
  )
  const reader = readline.createInterface({ input: child.stdout })
  const lines: AsyncIterator<string> = reader[Symbol.asyncIterator]()
  const nextRefresh = async () => {
    const next = await lines.next()
    if (next.done) throw new Error('the watching refresh stopped')
    return JSON.parse(next.value) as Pick<WatchedEdit, 'pages' | 'timings'> & {
      liveAt: number
    }
  }
  const original = await readFile(wireFile, 'utf8')
  const results: WatchedEdit[] = []
  try {
    // Its first refresh: nothing changed since the last.
    await nextRefresh()
    for (let i = 1; i <= edits; i++) {
      const copy = original.split('\n')
      copy[2] = `${copy[2] ?? ''} The harbour board met again on day ${i}.`
      await writeFile(wireFile, copy.join('\n'))
      const started = Date.now()
      const ingest = await ingestBatch([{ file: wireFile, section: 'News' }], {
        contentDir: args.contentDir,
        force: true,
        suggest: false,
      })
      if (ingest.errors.length > 0) throw new Error(ingest.errors.join('\n'))
      const ingested = Date.now()
      // The refresh that published it: one that found nothing (the log after a story file's own
      // event, say) is not it.
      let refresh = await nextRefresh()
      while (refresh.pages === 0) refresh = await nextRefresh()
      const { liveAt, pages, timings } = refresh
      results.push({
        liveSeconds: (liveAt - started) / 1000,
        ingestSeconds: (ingested - started) / 1000,
        pages,
        timings,
      })
    }
  } finally {
    child.stdin.end()
    await new Promise((resolve) => child.once('exit', resolve))
  }
  return results
}
