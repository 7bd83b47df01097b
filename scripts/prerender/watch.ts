// What `npm run refresh -- --watch` waits for: the newsroom's commands noting a change in
// content/.changed, or a content file changed by hand. A refresh that stays running renders warm:
// in a new process an edit's 40 pages took 0.5 s, in one that had refreshed before 0.28 s
// (docs/decisions/043).
import { existsSync, watch } from 'node:fs'
import path from 'node:path'

const LOG = '.changed'
/** The longest a timer waits (setTimeout's limit, about 24 days): a later embargo waits again. */
const MAX_DELAY = 2 ** 31 - 1

/** Whether a file event in the content folder (or its articles/) is a change a refresh publishes. */
export function isChange(contentDir: string, dir: string, name: string | null) {
  if (name === null) return true
  // The log, when a command writes it (not when a refresh takes it away).
  if (dir === contentDir && name === LOG) return existsSync(path.join(contentDir, LOG))
  // A story file or the gazetteer, sections and authors; not the temp files written beside them,
  // nor the log a refresh has taken (`.changed.taken`).
  return !name.startsWith('.') && name.endsWith('.json')
}

export interface Watcher {
  /** Stops watching; resolves once a refresh under way has finished. */
  close(): Promise<void>
}

/**
 * Calls `refresh` now, then after each change and when the embargo it reports next (a time in
 * ms) lifts, one refresh at a time: changes made while one runs get one more after it. A change is
 * acted on once the folder has been quiet for `settleMs` (a command writes the story file, then
 * notes it in the log: one refresh for both). A refresh that fails is logged and the watch goes
 * on; the change log keeps its names for the next one.
 */
export function watchChanges(
  contentDir: string,
  refresh: () => Promise<number | undefined>,
  { settleMs = 25 } = {},
): Watcher {
  let running: Promise<void> | undefined
  let again = false
  let timer: NodeJS.Timeout | undefined
  let lift: NodeJS.Timeout | undefined
  let closed = false
  const run = () => {
    if (closed) return
    if (running) {
      again = true
      return
    }
    running = (async () => {
      do {
        again = false
        // A failed refresh must not stop the watch: the next change tries again.
        const next = await refresh().catch((error: unknown) => console.error(error))
        // A story under embargo is published when it lifts, with no change to wake the watch.
        clearTimeout(lift)
        // (`closed` and `again` change while the refresh is awaited: not the constants lint sees.)
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        if (next !== undefined && !closed)
          lift = setTimeout(run, Math.min(Math.max(0, next - Date.now()), MAX_DELAY))
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      } while (again && !closed)
    })().finally(() => (running = undefined))
  }
  const onEvent = (dir: string) => (_event: string, name: string | null) => {
    if (!isChange(contentDir, dir, name)) return
    clearTimeout(timer)
    timer = setTimeout(run, settleMs)
  }
  const articles = path.join(contentDir, 'articles')
  const watchers = [watch(contentDir, onEvent(contentDir))]
  if (existsSync(articles)) watchers.push(watch(articles, onEvent(articles)))
  // Watching first, then the first refresh: a change made meanwhile gets one after it.
  run()
  return {
    async close() {
      closed = true
      for (const watcher of watchers) watcher.close()
      clearTimeout(timer)
      clearTimeout(lift)
      await running
    },
  }
}
