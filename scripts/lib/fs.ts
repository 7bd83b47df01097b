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
 * The files under a folder, as `path.join(dir, …)` makes their paths (`./dist` gives `dist/…`):
 * regular files, and symbolic links too with `links`. Read folder by folder with the entries'
 * types, which the disk gives with their names: Node's recursive `readdir` took 9-11 s over the
 * 100,000-story site's 957,000 entries, this 3.5-4.6 s (docs/decisions/051). In no particular
 * order, as the disk lists them.
 */
export function filesUnder(dir: string, { links = false } = {}): string[] {
  const files: string[] = []
  const folders = [dir]
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop())
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name)
      if (entry.isDirectory()) folders.push(file)
      else if (entry.isFile() || (links && entry.isSymbolicLink())) files.push(file)
    }
  return files
}
