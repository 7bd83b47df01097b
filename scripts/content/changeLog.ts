// The story files the newsroom's commands changed since the last refresh, one name a line in
// `content/.changed`: a refresh publishes these first, without looking at every story file, then
// looks at every file (docs/decisions/036). A hint, never the truth: a name that changed nothing
// costs a look at its file, and a change the log missed (a hand edit) is found by that second look.
import { appendFile, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'

const LOG = '.changed'
const TAKEN = '.changed.taken'

/** Notes that these story files (paths or names, `<slug>.json`) changed. */
export async function noteChanged(contentDir: string, files: readonly string[]) {
  if (files.length === 0) return
  // One write in append mode: notes from commands run at once do not overwrite each other.
  const lines = files.map((file) => `${path.basename(file)}\n`).join('')
  await appendFile(path.join(contentDir, LOG), lines)
}

export interface TakenChanges {
  /** The story files noted, each once. */
  names: string[]
  /** Forgets them: once every story file has been looked at. */
  done: () => Promise<void>
}

/**
 * The story files noted so far, taken out of the log: what commands note meanwhile goes to a new
 * log, for the next refresh. Undefined when none were noted.
 */
export async function takeChanged(contentDir: string): Promise<TakenChanges | undefined> {
  const taken = path.join(contentDir, TAKEN)
  // A log taken by a refresh that stopped before its look at every file: its names too.
  const left = await readFile(taken, 'utf8').catch(() => '')
  const moved = await rename(path.join(contentDir, LOG), taken).then(
    () => true,
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    },
  )
  if (!moved && !left) return undefined
  const text = left + (moved ? await readFile(taken, 'utf8') : '')
  const names = [...new Set(text.split('\n').filter((name) => name.endsWith('.json')))]
  return { names, done: () => rm(taken, { force: true }) }
}
