// The content build: validates every content file against the contract, then writes the static
// JSON API the reader fetches. Nothing is written unless every file is valid. A rebuild reuses
// what it learnt about unchanged stories and rewrites only the files whose content changed.
import { createHash } from 'node:crypto'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { readFile, rename, stat, writeFile } from '../lib/fs'
import path from 'node:path'
import * as v from 'valibot'
import {
  ArticleSchema,
  GazetteerSchema,
  type Article,
  type ArticleDocument,
  type ArticlePage,
  type ArticleSummary,
  type Entity,
  type EntityDocument,
  type EntityQuote,
  type EntityStoriesPage,
  type InlineRun,
} from '../../src/content/schema'
import { apiPaths } from '../../src/api/apiPaths'
import { issuePath } from '../../src/content/issuePath'

export interface ContentProblem {
  file: string
  /** JSON path inside the file, e.g. `$.body[3].content[0].entityId`. */
  path: string
  message: string
}

export class ContentError extends Error {
  readonly problems: ContentProblem[]
  constructor(found: ContentProblem[]) {
    // Files are read in parallel: list problems by file, each file's in the order found.
    const problems = [...found].sort((a, b) => a.file.localeCompare(b.file))
    super(
      `${problems.length} content problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${p.file}: ${p.path}: ${p.message}`).join('\n'),
    )
    this.name = 'ContentError'
    this.problems = problems
  }
}

export interface BuildOptions {
  contentDir: string
  outDir: string
  pageSize?: number
  relatedCount?: number
  /** Where to remember unchanged stories between builds; no file means a full build every time. */
  cacheFile?: string
  /** Ignore the cache and write everything. */
  full?: boolean
  /**
   * Leave saving the cache to the caller (`report.saveCache()`), for when more work depends on
   * this build: if that work fails, the next build sees the same changes again.
   */
  deferCache?: boolean
}

export interface BuildReport {
  mode: 'full' | 'incremental'
  articles: number
  entities: number
  /** Files written by this build (all of them in a full build). */
  files: number
  /** Files removed because their story or page is gone. */
  removed: number
  bytes: number
  /** API files written or removed, relative to outDir. */
  changed: string[]
  /** Records this build as the cache's starting point; done already unless `deferCache`. */
  saveCache: () => Promise<void>
  /** Every story, newest first, and every entity id: for feeds and sitemaps. */
  summaries: ArticleSummary[]
  entityIds: string[]
}

async function readJson(file: string, label: string, problems: ContentProblem[]) {
  try {
    return { ok: true as const, value: JSON.parse(await readFile(file, 'utf8')) as unknown }
  } catch (error) {
    problems.push({ file: label, path: '$', message: `not valid JSON (${(error as Error).message})` })
    return { ok: false as const }
  }
}

function parseWith<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  label: string,
  problems: ContentProblem[],
): v.InferOutput<S> | undefined {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  for (const issue of result.issues) {
    problems.push({ file: label, path: issuePath(issue), message: issue.message })
  }
  return undefined
}

/** Entity ids an article refers to, in reading order, each with the JSON path of its first use. */
function entityRefs(article: Article): { id: string; path: string }[] {
  const refs: { id: string; path: string }[] = []
  const runs = (list: InlineRun[], at: string) =>
    list.forEach((run, i) => {
      if (run.type === 'entity') refs.push({ id: run.entityId, path: `${at}[${i}].entityId` })
    })
  article.body.forEach((block, b) => {
    const at = `$.body[${b}]`
    switch (block.type) {
      case 'paragraph':
        runs(block.content, `${at}.content`)
        break
      case 'quote':
        refs.push({ id: block.speakerId, path: `${at}.speakerId` })
        runs(block.attribution ?? [], `${at}.attribution`)
        break
      case 'ad':
        break
    }
  })
  return refs
}

