// What a build stopped part-way (killed, out of memory, the machine halted) leaves beside its
// outputs. Each of its working files and folders is named after the file it stands in for, with
// the process's id: its staging folder (`api.tmp-<pid>`), its next cache (`<cache>.next-<pid>-<n>`)
// and its quotes' store (`<cache>.quotes-<pid>-<n>`, with `.summaries`, `.facts`, `.names` and
// the search index's `.postings`). A process that ends removes its own; one that is killed
// cannot, and at 100,000 stories a staging folder holds 435,000 files.
import { readdirSync, rmSync } from 'node:fs'
import path from 'node:path'

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Whether a process with this id is running on this machine (one we may not signal is running all
 * the same). Builds on other machines that share the folder are not seen: give each its own.
 */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The name of a working file or folder this process makes in place of `target` (`kind`: what it
 * is; `n`: which, when a process makes several): the one shape `removeLeftovers` knows.
 */
export const workingName = (target: string, kind: string, n?: number) =>
  `${target}.${kind}-${process.pid}${n === undefined ? '' : `-${n}`}`

/**
 * Removes the working files and folders that a process no longer running left beside `target`
 * (`<target>.<kind>-<pid>…`, for each of `kinds`); a running process's, this one's included, stay.
 * Returns what it removed.
 */
export function removeLeftovers(target: string, kinds: readonly string[]): string[] {
  const dir = path.dirname(target)
  const name = new RegExp(
    `^${escape(path.basename(target))}\\.(?:${kinds.map(escape).join('|')})-(\\d+)(?:[-.].*)?$`,
  )
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const entry of entries) {
    const pid = Number(name.exec(entry)?.[1])
    if (!pid || pid === process.pid || running(pid)) continue
    const file = path.join(dir, entry)
    rmSync(file, { recursive: true, force: true })
    removed.push(file)
  }
  return removed
}
