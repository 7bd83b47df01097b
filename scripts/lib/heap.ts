// How much heap the content build's process may take. The build keeps a few KB of facts for each
// story (its summary, entities, quotes) and streams the rest; left alone, V8 lets garbage grow the
// heap to twice what is live and more (1.8 GB at 100,000 stories, of which under 700 MB was live).
// A limit sized from the archive makes it collect sooner, for a few seconds of a two-minute
// build, and still leaves room for the live set as the archive grows (docs/decisions/032).
import { readdirSync } from 'node:fs'
import path from 'node:path'

/** MB of heap for an archive of this many stories: a floor, and 6 KB a story (about 5.5 are live). */
export const contentHeapMb = (stories: number) => Math.ceil(512 + (stories * 6) / 1024)

/**
 * Node's flag for the content build of this content folder (counted from its articles), or of
 * `DISPATCH_CONTENT_HEAP_MB` where that is set.
 */
export function contentHeapFlag(contentDir: string): string {
  const set = Number(process.env.DISPATCH_CONTENT_HEAP_MB)
  if (Number.isInteger(set) && set > 0) return `--max-old-space-size=${set}`
  let stories = 0
  try {
    stories = readdirSync(path.join(contentDir, 'articles')).filter((f) =>
      f.endsWith('.json'),
    ).length
  } catch {
    // No articles folder: the build itself says so.
  }
  return `--max-old-space-size=${contentHeapMb(stories)}`
}
