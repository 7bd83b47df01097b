// Ingests a batch of wire files into content/articles/: every story is checked first, and nothing
// is written unless all of them are good. Each file is written whole (temp file, then rename), and
// an existing story is replaced only with `force`.
import type { Stats } from 'node:fs'
import { readdir, readFile, rename, stat, writeFile, rm } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import { GazetteerSchema } from '../../src/content/schema'
import { issuePath } from '../../src/content/issuePath'
import { EntityMatcher } from './gazetteer'
import { ingestWire, serializeArticle, type StoryReport } from './ingest'
import { WireError } from './wire'

export interface IngestJob {
  file: string
  section: string
  /** Defaults to the file's modification time. */
  capturedAt?: Date
  published?: Date
}

export interface BatchOptions {
  contentDir: string
  force?: boolean
  dryRun?: boolean
  suggest?: boolean
}

export type StoryStatus = 'new' | 'replaced' | 'unchanged'
export interface BatchResult {
  stories: { report: StoryReport; target: string; status: StoryStatus; bytes: string }[]
  errors: string[]
  written: number
}

/** Every `.txt` file under the given files and folders, in a stable order. */
export async function wireFiles(inputs: string[]): Promise<string[]> {
  const files: string[] = []
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined)
    if (!info) throw new Error(`${input}: no such file or folder`)
    if (info.isFile()) files.push(input)
    else {
      const entries = await readdir(input, { recursive: true, withFileTypes: true })
      for (const e of entries) {
        if (e.isFile() && e.name.endsWith('.txt')) files.push(path.join(e.parentPath, e.name))
      }
    }
  }
  return [...new Set(files)].sort()
}

export async function loadMatcher(contentDir: string): Promise<EntityMatcher> {
  const file = path.join(contentDir, 'entities.json')
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file}: cannot read the gazetteer (${(error as Error).message})`, {
      cause: error,
    })
  }
  const result = v.safeParse(GazetteerSchema, json)
  if (!result.success) {
    const [issue] = result.issues
    throw new Error(`${file}: ${issuePath(issue)}: ${issue.message}`)
  }
  return new EntityMatcher(result.output)
}

export async function ingestBatch(
  jobs: IngestJob[],
  options: BatchOptions,
  matcher?: EntityMatcher,
): Promise<BatchResult> {
  const gazetteer = matcher ?? (await loadMatcher(options.contentDir))
  const articlesDir = path.join(options.contentDir, 'articles')
  const result: BatchResult = { stories: [], errors: [], written: 0 }
  const bySlug = new Map<string, string>()

  const existing = new Set(await readdir(articlesDir).catch(() => []))
  // Read ahead a chunk of files at a time; converting is synchronous work.
  const inputs = new Map<IngestJob, Promise<[Buffer, Stats]>>()
  const readAhead = (from: number) => {
    for (const job of jobs.slice(from, from + 64)) {
      if (inputs.has(job)) continue
      const read = Promise.all([readFile(job.file), stat(job.file)])
      read.catch(() => undefined) // reported when its turn comes, not as an unhandled rejection
      inputs.set(job, read)
    }
  }
  for (const [i, job] of jobs.entries()) {
    if (i % 64 === 0) readAhead(i + 64)
    readAhead(i)
    try {
      const [source, info] = await (inputs.get(job) as Promise<[Buffer, Stats]>)
      inputs.delete(job)
      const text = decodeUtf8(source, job.file)
      const { article, report } = ingestWire(text, {
        file: job.file,
        matcher: gazetteer,
        section: job.section,
        capturedAt: job.capturedAt ?? info.mtime,
        ...(job.published ? { published: job.published } : {}),
        suggest: options.suggest ?? true,
      })
      if (!job.capturedAt && !job.published && /\bago\b|yesterday|now/i.test(text.slice(0, 40))) {
        report.warnings.push(
          `relative capture time counted back from the file's modified time; pass --captured-at or --published to pin it`,
        )
      }
      const target = path.join(articlesDir, `${article.slug}.json`)
      const twin = bySlug.get(article.slug)
      if (twin) {
        result.errors.push(
          `${job.file}: gives the same address "${article.slug}" as ${twin}; change one headline`,
        )
        continue
      }
      bySlug.set(article.slug, job.file)
      const bytes = serializeArticle(article)
      const before = existing.has(path.basename(target))
        ? await readFile(target, 'utf8').catch(() => undefined)
        : undefined
      const status: StoryStatus =
        before === undefined ? 'new' : before === bytes ? 'unchanged' : 'replaced'
      if (status === 'replaced' && !options.force) {
        result.errors.push(
          `${job.file}: ${target} already exists with other content; pass --force to replace it`,
        )
        continue
      }
      result.stories.push({ report, target, status, bytes })
    } catch (error) {
      result.errors.push(
        error instanceof WireError ? error.message : `${job.file}: ${(error as Error).message}`,
      )
    }
  }
  if (result.errors.length > 0 || options.dryRun) return result

  const writes = result.stories.filter((story) => story.status !== 'unchanged')
  for (let i = 0; i < writes.length; i += 64) {
    await Promise.all(writes.slice(i, i + 64).map((story) => writeWhole(story.target, story.bytes)))
  }
  result.written = writes.length
  return result
}

/** Writes a file whole: a temp file beside it, renamed over it, so no reader sees half a story. */
async function writeWhole(target: string, bytes: string) {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`)
  try {
    await writeFile(temp, bytes, { flag: 'wx' })
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // The first replacement character marks the first bad byte: name its line.
    const lenient = new TextDecoder('utf-8').decode(bytes)
    const line = lenient.slice(0, Math.max(lenient.indexOf('\uFFFD'), 0)).split('\n').length
    throw new WireError(file, line, 'not UTF-8 text; save the copy as UTF-8')
  }
}
