// Ingests a batch of wire files into content/articles/: every story is checked first, and nothing
// is written unless all of them are good. Each file is written whole (temp file, then rename); if
// any rename fails, the whole batch is rolled back. An existing story is updated only with `force`
// (or `slug`, which names it): it keeps its address, first publication and corrections.
import { randomBytes } from 'node:crypto'
import type { Stats } from 'node:fs'
import { link, mkdir, readdir, rm } from 'node:fs/promises'
import { readFile, rename, stat, writeFile } from '../lib/fs'
import path from 'node:path'
import * as v from 'valibot'
import {
  ArticleSchema,
  AuthorsSchema,
  GazetteerEntrySchema,
  GazetteerSchema,
  type GazetteerEntry,
  SectionsSchema,
  type Article,
  type Author,
} from '../../src/content/schema'
import { issuePath } from '../../src/content/issuePath'
import { EntityMatcher, entriesNamedIn } from './gazetteer'
import { asUpdateOf, serializeArticle, type StoryReport } from './ingest'
import {
  chunkConverter,
  convertJob,
  convertOnThreads,
  type Conversion,
  type ConvertContext,
} from './convert'
import { noteChanged } from '../content/changeLog'

export interface IngestJob {
  file: string
  section: string
  /** Defaults to the file's modification time. */
  capturedAt?: Date
  published?: Date
  /** The address of the story this copy updates, kept whatever its headline now says. */
  slug?: string
  /** When this version was made (see IngestOptions); an update otherwise takes the batch's time. */
  updatedAt?: Date
}

export interface BatchOptions {
  contentDir: string
  force?: boolean
  dryRun?: boolean
  suggest?: boolean
  /** The time of this ingest, for stories it updates; default: now. */
  now?: Date
  /**
   * Whether stories are also converted on threads of their own, one per other core: by default,
   * in a batch of 5,000 or more (THREADS_FROM) with no matcher given.
   */
  threads?: boolean
}

