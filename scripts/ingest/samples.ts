// The built-in sample stories: which wire file becomes which article, in which section, captured
// when. Kept in content/wire/samples.json so the sample articles can be re-made exactly.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import { DateTimeSchema } from '../../src/content/schema'
import type { IngestJob } from './batch'

const ManifestSchema = v.object({
  /** When the sample copy was captured; relative capture lines count back from it. */
  capturedAt: DateTimeSchema,
  stories: v.array(
    v.object({
      file: v.pipe(v.string(), v.endsWith('.txt')),
      section: v.pipe(v.string(), v.minLength(1)),
      capturedAt: v.optional(DateTimeSchema),
      /** When the story was last updated (a correction, an edit), for the samples that were. */
      updatedAt: v.optional(DateTimeSchema),
    }),
  ),
})

export async function sampleJobs(wireDir: string): Promise<IngestJob[]> {
  const file = path.join(wireDir, 'samples.json')
  const manifest = v.parse(ManifestSchema, JSON.parse(await readFile(file, 'utf8')))
  return manifest.stories.map((story) => ({
    file: path.join(wireDir, story.file),
    section: story.section,
    capturedAt: new Date(story.capturedAt ?? manifest.capturedAt),
    ...(story.updatedAt === undefined ? {} : { updatedAt: new Date(story.updatedAt) }),
  }))
}
