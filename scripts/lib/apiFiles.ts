import path from 'node:path'
import { filesUnder } from './fs'

/** Every file of the built API in distDir/api, relative to it, with `/` separators. */
export function apiFileList(distDir: string): Promise<string[]> {
  const apiDir = path.join(distDir, 'api')
  let files: string[]
  try {
    // Its JSON files alone: each has two compressed copies beside it.
    files = filesUnder(apiDir, { links: true, named: (name) => name.endsWith('.json') })
  } catch (error) {
    // No API yet; but a folder inside it gone during the walk is an error, not an empty API.
    const { code, path: missing } = error as NodeJS.ErrnoException
    if (code !== 'ENOENT' || missing !== apiDir) throw error
    files = []
  }
  return Promise.resolve(
    files.map((file) =>
      file
        .slice(apiDir.length + 1)
        .split(path.sep)
        .join('/'),
    ),
  )
}