function checkArticle(
  article: Article,
  label: string,
  fileSlug: string,
  entities: Map<string, Entity>,
  problems: ContentProblem[],
) {
  const add = (p: string, message: string) => problems.push({ file: label, path: p, message })
  if (article.slug !== fileSlug) {
    add('$.slug', `"${article.slug}" must match the file name "${fileSlug}.json"`)
  }
  const ids = new Set<string>()
  article.body.forEach((block, b) => {
    if (ids.has(block.id)) add(`$.body[${b}].id`, `duplicate block id "${block.id}"`)
    ids.add(block.id)
    if (block.type === 'quote' && block.attribution) {
      const linksSpeaker = block.attribution.some(
        (run) => run.type === 'entity' && run.entityId === block.speakerId,
      )
      if (!linksSpeaker) {
        add(`$.body[${b}].attribution`, `must link the speaker "${block.speakerId}"`)
      }
    }
  })
  for (const ref of entityRefs(article)) {
    if (!entities.has(ref.id)) add(ref.path, `unknown entity "${ref.id}" (not in entities.json)`)
  }
}

function checkGazetteer(list: Entity[], label: string, problems: ContentProblem[]) {
  const seenIds = new Set<string>()
  const names = new Map<string, string>()
  list.forEach((entity, i) => {
    if (seenIds.has(entity.id)) {
      problems.push({ file: label, path: `$[${i}].id`, message: `duplicate id "${entity.id}"` })
    }
    seenIds.add(entity.id)
    // A name that points at two entities would make links and ingest ambiguous.
    ;[entity.name, ...entity.aliases].forEach((name, n) => {
      const key = name.toLocaleLowerCase('en')
      const owner = names.get(key)
      if (owner === undefined) {
        names.set(key, entity.id)
      } else if (owner !== entity.id) {
        const at = n === 0 ? `$[${i}].name` : `$[${i}].aliases[${n - 1}]`
        problems.push({ file: label, path: at, message: `"${name}" already names "${owner}"` })
      }
    })
  })
}

export function summarize(article: Article): ArticleSummary {
  const { slug, headline, standfirst, section, publishedAt } = article
  return { slug, headline, standfirst, section, publishedAt }
}

export function paginate<T>(
  items: T[],
  pageSize: number,
): { page: number; totalPages: number; totalItems: number; items: T[] }[] {
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize))
  return Array.from({ length: totalPages }, (_, i) => ({
    page: i + 1,
    totalPages,
    totalItems: items.length,
    items: items.slice(i * pageSize, (i + 1) * pageSize),
  }))
}

/** What the build needs to know about a story beyond its own page; cached between builds. */
interface StoryFacts {
  mtimeMs: number
  size: number
  summary: ArticleSummary
  entityIds: string[]
  quotes: (Omit<EntityQuote, 'article'> & { speakerId: string })[]
  /** Slugs of the related stories last written into this story's page. */
  related?: string[]
}

interface BuildCache {
  version: number
  outIdentity: string
  settings: string
  gazetteerHash: string
  stories: Record<string, StoryFacts>
  /** API file -> hash of its bytes, for everything the last build wrote. */
  outputs: Record<string, string>
}

const CACHE_VERSION = 3
const hash = (text: string) => createHash('sha1').update(text).digest('base64url')
// By instant, not by string: "14:00+02:00" is earlier than "13:00Z".
const newestFirst = (a: ArticleSummary, b: ArticleSummary) =>
  Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.slug.localeCompare(b.slug)

function factsOf(article: Article, mtimeMs: number, size: number): StoryFacts {
  return {
    mtimeMs,
    size,
    summary: summarize(article),
    entityIds: [...new Set(entityRefs(article).map((r) => r.id))],
    quotes: article.body.flatMap((block) =>
      block.type === 'quote'
        ? [
            {
              quoteId: block.id,
              text: block.text,
              ...(block.source ? { source: block.source } : {}),
              speakerId: block.speakerId,
            },
          ]
        : [],
    ),
  }
}

async function folderIdentity(dir: string): Promise<string | undefined> {
  const info = await stat(dir).catch(() => undefined)
  return info?.isDirectory() ? `${info.ino}:${info.birthtimeMs}` : undefined
}

/**
 * The code the cached facts came from: a change to it invalidates the cache. A file that cannot
 * be read stops the build; hashing anything else would let the cache outlive the code it came from.
 */