export type StoryStatus = 'new' | 'replaced' | 'unchanged'
export interface BatchResult {
  /**
   * What each story became, without its bytes: a batch of 100,000 held them all to its end, 800 MB
   * of text, and spent a fifth of its time collecting garbage among them.
   */
  stories: { report: StoryReport; target: string; status: StoryStatus }[]
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

/**
 * The gazetteer, checked, as a matcher. Given the texts to read (a few stories'), it indexes only
 * the entities they can name (`entriesNamedIn`), and checks only those: in a fresh process,
 * checking 10,000 entries took 80 ms of a one-story ingest. The content build checks every entry,
 * so a broken one the stories do not name stops the next refresh, which names it.
 */
export async function loadMatcher(
  contentDir: string,
  texts?: readonly string[],
): Promise<EntityMatcher> {
  const file = path.join(contentDir, 'entities.json')
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file}: cannot read the gazetteer (${(error as Error).message})`, {
      cause: error,
    })
  }
  const fail = (issue: v.BaseIssue<unknown>, at = '$') => {
    throw new Error(`${file}: ${at}${issuePath(issue).slice(1)}: ${issue.message}`)
  }
  if (!texts) {
    const result = v.safeParse(GazetteerSchema, json)
    if (!result.success) return fail(result.issues[0])
    return new EntityMatcher(result.output)
  }
  // The name and aliases of each entry, looked at by hand: valibot took as long for these alone.
  // A gazetteer not of that shape is checked whole, for the message.
  if (!isNamedEntries(json)) return loadMatcher(contentDir)
  const entries = json
  const named = entriesNamedIn(entries, texts).map((entry) => {
    const result = v.safeParse(GazetteerEntrySchema, entry)
    return result.success ? result.output : fail(result.issues[0], `$[${entries.indexOf(entry)}]`)
  })
  return new EntityMatcher(named, entries)
}

/** Whether each entry has what finding the ones a text can name reads: its name and aliases. */
const isNamedEntries = (json: unknown): json is GazetteerEntry[] =>
  Array.isArray(json) &&
  json.every(
    (entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as { name?: unknown }).name === 'string' &&
      Array.isArray((entry as { aliases?: unknown }).aliases) &&
      (entry as { aliases: unknown[] }).aliases.every((alias) => typeof alias === 'string'),
  )

/** Up to this many stories, the matcher indexes only the entities their texts can name. */
const FEW_STORIES = 50

/**
 * What a story may name besides entities: its section (content/sections.json) and its authors
 * (content/authors.json, by name in lower case). A register that is absent checks nothing here;
 * the content build requires both.
 */
export async function loadRegisters(contentDir: string) {
  const read = async <S extends v.GenericSchema>(name: string, schema: S) => {
    const file = path.join(contentDir, name)
    const text = await readFile(file, 'utf8').catch(() => undefined)
    if (text === undefined) return undefined
    const result = v.safeParse(schema, JSON.parse(text))
    if (result.success) return result.output
    const [issue] = result.issues
    throw new Error(`${file}: ${issuePath(issue)}: ${issue.message}`)
  }
  const sections = await read('sections.json', SectionsSchema)
  const authors = await read('authors.json', AuthorsSchema)
  return {
    sections: sections?.map((section) => section.name),
    authors: new Map<string, Author>(
      (authors ?? []).map((author) => [author.name.toLocaleLowerCase('en'), author]),
    ),
  }
}

export async function ingestBatch(
  jobs: IngestJob[],
  options: BatchOptions,
  matcher?: EntityMatcher,
): Promise<BatchResult> {
  const threaded = !matcher && (options.threads ?? jobs.length >= THREADS_FROM)
  // A few stories' texts are read first (the reads below then hit the cache), so that their
  // matcher is made for them alone.
  const texts =
    matcher || threaded || jobs.length > FEW_STORIES
      ? undefined
      : await Promise.all(jobs.map((job) => readFile(job.file, 'utf8').catch(() => '')))
  // With threads, loaded once they have started (each loads its own too); without, first, as its
  // errors come first.
  const gazetteer = threaded
    ? undefined
    : (matcher ?? (await loadMatcher(options.contentDir, texts)))
  const registers = await loadRegisters(options.contentDir)
  for (const section of new Set(jobs.map((job) => job.section))) {
    if (registers.sections && !registers.sections.includes(section)) {
      const known = registers.sections.map((name) => `"${name}"`).join(', ')
      throw new Error(`no section "${section}": ${options.contentDir}/sections.json has ${known}`)
    }
  }
  const now = options.now ?? new Date()
  const articlesDir = path.join(options.contentDir, 'articles')
  const result: BatchResult = { stories: [], errors: [], written: 0 }
  const bySlug = new Map<string, string>()

  if (!options.dryRun) await mkdir(articlesDir, { recursive: true })
  // Which stories are published already: for a few, a look at each one's file; for many, one
  // listing of the folder (at 100,000 stories the listing takes 0.15 s, most of one story's ingest).
  const existing =
    jobs.length > 1_000 ? new Set(await readdir(articlesDir).catch(() => [])) : undefined
  const staged: Staged[] = []
  const context = async (): Promise<ConvertContext> => ({
    matcher: gazetteer ?? (await loadMatcher(options.contentDir)),
    authors: registers.authors,
    imagesDir: path.join(options.contentDir, 'images'),
    now,
    // The tagger takes a moment to load: only when suggestions are wanted.
    ...(options.suggest !== false && {
      suggest: (await import('./suggest')).suggestEntities,
    }),
  })
  const conversions = threaded
    ? convertOnThreads(
        jobs,
        { contentDir: options.contentDir, suggest: options.suggest !== false, now: now.getTime() },
        async () => chunkConverter(await context(), true),
      )
    : convertHere(jobs, await context())
  let index = 0
  for await (const conversion of conversions) {
    const job = jobs[index++] as IngestJob
    if ('error' in conversion) {
      result.errors.push(conversion.error)
      continue
    }
    try {
      const { report, slug } = conversion
      const target = path.join(articlesDir, `${slug}.json`)
      const twin = bySlug.get(slug)
      if (twin) {
        result.errors.push(
          `${job.file}: gives the same address "${slug}" as ${twin}; change one headline`,
        )
        continue
      }
      bySlug.set(slug, job.file)
      const before =
        !existing || existing.has(path.basename(target))
          ? await readFile(target, 'utf8').catch(() => undefined)
          : undefined
      if (job.slug && before === undefined) {
        result.errors.push(
          `${job.file}: --slug ${job.slug} updates a published story, but there is no ${target}`,
        )
        continue
      }
      // Copy for a story already published is an update of it: same address, same first
      // publication, its corrections kept.
      const bytes =
        before === undefined
          ? conversion.bytes
          : serializeArticle(
              asUpdateOf(
                publishedStory(before, target),
                // (Made on another thread, the story came as its file's bytes.)
                conversion.article ?? (JSON.parse(conversion.bytes) as Article),
                job.updatedAt ?? now,
                job.published !== undefined,
              ),
            )
      const status: StoryStatus =
        before === undefined ? 'new' : before === bytes ? 'unchanged' : 'replaced'
      if (status === 'replaced' && !options.force && !job.slug) {
        result.errors.push(
          `${job.file}: ${target} already exists with other content; pass --force to update it`,
        )
        continue
      }
      result.stories.push({ report, target, status })
      // Stage the bytes now, overlapping disk with conversion; renamed in only if all is well.
      if (status !== 'unchanged' && !options.dryRun) {
        // A window of writes in flight: wait for the oldest, not for a whole batch.
        const oldest = staged[staged.length - IN_FLIGHT]
        if (oldest) await oldest.written.catch(() => undefined)
        staged.push(stage(target, bytes, status === 'replaced'))
      }
    } catch (error) {
      result.errors.push(`${job.file}: ${(error as Error).message}`)
    }
  }
  const settled = await Promise.allSettled(staged.map((s) => s.written))
  const failed = settled.find((r) => r.status === 'rejected')
  if (result.errors.length > 0 || failed) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })))
    if (failed) throw failed.reason
    return result
  }
  await publish(staged)
  await noteChanged(
    options.contentDir,
    staged.map((story) => story.target),
  )
  result.written = staged.length
  return result
}

/**
 * Moves the staged stories into place, all or none: each story it replaces is kept (a second link
 * to the same file) until every rename has succeeded. If one fails, the stories already moved are
 * put back as they were, new ones removed, and every temp file cleared before the error is thrown.
 */
async function publish(staged: Staged[]) {
  const backups = new Map<Staged, string>()
  const moved: Staged[] = []
  try {
    for (const story of staged) {
      if (story.replaces) {
        const backup = hiddenBeside(story.target, 'bak')
        await link(story.target, backup)
        backups.set(story, backup)
      }
    }
    for (let i = 0; i < staged.length; i += IN_FLIGHT) {
      // Every rename of a window settles before a failure is acted on, so none is missed.
      const window = staged.slice(i, i + IN_FLIGHT)
      const renamed = await Promise.allSettled(window.map((s) => rename(s.temp, s.target)))
      moved.push(...window.filter((_, n) => renamed[n]?.status === 'fulfilled'))
      const failed = renamed.find((r) => r.status === 'rejected')
      if (failed) throw failed.reason
    }
  } catch (error) {
    for (const story of moved) {
      const backup = backups.get(story)
      if (backup) await rename(backup, story.target)
      else await rm(story.target, { force: true })
    }
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })))
    throw new Error(
      `${(error as Error).message}; the batch was rolled back: no story was written or replaced`,
      { cause: error },
    )
  } finally {
    await Promise.all([...backups.values()].map((backup) => rm(backup, { force: true })))
  }
}

const IN_FLIGHT = 128

/**
 * From this many stories, a batch converts them on this thread and one more per other core. Each
 * thread loads the gazetteer and the tools itself and warms up its own compiler, about a second
 * of CPU: at 2,000 stories that cost what the thread saved (docs/decisions/066).
 */
const THREADS_FROM = 5_000

/**
 * The jobs' conversions, in order, on this thread: a chunk of files read ahead through the pool
 * while the one before is converted.
 */
async function* convertHere(
  jobs: readonly IngestJob[],
  context: ConvertContext,
): AsyncGenerator<Conversion> {
  const inputs = new Map<IngestJob, Promise<[Buffer, Stats | undefined]>>()
  const readAhead = (from: number) => {
    for (const job of jobs.slice(from, from + 64)) {
      if (inputs.has(job)) continue
      // The modification time is only needed when nothing else says when the copy was captured.
      const read = Promise.all([
        readFile(job.file),
        job.capturedAt || job.published ? undefined : stat(job.file),
      ])
      read.catch(() => undefined) // reported when its turn comes, not as an unhandled rejection
      inputs.set(job, read)
    }
  }
  for (const [i, job] of jobs.entries()) {
    if (i % 64 === 0) readAhead(i + 64)
    readAhead(i)
    const read = inputs.get(job) as Promise<[Buffer, Stats | undefined]>
    inputs.delete(job)
    const input = await read.catch((error: unknown) => error as Error)
    yield input instanceof Error
      ? { error: `${job.file}: ${input.message}` }
      : convertJob(job, input[0], input[1]?.mtime, context)
  }
}

interface Staged {
  target: string
  /** Whether a story is already at the target (and is kept until the batch is in place). */
  replaces: boolean
  temp: string
  written: Promise<void>
}

/** Writes a story to a hidden temp file beside its target: renamed over it, a reader never sees half. */
function stage(target: string, bytes: string, replaces: boolean): Staged {
  const temp = hiddenBeside(target, 'tmp')
  const written = writeFile(temp, bytes, { flag: 'wx' })
  written.catch(() => undefined) // settled and reported at the end of the batch
  return { target, replaces, temp, written }
}

/**
 * A hidden name beside a file: this run's random token, so one left by a killed run never blocks a
 * later one, and a count, unique within the run. A token drawn for each file took 22 µs of the
 * 500 a story takes to ingest (a profile of 10,000).
 */
const RUN = randomBytes(6).toString('hex')
let hidden = 0
const hiddenBeside = (file: string, kind: 'tmp' | 'bak') =>
  path.join(path.dirname(file), `.${path.basename(file)}.${RUN}-${(hidden += 1)}.${kind}`)

/** The story already at an address, which an update builds on: it must be one. */
export function publishedStory(bytes: string, file: string): Article {
  let json: unknown
  try {
    json = JSON.parse(bytes)
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}); fix or remove it first`,
      { cause: error },
    )
  }
  const result = v.safeParse(ArticleSchema, json)
  if (!result.success) {
    const [issue] = result.issues
    throw new Error(
      `${file} is not a valid article (${issuePath(issue)}: ${issue.message}); fix or remove it first`,
    )
  }
  return result.output
}
