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
  // `top`: in public/ itself, whose folders named in `linked` are linked.
  const walk = (source: string, target: string, put: typeof copy, top = false) => {
    fs.mkdirSync(target, { recursive: true })
    for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
      const at = path.join(source, entry.name)
      const into = path.join(target, entry.name)
      // A symbolic link is followed, as Vite's copy follows it.
      const folder = entry.isSymbolicLink() ? fs.statSync(at).isDirectory() : entry.isDirectory()
      if (!folder) put(at, into)
      else walk(at, into, top && linked.has(entry.name) ? link : put)
    }
  }
  walk(from, to, copy, true)
  return counts
}