async function codeHash(): Promise<string> {
  const files = ['../../src/content/schema.ts', './build.ts']
  const texts = await Promise.all(
    files.map((f) =>
      readFile(new URL(f, import.meta.url), 'utf8').catch((error: unknown) => {
        throw new Error(`content build: cannot read its own code ${f} to key the cache`, {
          cause: error,
        })
      }),
    ),
  )
  return hash(texts.join('\n'))
}

async function readCache(file: string | undefined): Promise<BuildCache | undefined> {
  if (!file) return undefined
  try {
    const cache = JSON.parse(await readFile(file, 'utf8')) as BuildCache
    return cache.version === CACHE_VERSION ? cache : undefined
  } catch {
    return undefined
  }
}

async function readArticle(file: string, label: string, problems: ContentProblem[]) {
  const json = await readJson(file, label, problems)
  return json.ok ? parseWith(ArticleSchema, json.value, label, problems) : undefined
}

const rel = (file: string) => path.relative(process.cwd(), file) || file

async function loadGazetteer(contentDir: string, problems: ContentProblem[]) {
  const file = path.join(contentDir, 'entities.json')
  let text = ''
  try {
    text = await readFile(file, 'utf8')
  } catch {
    problems.push({ file: rel(file), path: '$', message: 'file is missing' })
  }
  let json: unknown = []
  try {
    if (text) json = JSON.parse(text)
  } catch (error) {
    problems.push({ file: rel(file), path: '$', message: `not valid JSON (${(error as Error).message})` })
  }
  const gazetteer = (text && parseWith(GazetteerSchema, json, rel(file), problems)) || []
  checkGazetteer(gazetteer, rel(file), problems)
  return { entities: new Map(gazetteer.map((e) => [e.id, e])), gazetteerHash: hash(text) }
}

async function listArticles(articlesDir: string, problems: ContentProblem[]) {
  try {
    return (await readdir(articlesDir)).filter((f) => f.endsWith('.json')).sort()
  } catch {
    problems.push({ file: rel(articlesDir), path: '$', message: 'folder is missing' })
    return []
  }
}

/** Loads and validates all content; throws ContentError listing every problem found. */
export async function loadContent(contentDir: string) {
  const problems: ContentProblem[] = []
  const { entities } = await loadGazetteer(contentDir, problems)
  const articlesDir = path.join(contentDir, 'articles')
  const articles: Article[] = []
  for (const name of await listArticles(articlesDir, problems)) {
    const file = path.join(articlesDir, name)
    const article = await readArticle(file, rel(file), problems)
    if (!article) continue
    checkArticle(article, rel(file), name.slice(0, -'.json'.length), entities, problems)
    articles.push(article)
  }
  if (problems.length > 0) throw new ContentError(problems)
  articles.sort((a, b) => newestFirst(a, b))
  return { articles, entities }
}

/**
 * Builds the static JSON API into outDir. A full build writes a fresh folder and swaps it in; with
 * a valid cache, only stories whose file changed are read, and only files whose bytes change are
 * written (each one whole: temp file, then rename).
 */
