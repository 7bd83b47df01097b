// The content build: validates every content file against the contract, then writes the static
// JSON API the reader fetches. Nothing is written unless every file is valid.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
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
  constructor(readonly problems: ContentProblem[]) {
    super(
      `${problems.length} content problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${p.file}: ${p.path}: ${p.message}`).join('\n'),
    )
    this.name = 'ContentError'
  }
}

export interface BuildOptions {
  contentDir: string
  outDir: string
  pageSize?: number
  relatedCount?: number
}

export interface BuildReport {
  articles: number
  entities: number
  files: number
  bytes: number
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

const newestFirst = (a: Article, b: Article) =>
  b.publishedAt.localeCompare(a.publishedAt) || a.slug.localeCompare(b.slug)

export function paginate<T>(items: T[], pageSize: number): { page: number; totalPages: number; totalItems: number; items: T[] }[] {
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize))
  return Array.from({ length: totalPages }, (_, i) => ({
    page: i + 1,
    totalPages,
    totalItems: items.length,
    items: items.slice(i * pageSize, (i + 1) * pageSize),
  }))
}

/** Loads and validates all content; throws ContentError listing every problem found. */
export async function loadContent(contentDir: string) {
  const problems: ContentProblem[] = []
  const rel = (file: string) => path.relative(process.cwd(), file) || file
  const gazetteerFile = path.join(contentDir, 'entities.json')
  const gazetteerJson = await readJson(gazetteerFile, rel(gazetteerFile), problems)
  const gazetteer =
    (gazetteerJson.ok &&
      parseWith(GazetteerSchema, gazetteerJson.value, rel(gazetteerFile), problems)) ||
    []
  checkGazetteer(gazetteer, rel(gazetteerFile), problems)
  const entities = new Map(gazetteer.map((e) => [e.id, e]))

  const articlesDir = path.join(contentDir, 'articles')
  let files: string[] = []
  try {
    files = (await readdir(articlesDir)).filter((f) => f.endsWith('.json')).sort()
  } catch {
    problems.push({ file: rel(articlesDir), path: '$', message: 'folder is missing' })
  }
  const articles: Article[] = []
  for (const name of files) {
    const file = path.join(articlesDir, name)
    const json = await readJson(file, rel(file), problems)
    if (!json.ok) continue
    const article = parseWith(ArticleSchema, json.value, rel(file), problems)
    if (!article) continue
    checkArticle(article, rel(file), name.slice(0, -'.json'.length), entities, problems)
    articles.push(article)
  }
  if (problems.length > 0) throw new ContentError(problems)
  articles.sort(newestFirst)
  return { articles, entities }
}

/** Builds the static JSON API into outDir, replacing it only once everything is written. */
export async function buildContent(options: BuildOptions): Promise<BuildReport> {
  const { contentDir, outDir, pageSize = 20, relatedCount = 4 } = options
  const { articles, entities } = await loadContent(contentDir)

  const files = new Map<string, unknown>()
  paginate(articles.map(summarize), pageSize).forEach((page) =>
    files.set(apiPaths.articleIndex(page.page), page satisfies ArticlePage),
  )

  const mentions = new Map<string, Article[]>([...entities.keys()].map((id) => [id, []]))
  const quotes = new Map<string, EntityQuote[]>()
  const entityIdsOf = new Map<Article, string[]>()
  for (const article of articles) {
    const ids = [...new Set(entityRefs(article).map((r) => r.id))]
    entityIdsOf.set(article, ids)
    for (const id of ids) mentions.get(id)?.push(article)
    for (const block of article.body) {
      if (block.type !== 'quote') continue
      const list = quotes.get(block.speakerId) ?? []
      list.push({ quoteId: block.id, text: block.text, source: block.source, article: summarize(article) })
      quotes.set(block.speakerId, list)
    }
  }

  for (const article of articles) {
    const ids = entityIdsOf.get(article) ?? []
    const shared = new Map<Article, number>()
    for (const id of ids) {
      for (const other of mentions.get(id) ?? []) {
        if (other !== article) shared.set(other, (shared.get(other) ?? 0) + 1)
      }
    }
    const related = [...shared]
      .sort(([a, x], [b, y]) => y - x || newestFirst(a, b))
      .slice(0, relatedCount)
      .map(([other]) => summarize(other))
    const doc: ArticleDocument = {
      article,
      entities: ids.flatMap((id) => entities.get(id) ?? []),
      related,
    }
    files.set(apiPaths.article(article.slug), doc)
  }

  for (const entity of entities.values()) {
    const doc: EntityDocument = { entity, quotes: quotes.get(entity.id) ?? [] }
    files.set(apiPaths.entity(entity.id), doc)
    const stories = (mentions.get(entity.id) ?? []).map(summarize)
    paginate(stories, pageSize).forEach((page) =>
      files.set(apiPaths.entityStories(entity.id, page.page), page satisfies ArticlePage),
    )
  }

  // Write everything to a sibling folder, then swap it in: a failed build never leaves half an API.
  const staging = `${outDir}.tmp-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  let bytes = 0
  try {
    for (const [rel, value] of files) {
      const file = path.join(staging, rel)
      const text = JSON.stringify(value)
      bytes += Buffer.byteLength(text)
      await mkdir(path.dirname(file), { recursive: true })
      await writeFile(file, text)
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    throw error
  }
  await rm(outDir, { recursive: true, force: true })
  await mkdir(path.dirname(outDir), { recursive: true })
  await rename(staging, outDir)
  return { articles: articles.length, entities: entities.size, files: files.size, bytes }
}
