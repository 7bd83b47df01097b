import { createHash } from 'node:crypto'
import path from 'node:path'

/** One build cache per output folder, kept outside it so it is never published. */
export function cacheFileFor(outDir: string): string {
  const key = createHash('sha1').update(path.resolve(outDir)).digest('hex').slice(0, 12)
  return path.join('node_modules', '.cache', 'dispatch-content', `${key}.sqlite`)
}
