import path from 'node:path'
import { filesUnder } from './fs'

/** Every file of the built API in distDir/api, relative to it, with `/` separators. */
export function apiFileList(distDir: string): Promise<string[]> {
  const apiDir = path.join(distDir, 'api')
  let files: string[]
  try {
    files = filesUnder(apiDir, { links: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    files = []
  }
  return Promise.resolve(
    files
      .filter((file) => file.endsWith('.json'))
      .map((file) =>
        file
          .slice(apiDir.length + 1)
          .split(path.sep)
          .join('/'),
      ),
  )
}
