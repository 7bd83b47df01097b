// public/ into the app's build, as Vite's own copy does it, but the API hard-linked rather than
// copied (vite.config.ts, `publicFolder`). The content build writes public/api: at 100,000 stories
// 435,000 files with their compressed copies, which Vite copied one by one in every
// `npm run build` (docs/decisions/048).
import fs from 'node:fs'
import path from 'node:path'

/** The folders of public/ whose files the app's build links: the API's, the content build's. */
export const LINKED_PUBLIC: ReadonlySet<string> = new Set(['api'])

/** Why a link could not be made where a copy can: another file system, or one without links. */
const CANNOT_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK', 'EOPNOTSUPP'])

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code

/**
 * Copies the folder `from` into `to`, leaving every file already in `to` as it is (the bundle's
 * files, which win over public/'s in Vite's copy too). In the top-level folders named in
 * `linked`, each file is hard-linked instead, or copied where a link cannot be made. A link is a
 * second name for the same bytes: right only where nothing writes into either name in place, as
 * every writer of the API writes a new file and renames it over the old (scripts/lib/fs.ts).
 */
export function copyPublic(from: string, to: string, linked: ReadonlySet<string>) {
  const counts = { copied: 0, linked: 0 }
  const copy = (source: string, target: string) => {
    try {
      fs.copyFileSync(source, target, fs.constants.COPYFILE_EXCL)
      counts.copied++
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error
    }
  }
  const link = (source: string, target: string) => {
    try {
      fs.linkSync(source, target)
      counts.linked++
    } catch (error) {
      const code = codeOf(error)
      if (code === 'EEXIST') return
      if (!CANNOT_LINK.has(code ?? '')) throw error
      copy(source, target)
    }
  }
  const entries = (folder: string) =>
    fs.readdirSync(folder, { withFileTypes: true }).map((entry) => {
      const at = path.join(folder, entry.name)
      // A symbolic link is followed, as Vite's copy follows it.
      const isFolder = entry.isSymbolicLink() ? fs.statSync(at).isDirectory() : entry.isDirectory()
      return { name: entry.name, at, isFolder }
    })
  const walk = (source: string, target: string, put: typeof copy) => {
    fs.mkdirSync(target, { recursive: true })
    for (const entry of entries(source)) {
      const into = path.join(target, entry.name)
      if (entry.isFolder) walk(entry.at, into, put)
      else put(entry.at, into)
    }
  }
  fs.mkdirSync(to, { recursive: true })
  for (const entry of entries(from)) {
    const into = path.join(to, entry.name)
    if (!entry.isFolder) copy(entry.at, into)
    else walk(entry.at, into, linked.has(entry.name) ? link : copy)
  }
  return counts
}