export async function buildContent(options: BuildOptions): Promise<BuildReport> {
  const { contentDir, outDir, pageSize = 20, relatedCount = 4 } = options
  const problems: ContentProblem[] = []
  const { entities, gazetteerHash } = await loadGazetteer(contentDir, problems)
  // A change to the contract or to this build invalidates everything it learnt before.
  const settings = JSON.stringify({ pageSize, relatedCount, code: await codeHash() })
  const previous = options.full ? undefined : await readCache(options.cacheFile)
  // The output folder the cache describes: a folder replaced since (a new `vite build` copies a
  // fresh api/) has another identity, and gets a full build.
  const outIdentity = await folderIdentity(outDir)
  const cache =
    previous &&
    outIdentity !== undefined &&
    previous.outIdentity === outIdentity &&
    previous.settings === settings &&
    previous.gazetteerHash === gazetteerHash
      ? previous
      : undefined

  // 1. Facts for every story: from the cache when the file is unchanged, else read and checked.
  const articlesDir = path.join(contentDir, 'articles')
  const names = await listArticles(articlesDir, problems)
  const stories = new Map<string, StoryFacts>()
  const fresh = new Map<string, Article>()
  await inBatches(names, async (name) => {
      const file = path.join(articlesDir, name)
      const info = await stat(file)
      const cached = cache?.stories[name]
      if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
        stories.set(name, cached)
        return
      }
      const article = await readArticle(file, rel(file), problems)
      if (!article) return
      checkArticle(article, rel(file), name.slice(0, -'.json'.length), entities, problems)
      fresh.set(name, article)
      stories.set(name, factsOf(article, info.mtimeMs, info.size))
  })
  if (problems.length > 0) throw new ContentError(problems)

  const files = new Map<string, string>()
  const put = (file: string, value: unknown) => files.set(file, JSON.stringify(value))
  const ordered = names.flatMap((name) => stories.get(name) ?? []).sort((a, b) => newestFirst(a.summary, b.summary))
  const slugOf = (name: string) => name.slice(0, -'.json'.length)

  // Which stories and entities this build touches: everything, or what changed since the cache.
  const removedNames = cache ? Object.keys(cache.stories).filter((n) => !stories.has(n)) : []
  const touchedEntities = new Set<string>(cache ? [] : entities.keys())
  for (const name of [...fresh.keys(), ...removedNames]) {
    const before = cache?.stories[name]
    const after = stories.get(name)
    for (const id of [...(before?.entityIds ?? []), ...(after?.entityIds ?? [])]) touchedEntities.add(id)
  }

  // 2. Front-page index: cheap to recompute; unchanged pages are not rewritten.
  paginate(
    ordered.map((s) => s.summary),
    pageSize,
  ).forEach((page) => put(apiPaths.articleIndex(page.page), page satisfies ArticlePage))

  // 3. Related stories, from facts alone. Only stories sharing an entity with a changed story can
  //    see their list change; a page is rewritten when its story, its list, or a listed story's
  //    summary changed.
  const mentions = new Map<string, StoryFacts[]>([...entities.keys()].map((id) => [id, []]))
  for (const facts of ordered) for (const id of facts.entityIds) mentions.get(id)?.push(facts)
  const rank = new Map(ordered.map((facts, i) => [facts, i]))
  const bySlug = new Map(ordered.map((facts) => [facts.summary.slug, facts]))
  const newSummary = new Set<string>()
  for (const [name, article] of fresh) {
    if (JSON.stringify(cache?.stories[name]?.summary) !== JSON.stringify(summarize(article))) {
      newSummary.add(article.slug)
    }
  }
  for (const name of names) {
    const facts = stories.get(name)
    if (!facts) continue
    if (cache && !fresh.has(name) && !facts.entityIds.some((id) => touchedEntities.has(id))) continue
    const shared = new Map<StoryFacts, number>()
    for (const id of facts.entityIds) {
      for (const other of mentions.get(id) ?? []) {
        if (other !== facts) shared.set(other, (shared.get(other) ?? 0) + 1)
      }
    }
    const related = [...shared]
      .sort(([a, x], [b, y]) => y - x || (rank.get(a) ?? 0) - (rank.get(b) ?? 0))
      .slice(0, relatedCount)
      .map(([other]) => other.summary.slug)
    const unchanged =
      !fresh.has(name) &&
      related.join() === facts.related?.join() &&
      !related.some((slug) => newSummary.has(slug))
    facts.related = related
    if (unchanged) continue
    const file = path.join(articlesDir, name)
    const article = fresh.get(name) ?? (await readArticle(file, rel(file), problems))
    if (!article) continue
    const doc: ArticleDocument = {
      article,
      entities: facts.entityIds.flatMap((id) => entities.get(id) ?? []),
      related: related.flatMap((slug) => bySlug.get(slug)?.summary ?? []),
    }
    put(apiPaths.article(slugOf(name)), doc)
  }
  if (problems.length > 0) throw new ContentError(problems)

  // 4. Entities: their own file, and pages of their stories with their quotes from those stories.
  for (const id of touchedEntities) {
    const entity = entities.get(id)
    if (!entity) continue
    if (!cache) put(apiPaths.entity(id), { entity } satisfies EntityDocument)
    const list = mentions.get(id) ?? []
    const quotesOf = (facts: StoryFacts) =>
      facts.quotes
        .filter((q) => q.speakerId === id)
        .map((q) => ({
          quoteId: q.quoteId,
          text: q.text,
          ...(q.source ? { source: q.source } : {}),
          article: facts.summary,
        }))
    const totalQuotes = list.reduce((n, facts) => n + quotesOf(facts).length, 0)
    paginate(list, pageSize).forEach((page) => {
      const doc: EntityStoriesPage = {
        ...page,
        items: page.items.map((f) => f.summary),
        quotes: page.items.flatMap(quotesOf),
        totalQuotes,
      }
      put(apiPaths.entityStories(id, page.page), doc)
    })
  }

  // 5. Files that no longer have a story or page behind them.
  const outputs: Record<string, string> = {}
  for (const [file, text] of files) outputs[file] = hash(text)
  const stale: string[] = []
  if (cache) {
    const keepPrefix = (file: string) => {
      const entity = /^entities\/([^/]+)\//.exec(file)?.[1]
      return entity !== undefined && !touchedEntities.has(entity)
    }
    for (const [file, digest] of Object.entries(cache.outputs)) {
      if (files.has(file)) continue
      const isArticle = file.startsWith('articles/') && !file.startsWith('articles/index/')
      const gone =
        (isArticle && !stories.has(file.slice('articles/'.length))) ||
        file.startsWith('articles/index/') ||
        (file.startsWith('entities/') && file.includes('/stories/') && !keepPrefix(file))
      if (gone) stale.push(file)
      else outputs[file] = digest
    }
  }

  const report = await (cache
    ? writeChanged(outDir, files, cache.outputs, stale)
    : writeFresh(outDir, files))
  const nextCache: BuildCache = {
    version: CACHE_VERSION,
    outIdentity: (await folderIdentity(outDir)) ?? '',
    settings,
    gazetteerHash,
    stories: Object.fromEntries(stories),
    outputs,
  }
  const cacheFile = options.cacheFile
  const saveCache = async () => {
    if (cacheFile) await writeWhole(cacheFile, JSON.stringify(nextCache))
  }
  if (!options.deferCache) await saveCache()
  return {
    mode: cache ? 'incremental' : 'full',
    articles: stories.size,
    entities: entities.size,
    ...report,
    saveCache,
    summaries: ordered.map((facts) => facts.summary),
    entityIds: [...entities.keys()].sort(),
  }
}

