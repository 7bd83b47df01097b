import { readdir } from 'node:fs/promises'
import path from 'node:path'

/** Every file of the built API in distDir/api, relative to it, with `/` separators. */
export async function apiFileList(distDir: string): Promise<string[]> {
  const apiDir = path.join(distDir, 'api')
  const entries = await readdir(apiDir, { recursive: true }).catch(() => [])
  return entries.filter((f) => f.endsWith('.json')).map((f) => f.split(path.sep).join('/'))
}
