import path from 'node:path'
import { filesUnder } from './fs'

/** Every file of the built API in distDir/api, relative to it, with `/` separators. */
export function apiFileList(distDir: string): Promise<string[]> {
  const apiDir = path.join(distDir, 'api')
  try {
    // Its JSON files alone: each has two compressed copies beside it.
    return Promise.resolve(
      filesUnder(apiDir, { links: true, named: (name) => name.endsWith('.json'), relative: true }),
    )
  } catch (error) {
    // No API yet; but a folder inside it gone during the walk is an error, not an empty API.
    const { code, path: missing } = error as NodeJS.ErrnoException
    if (code !== 'ENOENT' || missing !== apiDir) throw error
    return Promise.resolve([])
  }
}
