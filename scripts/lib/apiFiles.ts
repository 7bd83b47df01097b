import { readdir } from 'node:fs/promises'
import path from 'node:path'

/** Every file of the built API in distDir/api, relative to it, with `/` separators. */
export async function apiFileList(distDir: string): Promise<string[]> {
  const apiDir = path.join(distDir, 'api')
  // With the entries' types: without them, Node's recursive listing looks at each entry on the
  // disk to tell a folder (at 100,000 stories 145,000 looks, 5-7 s against 3 s).
  const entries = await readdir(apiDir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith('.json'))
    .map((entry) =>
      path.relative(apiDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
}