/** A few file operations in flight at once: far faster than one by one, within file-handle limits. */
async function inBatches<T>(items: T[], work: (item: T) => Promise<unknown>, size = 64) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work))
}

async function writeWhole(file: string, text: string) {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, text)
  await rename(temp, file)
}

/** Full build: write everything to a sibling folder, then swap it in, so there is never half an API. */
async function writeFresh(outDir: string, files: Map<string, string>) {
  const staging = `${outDir}.tmp-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  let bytes = 0
  try {
    const dirs = new Set([...files.keys()].map((f) => path.dirname(path.join(staging, f))))
    for (const dir of dirs) await mkdir(dir, { recursive: true })
    await inBatches([...files], ([file, text]) => {
      bytes += Buffer.byteLength(text)
      return writeFile(path.join(staging, file), text)
    })
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    throw error
  }
  await rm(outDir, { recursive: true, force: true })
  await mkdir(path.dirname(outDir), { recursive: true })
  await rename(staging, outDir)
  return { files: files.size, removed: 0, bytes, changed: [...files.keys()] }
}

/** Incremental build: write only files whose bytes changed, each whole; remove stale ones. */
async function writeChanged(outDir: string, files: Map<string, string>, before: Record<string, string>, stale: string[]) {
  const changed: string[] = []
  let bytes = 0
  for (const [file, text] of files) {
    if (before[file] === hash(text)) continue
    await writeWhole(path.join(outDir, file), text)
    bytes += Buffer.byteLength(text)
    changed.push(file)
  }
  for (const file of stale) await rm(path.join(outDir, file), { force: true })
  return { files: changed.length, removed: stale.length, bytes, changed: [...changed, ...stale] }
}
