// File calls for bulk work on many small files. Node's callback fs functions, promisified, are two
// to three times faster here than node:fs/promises, whose FileHandle costs extra round trips per
// file; at 10,000 stories that is seconds.
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

export const readFile = promisify(fs.readFile)
export const writeFile = promisify(fs.writeFile)
export const rename = promisify(fs.rename)
export const stat = promisify(fs.stat)
const unlink = promisify(fs.unlink)

/**
 * Writes a file whole: to a temp file beside it, then renamed over it. A server reading the file
 * meanwhile sends the old bytes or the new, never half of them and never a 404.
 */
export async function writeWhole(file: string, data: string | Uint8Array) {
  const temp = tempBeside(file)
  try {
    await writeFile(temp, data)
    await rename(temp, file)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
}

const tempBeside = (file: string) =>
  path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)

/** writeWhole without the pool's round trips: for a process whose work is writing pages. */
export function writeWholeSync(file: string, data: string | Uint8Array) {
  const temp = tempBeside(file)
  try {
    fs.writeFileSync(temp, data)
    fs.renameSync(temp, file)
  } catch (error) {
    fs.rmSync(temp, { force: true })
    throw error
  }
}

/**
 * The files under a folder, as `path.join(dir, …)` makes their paths (`./dist` gives `dist/…`), or
 * with `relative`, relative to it with `/` between folders: regular files, and symbolic links too
 * with `links`; with `named`, only those whose names it keeps. Read folder by folder with the
 * entries' types, which the disk gives with their names: Node's recursive `readdir` took 9-11 s
 * over the 100,000-story site's 957,000 entries, this 3.5-4.6 s (docs/decisions/051). A folder's
 * entries are read a few at a time, not all at once: the API's stories' folder alone has 293,000
 * of them at 100,000 stories, copies included (docs/decisions/055). In no particular order, as
 * the disk lists them.
 */
export function filesUnder(
  dir: string,
  {
    links = false,
    named,
    relative = false,
  }: { links?: boolean; named?: (name: string) => boolean; relative?: boolean } = {},
): string[] {
  const files: string[] = []
  // Each folder, and the start of its files' names. A relative name is its folder's name, shared
  // by the folder's files, and its own: `path.join` makes each path anew, and 145,000 of them
  // held 83 MB of heap (docs/decisions/060).
  const folders: [folder: string, prefix: string][] = [[dir, relative ? '' : dir]]
  for (let next = folders.pop(); next !== undefined; next = folders.pop()) {
    const [folder, prefix] = next
    const name = (entry: fs.Dirent) =>
      relative ? (prefix ? `${prefix}/${entry.name}` : entry.name) : path.join(prefix, entry.name)
    const entries = fs.opendirSync(folder, { bufferSize: 256 })
    try {
      for (let entry = entries.readSync(); entry !== null; entry = entries.readSync())
        if (entry.isDirectory()) folders.push([path.join(folder, entry.name), name(entry)])
        else if (
          (entry.isFile() || (links && entry.isSymbolicLink())) &&
          (named?.(entry.name) ?? true)
        )
          files.push(name(entry))
    } finally {
      entries.closeSync()
    }
  }
  return files
}
