// @vitest-environment node
import { spawnSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { IMAGE_TYPES, paths, type ImageFormat } from '../../src/app/paths'
import type {
  Article,
  ArticleDocument,
  ArticlePage,
  Author,
  AuthorStoriesPage,
  Block,
  Entity,
  EntityDocument,
  EntityStoriesPage,
  Front,
  Image,
  Section,
} from '../../src/content/schema'
import { testGazetteer } from '../../src/test/gazetteer'
import type { SearchDocs, SearchManifest } from '../../src/search/schema'
import { testAuthors, writeRegisters } from '../../src/test/registers'
import { IMAGE_WIDTHS, MIN_SOURCE_WIDTH } from '../images/renditions'
import { patchSearchIndex, readSearchIndex } from '../search/index'
import { openStoredCache, readStoredCache, saveStoredCache } from './cacheStore'
import { restoreStory, withdrawStory } from '../ingest/unpublish'
import {
  adoptCache,
  buildContent,
  ContentError,
  FRONT_PAGE_PER_SECTION,
  loadContent,
  type BuildOptions,
} from './build'

// Watched, not replaced: whether the build reads the search index back tells how much it did.
vi.mock('./cacheStore', async (original) => {
  const actual = await original<typeof import('./cacheStore')>()
  return { ...actual, readStoredCache: vi.fn(actual.readStoredCache) }
})
vi.mock('../search/index', async (original) => {
  const actual = await original<typeof import('../search/index')>()
  return {
    ...actual,
    readSearchIndex: vi.fn(actual.readSearchIndex),
    patchSearchIndex: vi.fn(actual.patchSearchIndex),
  }
})

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const gazetteer = testGazetteer

const paragraph = (id: string, ...entityIds: string[]): Block => ({
  type: 'paragraph',
  id,
  content: [
    { type: 'text', text: 'News from ' },
    ...entityIds.map((entityId) => ({ type: 'entity' as const, entityId, text: entityId })),
  ],
})

/** Mara Quill's words, attributed in the caption to whoever `entityId` is. */
const quoteAttributedTo = (entityId: string, text: string): Block => ({
  type: 'quote',
  id: 'q1',
  text: 'Fair winds.',
  speakerId: 'mara-quill',
  source: 'on the quay',
  attribution: [
    { type: 'entity', entityId, text },
    { type: 'text', text: ' said' },
  ],
})

const quote = (id: string, speakerId: string, text: string): Block => ({
  type: 'quote',
  id,
  text,
  speakerId,
  source: 'at the harbour meeting',
})

function article(slug: string, day: number, body: Block[]): Article {
  return {
    slug,
    headline: `Headline for ${slug}`,
    standfirst: 'A short standfirst.',
    section: 'Local',
    publishedAt: `2025-08-${String(day).padStart(2, '0')}T09:00:00Z`,
    credit: 'Dispatch reporter',
    body,
  }
}

let root: string
let contentDir: string
let outDir: string

async function writeContent(articles: unknown[], entities: unknown = gazetteer) {
  await mkdir(path.join(contentDir, 'articles'), { recursive: true })
  await writeFile(path.join(contentDir, 'entities.json'), JSON.stringify(entities))
  await writeRegisters(contentDir)
  for (const a of articles) {
    const slug = (a as { slug: string }).slug
    await writeFile(path.join(contentDir, 'articles', `${slug}.json`), JSON.stringify(a))
  }
}

async function readOut<T>(rel: string): Promise<T> {
  return JSON.parse(await readFile(path.join(outDir, rel), 'utf8')) as T
}

async function buildError(): Promise<ContentError> {
  const error: unknown = await buildContent({ contentDir, outDir }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ContentError)
  return error as ContentError
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dispatch-content-'))
  contentDir = path.join(root, 'content')
  outDir = path.join(root, 'out', 'api')
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('buildContent with valid content', () => {
  // Newest first: harbour (12th), ferry (11th), bakery (10th), seawall (9th).
  const harbour = article('harbour-reopens', 12, [
    paragraph('p1', 'port-ellery', 'mara-quill'),
    quote('q1', 'mara-quill', 'The harbour is open again.'),
    paragraph('p2', 'tobias-wren', 'port-ellery'),
  ])
  const ferry = article('ferry-strike', 11, [
    paragraph('p1', 'tobias-wren', 'port-ellery', 'mara-quill'),
    quote('q1', 'tobias-wren', 'We will not sail.'),
  ])
  const bakery = article('bakery-opens', 10, [paragraph('p1', 'port-ellery')])
  const seawall = article('seawall-warning', 9, [
    quote('q1', 'mara-quill', 'The seawall will not last.'),
  ])

  beforeEach(async () => {
    await writeContent([harbour, ferry, bakery, seawall])
  })

  it('writes the front page index with every story, newest first', async () => {
    const report = await buildContent({ contentDir, outDir })
    expect(report.articles).toBe(4)
    expect(report.entities).toBe(4)

    const index = await readOut<ArticlePage>('articles/index/1.json')
    expect(index.page).toBe(1)
    expect(index.totalItems).toBe(4)
    expect([index.older, index.newer]).toEqual([undefined, undefined])
    expect(index.items.map((s) => s.slug)).toEqual([
      'harbour-reopens',
      'ferry-strike',
      'bakery-opens',
      'seawall-warning',
    ])
    expect(index.items[0]).toEqual({
      slug: 'harbour-reopens',
      headline: 'Headline for harbour-reopens',
      standfirst: 'A short standfirst.',
      section: 'Local',
      publishedAt: '2025-08-12T09:00:00Z',
    })
  })

  it('writes each article with its entities in order of first appearance', async () => {
    await buildContent({ contentDir, outDir })
    const doc = await readOut<ArticleDocument>('articles/harbour-reopens.json')
    expect(doc.article).toEqual(harbour)
    expect(doc.entities.map((e) => e.id)).toEqual(['port-ellery', 'mara-quill', 'tobias-wren'])
    expect(doc.entities[1]).toEqual(gazetteer[0])
  })

  it('ranks related stories by how many entities they share, then newest first', async () => {
    await buildContent({ contentDir, outDir })
    const doc = await readOut<ArticleDocument>('articles/harbour-reopens.json')
    // ferry shares 3, seawall shares 1 (Mara Quill), bakery shares 1 (Port Ellery) but is newer.
    expect(doc.related.map((s) => s.slug)).toEqual([
      'ferry-strike',
      'bakery-opens',
      'seawall-warning',
    ])
  })

  it('limits related stories to relatedCount', async () => {
    await buildContent({ contentDir, outDir, relatedCount: 1 })
    const doc = await readOut<ArticleDocument>('articles/harbour-reopens.json')
    expect(doc.related.map((s) => s.slug)).toEqual(['ferry-strike'])
  })

  it('writes each entity, and its quotes with the stories they come from, newest first', async () => {
    await buildContent({ contentDir, outDir })
    const doc = await readOut<EntityDocument>('entities/mara-quill.json')
    expect(doc).toEqual({ entity: gazetteer[0] })
    const page = await readOut<EntityStoriesPage>('entities/mara-quill/stories/1.json')
    expect(page.quotes.map((q) => [q.text, q.article.slug])).toEqual([
      ['The harbour is open again.', 'harbour-reopens'],
      ['The seawall will not last.', 'seawall-warning'],
    ])
    expect(page.quotes[0]).toMatchObject({ quoteId: 'q1', source: 'at the harbour meeting' })
    expect(page.totalQuotes).toBe(2)
  })

  it('pages quotes along with their stories, so no file grows with an entity', async () => {
    await buildContent({ contentDir, outDir, pageSize: 1 })
    const pages = await Promise.all(
      [1, 3, 2].map((n) => readOut<EntityStoriesPage>(`entities/mara-quill/stories/${n}.json`)),
    )
    expect(pages.map((page) => page.items.map((s) => s.slug))).toEqual([
      ['harbour-reopens'],
      ['ferry-strike'],
      ['seawall-warning'],
    ])
    expect(pages.map((page) => page.quotes.map((q) => q.article.slug))).toEqual([
      ['harbour-reopens'],
      [],
      ['seawall-warning'],
    ])
    expect(pages.map((page) => page.totalQuotes)).toEqual([2, undefined, undefined])
  })

  it('writes an entity with no quotes and no stories as empty lists', async () => {
    await buildContent({ contentDir, outDir })
    const stories = await readOut<EntityStoriesPage>('entities/skerrin-ferries/stories/1.json')
    expect(stories).toEqual({
      page: 1,
      totalItems: 0,
      items: [],
      quotes: [],
      totalQuotes: 0,
    })
  })

  it('lists the stories that mention an entity, newest first', async () => {
    await buildContent({ contentDir, outDir })
    const stories = await readOut<ArticlePage>('entities/mara-quill/stories/1.json')
    expect(stories.items.map((s) => s.slug)).toEqual([
      'harbour-reopens',
      'ferry-strike',
      'seawall-warning',
    ])
    const wren = await readOut<ArticlePage>('entities/tobias-wren/stories/1.json')
    expect(wren.items.map((s) => s.slug)).toEqual(['harbour-reopens', 'ferry-strike'])
  })

  it('loadContent returns the articles newest first and the entities by id', async () => {
    const { articles, entities } = await loadContent(contentDir)
    expect(articles.map((a) => a.slug)).toEqual([
      'harbour-reopens',
      'ferry-strike',
      'bakery-opens',
      'seawall-warning',
    ])
    expect(entities.get('port-ellery')?.name).toBe('Port Ellery')
  })
})

describe('buildContent ordering', () => {
  it('orders stories by the instant they were published, whatever the time zone', async () => {
    const utc = {
      ...article('at-one', 1, [paragraph('p1', 'port-ellery')]),
      publishedAt: '2025-08-15T13:00:00Z',
    }
    const offset = {
      ...article('at-noon', 1, [paragraph('p1', 'port-ellery')]),
      publishedAt: '2025-08-15T14:00:00+02:00',
    }
    await writeContent([offset, utc])
    await buildContent({ contentDir, outDir })
    const index = await readOut<ArticlePage>('articles/index/1.json')
    expect(index.items.map((s) => s.slug)).toEqual(['at-one', 'at-noon'])
  })

  it('lists stories published at the same instant by slug, in the lists and the search index alike', async () => {
    const story = (slug: string, day: number) =>
      article(slug, day, [paragraph('p1', 'port-ellery')])
    // Written in no order of theirs; three at 09:00 on the 2nd, one a day later.
    await writeContent([
      story('tide-tables', 2),
      story('ferry-timetable', 3),
      story('harbour-dues', 2),
      story('quay-repairs', 2),
    ])
    await buildContent({ contentDir, outDir })
    const index = await readOut<ArticlePage>('articles/index/1.json')
    expect(index.items.map((s) => s.slug)).toEqual([
      'ferry-timetable',
      'harbour-dues',
      'quay-repairs',
      'tide-tables',
    ])
    const docs = await readOut<SearchDocs>('search/docs/0.json')
    const stories = docs.items.flatMap((item) => (item?.kind === 'story' ? [item.slug] : []))
    expect(stories).toEqual(['harbour-dues', 'quay-repairs', 'tide-tables', 'ferry-timetable'])
  })
})

describe('buildContent pagination', () => {
  const story = (day: number) => article(`story-${day}`, day, [paragraph('p1', 'port-ellery')])
  const slugs = (page: ArticlePage) => page.items.map((s) => s.slug)
  const links = (page: ArticlePage) => [page.page, page.newer, page.older, page.totalItems]

  it('keeps the newest on page 1 and numbers the full pages after it from the oldest', async () => {
    await writeContent([1, 2, 3, 4, 5, 6, 7].map(story))
    await buildContent({ contentDir, outDir, pageSize: 2 })

    // Read as a reader pages back from page 1: newest first, each page pointing to the next.
    const pages = await Promise.all(
      [1, 3, 2].map((n) => readOut<ArticlePage>(`articles/index/${n}.json`)),
    )
    expect(pages.map(slugs)).toEqual([
      ['story-7', 'story-6', 'story-5'],
      ['story-4', 'story-3'],
      ['story-2', 'story-1'],
    ])
    // [page, newer, older, total]: the total on page 1 alone (a withdrawal rewrites it, no other).
    expect(pages.map(links)).toEqual([
      [1, undefined, 3, 7],
      [3, 1, 2, undefined],
      [2, 3, undefined, undefined],
    ])
    await expect(readOut('articles/index/4.json')).rejects.toThrow()

    const entityPages = await Promise.all(
      [1, 3, 2].map((n) => readOut<ArticlePage>(`entities/port-ellery/stories/${n}.json`)),
    )
    expect(entityPages.map(slugs)).toEqual(pages.map(slugs))
  })

  it('rewrites page 1 for a story published, and one page more when page 1 fills', async () => {
    await writeContent([1, 2, 3, 4, 5, 6, 7].map(story))
    const cacheFile = path.join(root, 'cache.sqlite')
    const build = () => buildContent({ contentDir, outDir, cacheFile, pageSize: 2 })
    await build()
    const lists = (changed: string[]) =>
      changed.filter((file) => !file.startsWith('articles/story-') && !file.startsWith('search/'))

    // Page 1 holds three places of a possible three: the eighth story fills a page of its own.
    await writeContent([story(8)])
    const filled = await build()
    expect(lists(filled.changed).sort()).toEqual([
      'articles/index/1.json',
      'articles/index/3.json', // newer: page 4, no longer page 1
      'articles/index/4.json',
      'entities/port-ellery/stories/1.json',
      'entities/port-ellery/stories/3.json',
      'entities/port-ellery/stories/4.json',
      'front.json',
      'sections/section-1/1.json',
      'sections/section-1/3.json',
      'sections/section-1/4.json',
    ])
    const four = await readOut<ArticlePage>('articles/index/4.json')
    expect([slugs(four), links(four)]).toEqual([
      ['story-6', 'story-5'],
      [4, 1, 3, undefined],
    ])

    // The ninth: page 1 alone, in each list.
    await writeContent([story(9)])
    const added = await build()
    expect(lists(added.changed).sort()).toEqual([
      'articles/index/1.json',
      'entities/port-ellery/stories/1.json',
      'front.json',
      'sections/section-1/1.json',
    ])
    expect(slugs(await readOut<ArticlePage>('articles/index/1.json'))).toEqual([
      'story-9',
      'story-8',
      'story-7',
    ])
    const written = await snapshot(outDir)
    await buildContent({ contentDir, outDir, pageSize: 2, full: true })
    expect(written).toEqual(await snapshot(outDir))
  })
})

describe('buildContent with invalid content', () => {
  it('names the file and JSON path of an unknown entity', async () => {
    const bad = article('bad-link', 1, [
      paragraph('p0'),
      paragraph('p1', 'port-ellery'),
      {
        type: 'paragraph',
        id: 'p2',
        content: [
          { type: 'text', text: 'Said ' },
          { type: 'entity', entityId: 'nobody-known', text: 'a stranger' },
        ],
      },
    ])
    await writeContent([bad])
    const error = await buildError()
    expect(error.problems).toEqual([
      {
        file: expect.stringContaining(path.join('articles', 'bad-link.json')) as string,
        path: '$.body[2].content[1].entityId',
        message: 'unknown entity "nobody-known" (not in entities.json)',
      },
    ])
    expect(error.message).toContain('bad-link.json: $.body[2].content[1].entityId')
  })

  it('reports the exact path of an unknown entity in the first block', async () => {
    await writeContent([article('first-block', 1, [paragraph('p1', 'port-ellery', 'ghost-town')])])
    const error = await buildError()
    expect(error.message).toContain('first-block.json: $.body[0].content[2].entityId')
  })

  it('names $.headline when the headline is not a string', async () => {
    await writeContent([{ ...article('number-headline', 1, [paragraph('p1')]), headline: 42 }])
    const error = await buildError()
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0]?.path).toBe('$.headline')
    expect(error.problems[0]?.file).toContain('number-headline.json')
    expect(error.message).toContain('number-headline.json: $.headline')
  })

  it('stops on a date no browser can read or no calendar has, and on text feeds cannot carry', async () => {
    await writeContent([
      { ...article('half-offset', 1, [paragraph('p1')]), publishedAt: '2025-08-15T14:00:00+02' },
      { ...article('no-such-day', 2, [paragraph('p1')]), publishedAt: '2025-02-31T10:00:00Z' },
      { ...article('tabbed', 3, [paragraph('p1')]), headline: 'Ferry\u000Bdeal' },
    ])
    const error = await buildError()
    expect(error.problems.map((p) => [path.basename(p.file), p.path])).toEqual([
      ['half-offset.json', '$.publishedAt'],
      ['no-such-day.json', '$.publishedAt'],
      ['tabbed.json', '$.headline'],
    ])
  })

  it('refuses a second entity with a name already taken, naming its first owner', async () => {
    const clash = (id: string): Entity => ({
      id,
      name: 'Mara Quill',
      kind: 'person',
      aliases: [],
      description: 'Another Mara Quill.',
    })
    await mkdir(path.join(contentDir, 'articles'), { recursive: true })
    await writeRegisters(contentDir)
    await writeFile(
      path.join(contentDir, 'entities.json'),
      JSON.stringify([...gazetteer, clash('second-quill'), clash('third-quill')]),
    )
    const error = await buildError()
    expect(error.problems.map((p) => [p.path, p.message])).toEqual([
      ['$[4].name', '"Mara Quill" already names "mara-quill"'],
      ['$[5].name', '"Mara Quill" already names "mara-quill"'],
    ])
  })

  it('builds with an alias two entities share, and warns of it once per newcomer', async () => {
    const namesake: Entity = {
      id: 'osric-quill',
      name: 'Osric Quill',
      kind: 'person',
      aliases: ['Quill', 'quill'],
      description: 'Harbour pilot.',
    }
    await writeContent([], [...gazetteer, { ...namesake, ambiguous: ['Quill'] }])
    const report = await buildContent({ contentDir, outDir })
    expect(report.warnings).toHaveLength(1)
    expect(report.warnings[0]).toMatch(
      /entities\.json \$\[4\]\.aliases\[0\]: "Quill" also names "mara-quill"; it is linked only where the story has named one of them in full$/,
    )
    // Which aliases need context is ingest's business: the entity readers get is the entity.
    const file = path.join(outDir, 'entities', 'osric-quill.json')
    const written = JSON.parse(await readFile(file, 'utf8')) as { entity: unknown }
    expect(written.entity).toEqual(namesake)
  })

  it("refuses an ambiguous alias that is not one of the entity's aliases", async () => {
    await mkdir(path.join(contentDir, 'articles'), { recursive: true })
    await writeRegisters(contentDir)
    const [first, ...rest] = gazetteer
    await writeFile(
      path.join(contentDir, 'entities.json'),
      JSON.stringify([{ ...first, ambiguous: ['Mayor'] }, ...rest]),
    )
    const error = await buildError()
    expect(error.problems.map((p) => [p.path, p.message])).toEqual([
      ['$[0].ambiguous[0]', '"Mayor" is not one of this entity\'s aliases'],
    ])
  })

  it('says so when the articles folder is missing', async () => {
    await mkdir(contentDir, { recursive: true })
    await writeFile(path.join(contentDir, 'entities.json'), JSON.stringify(gazetteer))
    const error = await buildError()
    expect(error.problems[0]?.file).toContain('articles')
    expect(error.problems[0]?.message).toBe('folder is missing')
  })

  it('names the file that is not valid JSON', async () => {
    await writeContent([])
    await writeFile(path.join(contentDir, 'articles', 'broken.json'), '{"slug": "broken",')
    const error = await buildError()
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0]?.file).toContain(path.join('articles', 'broken.json'))
    expect(error.problems[0]?.path).toBe('$')
    expect(error.problems[0]?.message).toMatch(/^not valid JSON/)
  })

  it('rejects a slug that does not match the file name', async () => {
    await writeContent([])
    await writeFile(
      path.join(contentDir, 'articles', 'file-name.json'),
      JSON.stringify(article('other-slug', 1, [paragraph('p1')])),
    )
    const error = await buildError()
    expect(error.problems).toEqual([
      {
        file: expect.stringContaining('file-name.json') as string,
        path: '$.slug',
        message: '"other-slug" must match the file name "file-name.json"',
      },
    ])
  })

  it('rejects two blocks with the same id', async () => {
    await writeContent([article('twice', 1, [paragraph('p1'), paragraph('p2'), paragraph('p1')])])
    const error = await buildError()
    expect(error.problems.map((p) => [p.path, p.message])).toEqual([
      ['$.body[2].id', 'duplicate block id "p1"'],
    ])
  })

  it('rejects a quote attribution that does not link its speaker', async () => {
    await writeContent([article('misattributed', 1, [quoteAttributedTo('tobias-wren', 'Wren')])])
    const error = await buildError()
    expect(error.problems.map((p) => [p.path, p.message])).toEqual([
      ['$.body[0].attribution', 'must link the speaker "mara-quill"'],
    ])
  })

  it('rejects an update before publication, and a correction without an update at or after it', async () => {
    const story = article('changed', 10, [paragraph('p1')])
    await writeContent([
      { ...story, slug: 'early-update', updatedAt: '2025-08-09T09:00:00Z' },
      {
        ...story,
        slug: 'corrected-quietly',
        corrections: [{ at: '2025-08-11T09:00:00Z', text: 'The quay is in Port Ellery.' }],
      },
      {
        ...story,
        slug: 'corrected-too-late',
        updatedAt: '2025-08-11T09:00:00Z',
        corrections: [
          { at: '2025-08-09T09:00:00Z', text: 'An earlier fix.' },
          { at: '2025-08-12T09:00:00+02:00', text: 'A later one.' },
        ],
      },
    ])
    const error = await buildError()
    expect(error.problems.map((p) => [path.basename(p.file), p.path, p.message]).sort()).toEqual([
      [
        'corrected-quietly.json',
        '$.updatedAt',
        'must be present and no earlier than the latest correction (2025-08-11T09:00:00Z): a correction updates the story',
      ],
      [
        'corrected-too-late.json',
        '$.corrections[0].at',
        '2025-08-09T09:00:00Z is before the story was published',
      ],
      [
        'corrected-too-late.json',
        '$.updatedAt',
        'must be present and no earlier than the latest correction (2025-08-12T09:00:00+02:00): a correction updates the story',
      ],
      [
        'early-update.json',
        '$.updatedAt',
        '2025-08-09T09:00:00Z is before the story was published (2025-08-10T09:00:00Z)',
      ],
    ])
  })

  it('accepts a corrected story, and lists it with the time of its update', async () => {
    const corrected: Article = {
      ...article('corrected', 10, [paragraph('p1')]),
      updatedAt: '2025-08-11T10:00:00+02:00',
      corrections: [{ at: '2025-08-11T08:00:00Z', text: 'The quay is in Port Ellery.' }],
    }
    await writeContent([corrected])
    await buildContent({ contentDir, outDir })
    const index = await readOut<ArticlePage>('articles/index/1.json')
    expect(index.items[0]).toMatchObject({ slug: 'corrected', updatedAt: corrected.updatedAt })
    const document = await readOut<ArticleDocument>('articles/corrected.json')
    expect(document.article.corrections).toEqual(corrected.corrections)
  })

  it("writes what a withdrawn story's address says, and lists it nowhere", async () => {
    const kept = article('kept', 10, [paragraph('p1', 'mara-quill')])
    const gone = article('gone', 11, [paragraph('p1', 'mara-quill')])
    await writeContent([kept])
    await mkdir(path.join(contentDir, 'withdrawn'))
    await writeFile(
      path.join(contentDir, 'withdrawn', 'gone.json'),
      JSON.stringify({
        withdrawnAt: '2025-08-12T09:00:00Z',
        reason: 'Legal advice.',
        article: gone,
      }),
    )
    await buildContent({ contentDir, outDir })
    expect(await readOut('withdrawn/gone.json')).toEqual({
      slug: 'gone',
      withdrawnAt: '2025-08-12T09:00:00Z',
      reason: 'Legal advice.',
    })
    const everything = await readdir(outDir, { recursive: true })
    expect(everything.filter((file) => file.includes('gone'))).toEqual(['withdrawn/gone.json'])
    const mentions = await readOut<ArticlePage>('entities/mara-quill/stories/1.json')
    expect(mentions.items.map((s) => s.slug)).toEqual(['kept'])
  })

  it('refuses a story withdrawn and published at once, and a broken withdrawal', async () => {
    const story = article('twice', 10, [paragraph('p1', 'no-such-person')])
    await writeContent([{ ...story, body: [paragraph('p1')] }])
    await mkdir(path.join(contentDir, 'withdrawn'))
    await writeFile(
      path.join(contentDir, 'withdrawn', 'twice.json'),
      JSON.stringify({ withdrawnAt: '2025-08-12T09:00:00Z', reason: ' ', article: story }),
    )
    const error = await buildError()
    expect(error.problems.map((p) => [path.basename(p.file), p.path, p.message])).toEqual([
      ['twice.json', '$.reason', 'reason must not be empty'],
    ])
    await writeFile(
      path.join(contentDir, 'withdrawn', 'twice.json'),
      JSON.stringify({ withdrawnAt: '2025-08-12T09:00:00Z', reason: 'Wrong.', article: story }),
    )
    const again = await buildError()
    expect(again.problems.map((p) => [path.basename(p.file), p.path, p.message])).toEqual([
      [
        'twice.json',
        '$.article.body[0].content[1].entityId',
        'unknown entity "no-such-person" (not in entities.json)',
      ],
      [
        'twice.json',
        '$',
        'the story is withdrawn and published at once (content/articles/twice.json): keep one',
      ],
    ])
  })

  it('accepts a quote attribution that links its speaker', async () => {
    await writeContent([article('attributed', 1, [quoteAttributedTo('mara-quill', 'Quill')])])
    await expect(buildContent({ contentDir, outDir })).resolves.toMatchObject({ articles: 1 })
  })

  it('lists every problem across files, not just the first', async () => {
    await writeContent([
      { ...article('one', 1, [paragraph('p1')]), headline: 42 },
      article('two', 2, [paragraph('p1', 'nowhere')]),
    ])
    const error = await buildError()
    expect(error.message).toMatch(/^2 content problems:/)
    expect(error.problems.map((p) => p.path)).toEqual([
      '$.headline',
      '$.body[0].content[1].entityId',
    ])
  })

  it('leaves the existing output untouched when the content is invalid', async () => {
    await mkdir(outDir, { recursive: true })
    await writeFile(path.join(outDir, 'marker.txt'), 'previous build')
    await writeContent([article('bad', 1, [paragraph('p1', 'nobody-known')])])

    await buildError()
    expect(await readFile(path.join(outDir, 'marker.txt'), 'utf8')).toBe('previous build')
    await expect(readFile(path.join(outDir, 'articles/index/1.json'))).rejects.toThrow()
  })

  it('replaces the previous output when the content is valid', async () => {
    await mkdir(outDir, { recursive: true })
    await writeFile(path.join(outDir, 'marker.txt'), 'previous build')
    await writeContent([article('good', 1, [paragraph('p1', 'port-ellery')])])

    await buildContent({ contentDir, outDir })
    await expect(readFile(path.join(outDir, 'marker.txt'))).rejects.toThrow()
    expect((await readOut<ArticlePage>('articles/index/1.json')).items[0]?.slug).toBe('good')
  })
})

describe('rebuilding after a change', () => {
  const day = (n: number, ...entityIds: string[]) =>
    article(`story-${n}`, n, [paragraph('p1', ...entityIds)])
  let cacheFile: string
  const build = () => buildContent({ contentDir, outDir, cacheFile, pageSize: 2 })
  /** A build told which story files changed, as a refresh is by the newsroom's change log. */
  const buildNamed = (...changedStories: string[]) =>
    buildContent({ contentDir, outDir, cacheFile, pageSize: 2, changedStories })
  /** The files the last build left are those a full build writes. */
  async function expectSameAsFullBuild() {
    const written = await snapshot(outDir)
    await buildContent({ contentDir, outDir, pageSize: 2, full: true })
    expect(written).toEqual(await snapshot(outDir))
  }
  // Rewrites one story as an editor would: new bytes, new modification time.
  async function edit(a: Article) {
    const file = path.join(contentDir, 'articles', `${a.slug}.json`)
    await writeFile(file, JSON.stringify(a))
    const later = new Date(Date.now() + 5000)
    await utimes(file, later, later)
  }

  beforeEach(async () => {
    cacheFile = path.join(root, 'cache.sqlite')
    await writeContent([
      day(1, 'port-ellery'),
      day(2, 'skerrin-ferries'),
      day(3, 'tobias-wren'),
      day(4, 'port-ellery', 'mara-quill'),
      day(5, 'tobias-wren'),
    ])
  })

  it('writes a full build’s cache beside the old one as it goes, puts it in place when saved, and leaves nothing behind', async () => {
    await buildContent({ contentDir, outDir, cacheFile })
    const storiesIn = () => Object.keys(readStoredCache(cacheFile)?.stories ?? {}).sort()
    const before = storiesIn()
    expect(before).toContain('story-5.json')
    await writeContent([
      article('quoted', 6, [quote('q1', 'mara-quill', 'The tide turns at six.')]),
    ])
    const cacheDir = path.dirname(cacheFile)
    const shownIn = (key: string) => {
      const store = openStoredCache(cacheFile)
      try {
        return store?.shownIn(key) ?? []
      } finally {
        store?.close()
      }
    }
    const buildFiles = async () =>
      (await readdir(cacheDir)).filter((name) => name.startsWith('cache.sqlite.')).sort()

    // A refresh saves the cache after its pages and feeds: until then the new one waits beside
    // the old, which is as it was, and the build's own store holds the summaries the feeds show.
    const report = await buildContent({
      contentDir,
      outDir,
      cacheFile,
      full: true,
      deferCache: true,
    })
    expect(report.mode).toBe('full')
    expect(await buildFiles()).toEqual([
      expect.stringMatching(/^cache\.sqlite\.next-/),
      expect.stringMatching(/^cache\.sqlite\.quotes-[\d-]+$/),
      expect.stringMatching(/^cache\.sqlite\.quotes-[\d-]+\.facts$/),
      expect.stringMatching(/^cache\.sqlite\.quotes-[\d-]+\.names$/),
      expect.stringMatching(/^cache\.sqlite\.quotes-[\d-]+\.summaries$/),
    ])
    expect(storiesIn()).toEqual(before)
    const quoted = report.summaries().find((summary) => summary.slug === 'quoted')
    expect(quoted?.headline).toBe('Headline for quoted')
    expect(JSON.stringify(report.summaries())).toBe(
      JSON.stringify((await readOut<ArticlePage>('articles/index/1.json')).items),
    )
    await report.saveCache()
    // Saved once: asked again, it has nothing more to do.
    await report.saveCache()
    expect(await buildFiles()).toEqual([])
    const after = ['quoted.json', ...before].sort()
    expect(storiesIn()).toEqual(after)
    const row = readStoredCache<{ quotes: unknown[] }>(cacheFile)?.stories['quoted.json']
    expect(row?.quotes).toEqual([
      {
        quoteId: 'q1',
        text: 'The tide turns at six.',
        source: 'at the harbour meeting',
        speakerId: 'mara-quill',
      },
    ])
    // What each file shows, for the next edit: the newest story is on the front page, the first
    // page of the index, of its section and of its speaker, and story 4 (which names her too)
    // lists it as related.
    expect(new Set(shownIn('quoted.json'))).toEqual(
      new Set([
        'front.json',
        'articles/index/1.json',
        'sections/section-1/1.json',
        'entities/mara-quill/stories/1.json',
        'articles/story-4.json',
      ]),
    )

    // A build that stops on a problem removes its files at once, and the old cache stays whole.
    await writeContent([article('unknown', 7, [quote('q1', 'nobody-known', 'Who said it?')])])
    await expect(buildContent({ contentDir, outDir, cacheFile, full: true })).rejects.toThrow(
      ContentError,
    )
    expect(await buildFiles()).toEqual([])
    expect(storiesIn()).toEqual(after)
  })

  it('clears away what a full build killed part-way left, and not what a running one is using', async () => {
    // A process that has ended, as a killed build's has; and one still running (the test runner).
    const killed = spawnSync(process.execPath, ['-e', '']).pid
    const running = process.ppid
    const leftBy = (pid: number) => [
      `${path.basename(outDir)}.tmp-${pid}`,
      `cache.sqlite.next-${pid}-1`,
      `cache.sqlite.quotes-${pid}-1`,
      `cache.sqlite.quotes-${pid}-1.summaries`,
      `cache.sqlite.quotes-${pid}-1.facts`,
      `cache.sqlite.quotes-${pid}-1.names`,
      `cache.sqlite.quotes-${pid}-1.postings`,
    ]
    // The staging folder beside the API, the rest beside the cache.
    const where = (name: string) =>
      path.join(name.includes('.tmp-') ? path.dirname(outDir) : root, name)
    for (const name of [...leftBy(killed), ...leftBy(running)]) {
      if (name.includes('.tmp-')) {
        await mkdir(path.join(where(name), 'articles'), { recursive: true })
        await writeFile(path.join(where(name), 'articles', 'story-1.json'), '{}')
      } else await writeFile(where(name), 'x')
    }

    await buildContent({ contentDir, outDir, cacheFile })

    const left = [...(await readdir(root)), ...(await readdir(path.dirname(outDir)))]
    for (const name of leftBy(killed)) expect(left).not.toContain(name)
    for (const name of leftBy(running)) expect(left).toContain(name)
    expect(left).toEqual(expect.arrayContaining(['cache.sqlite', path.basename(outDir)]))
    // And the build's own working files (its store, its search postings, its next cache) are gone.
    expect(left.filter((name) => name.includes(`-${process.pid}`))).toEqual([])
  })

  it('leaves a story under embargo out of everything until a build after its time', async () => {
    // Story 6 is dated 6 August 2025 at 09:00; the build's clock says when it runs.
    await writeContent([day(6, 'port-ellery')])
    const before = await buildContent({
      contentDir,
      outDir,
      cacheFile,
      pageSize: 2,
      now: new Date('2025-08-06T08:59:00Z'),
      // The stories the feeds list are read from the build's store, until its cache is saved.
      deferCache: true,
    })
    expect(before.embargoed).toEqual([{ slug: 'story-6', publishedAt: '2025-08-06T09:00:00Z' }])
    const everything = await readdir(outDir, { recursive: true })
    expect(everything.filter((file) => file.includes('story-6'))).toEqual([])
    expect(before.summaries().map((s) => s.slug)).not.toContain('story-6')
    await before.saveCache()
    const port = await readOut<ArticlePage>('entities/port-ellery/stories/1.json')
    expect(port.items.map((s) => s.slug)).toEqual(['story-4', 'story-1'])

    // Nothing changed on disk; the clock moved past the embargo.
    const after = await buildContent({
      contentDir,
      outDir,
      cacheFile,
      pageSize: 2,
      now: new Date('2025-08-06T09:00:00Z'),
    })
    expect(after).toMatchObject({ mode: 'incremental', embargoed: [] })
    expect(after.changed).toContain('articles/story-6.json')
    const index = await readOut<ArticlePage>('articles/index/1.json')
    expect(index.items[0]?.slug).toBe('story-6')
    const portAfter = await readOut<ArticlePage>('entities/port-ellery/stories/1.json')
    expect(portAfter.items.map((s) => s.slug)).toEqual(['story-6', 'story-4', 'story-1'])
  })

  it('writes nothing when nothing changed', async () => {
    expect((await build()).mode).toBe('full')
    const again = await build()
    expect(again).toMatchObject({ mode: 'incremental', files: 0, removed: 0, changed: [] })
  })

  it('rewrites only the story, its entities and the index when one headline changes', async () => {
    await build()
    await edit({ ...day(3, 'tobias-wren'), headline: 'Wren calls a vote' })
    const report = await build()
    expect(report.mode).toBe('incremental')
    expect(report.changed.sort()).toEqual([
      'articles/index/1.json',
      'articles/story-3.json',
      // story-5 lists story-3 as related, so its page shows the new headline too
      'articles/story-5.json',
      'entities/tobias-wren/stories/1.json',
      // The front page lists it among its section's latest, and so does the section's own page.
      'front.json',
      // Search: the story's block of results, the files of the headline's words that came and
      // went, and the manifest, which lists the new words' files.
      'search/docs/0.json',
      'search/index.json',
      'search/terms/ca.json',
      'search/terms/he.json',
      'search/terms/st.json',
      'search/terms/vo.json',
      'search/terms/wr.json',
      'sections/section-1/1.json',
    ])
    expect((await readOut<ArticleDocument>('articles/story-5.json')).related[0]?.headline).toBe(
      'Wren calls a vote',
    )
  })

  it('gives a copy of the API its cache, so that the copy’s next build patches the change, as a full build would write it', async () => {
    await build()
    // What a new `vite build` makes of public/api: another folder, the same files.
    const copy = path.join(root, 'site', 'api')
    await cp(outDir, copy, { recursive: true })
    const copyCache = path.join(root, 'site.sqlite')
    const buildCopy = () =>
      buildContent({ contentDir, outDir: copy, cacheFile: copyCache, pageSize: 2 })
    expect(await adoptCache({ outDir, cacheFile }, { outDir: copy, cacheFile: copyCache })).toBe(
      true,
    )
    await edit({ ...day(3, 'tobias-wren'), headline: 'Wren calls a vote' })
    const report = await buildCopy()
    expect(report.mode).toBe('incremental')
    expect(report.changed).toContain('articles/story-3.json')
    expect(report.changed).not.toContain('articles/story-1.json')
    const written = await snapshot(copy)
    await buildContent({ contentDir, outDir: copy, pageSize: 2, full: true })
    expect(written).toEqual(await snapshot(copy))
  })

  it('gives no cache to a copy when the cache does not describe its own folder as it is', async () => {
    await build()
    // The API folder replaced since its build: the cache describes a folder that is gone.
    const copy = path.join(root, 'site', 'api')
    await cp(outDir, copy, { recursive: true })
    await rm(outDir, { recursive: true })
    await cp(copy, outDir, { recursive: true })
    const copyCache = path.join(root, 'site.sqlite')
    expect(await adoptCache({ outDir, cacheFile }, { outDir: copy, cacheFile: copyCache })).toBe(
      false,
    )
    expect(readStoredCache(copyCache)).toBeUndefined()
    const report = await buildContent({
      contentDir,
      outDir: copy,
      cacheFile: copyCache,
      pageSize: 2,
    })
    expect(report.mode).toBe('full')
  })

  it('edits in place what moves no story: the pages that show it patched, as a full build would write them', async () => {
    // A story under embargo stays out, and does not stop an edit in place.
    await writeContent([{ ...day(6, 'tobias-wren'), publishedAt: '2099-01-01T09:00:00Z' }])
    await build()
    // Story 3's headline and story 4's standfirst and update: index page 1 shows both, and so do
    // the section's pages, the front page and story 5's related list.
    await edit({ ...day(3, 'tobias-wren'), headline: 'Wren calls a vote' })
    await edit({
      ...day(4, 'port-ellery', 'mara-quill'),
      standfirst: 'Quill answers the harbour board.',
      updatedAt: '2025-08-07T10:00:00Z',
    })
    const report = await build()
    expect(report.edited?.map(({ after }) => after.slug).sort()).toEqual(['story-3', 'story-4'])
    expect(report.edited?.[0]?.before.headline).toMatch(/^Headline for story-/)
    expect(report.embargoed).toEqual([{ slug: 'story-6', publishedAt: '2099-01-01T09:00:00Z' }])
    await expectSameAsFullBuild()
  })

  it('edits in place with the gazetteer the cache keeps, reading the registers again once their files were touched', async () => {
    await build()
    const stamps = () => readStoredCache(cacheFile)?.meta.registersStamps
    const first = stamps()
    await edit({ ...day(3, 'tobias-wren'), headline: 'Wren calls a vote' })
    expect((await build()).edited?.map(({ after }) => after.slug)).toEqual(['story-3'])
    const wren = gazetteer.find((entity) => entity.id === 'tobias-wren')
    expect((await readOut<ArticleDocument>('articles/story-3.json')).entities).toEqual([wren])
    // The gazetteer written again as it was: another stamp, the same hash. Still an edit in
    // place, and the cache then knows the new stamp.
    const later = new Date(Date.now() + 10_000)
    await utimes(path.join(contentDir, 'entities.json'), later, later)
    await edit({ ...day(3, 'tobias-wren'), headline: 'Wren calls a second vote' })
    expect((await build()).edited?.map(({ after }) => after.slug)).toEqual(['story-3'])
    expect(stamps()).not.toEqual(first)
    await expectSameAsFullBuild()
  })

  it('builds as a whole an edit that moves a story, or one whose pages are not as the cache says', async () => {
    await build()
    // A story dated otherwise moves in every list: not an edit in place.
    await edit({ ...day(3, 'tobias-wren'), publishedAt: '2025-08-08T09:00:00Z' })
    const moved = await build()
    expect(moved.mode).toBe('incremental')
    expect(moved.edited).toBeUndefined()

    // A page that shows story 2, changed behind the build's back: it cannot be patched, and the
    // whole build writes it again.
    const page = path.join(outDir, 'articles/index/2.json')
    await writeFile(page, (await readFile(page, 'utf8')).replace('story-2', 'story-two'))
    await edit({ ...day(2, 'skerrin-ferries'), headline: 'Ferries run late' })
    const report = await build()
    expect(report.mode).toBe('incremental')
    expect(report.edited).toBeUndefined()
    expect(report.changed).toContain('articles/index/2.json')
    await expectSameAsFullBuild()
  })

  it('looks at the story files it is told changed alone; the next build without names finds an edit behind their back', async () => {
    await build()
    await edit({ ...day(3, 'tobias-wren'), headline: 'Wren calls a vote' })
    // Edited by hand, and noted nowhere.
    await edit({ ...day(2, 'skerrin-ferries'), headline: 'Ferries run late' })
    const named = await buildNamed('story-3.json')
    expect(named).toMatchObject({ mode: 'incremental', partial: true, articles: 5 })
    expect(named.edited?.map(({ after }) => after.slug)).toEqual(['story-3'])
    expect(named.changed).toContain('articles/story-3.json')
    expect(named.changed).not.toContain('articles/story-2.json')

    const everyFile = await build()
    expect(everyFile.partial).toBeUndefined()
    expect(everyFile.edited?.map(({ after }) => after.slug)).toEqual(['story-2'])
    await expectSameAsFullBuild()
  })

  it('leaves the stories under embargo that are not named to the build that looks at every file', async () => {
    await writeContent([{ ...day(6, 'tobias-wren'), publishedAt: '2099-01-01T09:00:00Z' }])
    await build()
    await edit({ ...day(3, 'tobias-wren'), headline: 'Wren calls a vote' })
    // Filed for later, and rewritten by hand to say it is due now: published by the next look at
    // every file, not by the edit named.
    await edit(day(6, 'tobias-wren'))
    const named = await buildNamed('story-3.json')
    expect(named).toMatchObject({ partial: true, embargoed: [{ slug: 'story-6' }] })
    expect(named.changed).not.toContain('articles/story-6.json')
    const everyFile = await build()
    expect(everyFile).toMatchObject({ mode: 'incremental', embargoed: [] })
    expect(everyFile.changed).toContain('articles/story-6.json')
    await expectSameAsFullBuild()
  })

  it('builds as a whole, looking at every file, when a story named is dated among older ones or one under embargo has come due', async () => {
    await writeContent([{ ...day(6, 'port-ellery'), publishedAt: '2025-08-06T09:00:00Z' }])
    const at = (time: string) => ({
      contentDir,
      outDir,
      cacheFile,
      pageSize: 2,
      now: new Date(time),
    })
    await buildContent(at('2025-08-06T08:00:00Z'))
    // Story 6 comes due; story 3 is edited and named, story 6 not.
    await edit({ ...day(3, 'tobias-wren'), headline: 'Wren calls a vote' })
    const due = await buildContent({
      ...at('2025-08-06T09:00:00Z'),
      changedStories: ['story-3.json'],
    })
    expect(due.partial).toBeUndefined()
    expect(due.changed).toEqual(
      expect.arrayContaining(['articles/story-3.json', 'articles/story-6.json']),
    )
    await expectSameAsFullBuild()

    // A story named that the last build did not know, dated before the newest: it moves older
    // stories to other pages, which only the whole build can tell.
    await edit({ ...day(7, 'mara-quill'), publishedAt: '2025-08-02T12:00:00Z' })
    const backdated = await buildContent({
      ...at('2025-08-07T09:00:00Z'),
      changedStories: ['story-7.json'],
    })
    expect([backdated.partial, backdated.published]).toEqual([undefined, undefined])
    expect(backdated.changed).toContain('articles/story-7.json')
    await expectSameAsFullBuild()
    // One newer than every story is published in place.
    await edit(day(8, 'mara-quill'))
    const published = await buildContent({
      ...at('2025-08-08T09:00:00Z'),
      changedStories: ['story-8.json'],
    })
    expect(published.partial).toBe(true)
    expect(published.published?.map((summary) => summary.slug)).toEqual(['story-8'])
    await expectSameAsFullBuild()
  })

  it('gives the same files as a full build after adding and removing stories', async () => {
    await build()
    await edit(day(6, 'mara-quill', 'skerrin-ferries'))
    await rm(path.join(contentDir, 'articles', 'story-2.json'))
    const report = await build()
    expect(report.mode).toBe('incremental')
    expect(report.changed).toContain('articles/story-2.json')
    await expect(readFile(path.join(outDir, 'articles/story-2.json'))).rejects.toThrow()

    const incremental = await snapshot(outDir)
    // The report lists the whole API as it now is, unchanged files too: what the sitemap lists.
    expect(report.apiFiles()).toEqual(Object.keys(incremental).sort())
    await buildContent({ contentDir, outDir, pageSize: 2, full: true })
    expect(incremental).toEqual(await snapshot(outDir))
  })

  it('writes compressed copies when asked, and takes them away with their files', async () => {
    const compressed = () =>
      buildContent({ contentDir, outDir, cacheFile, pageSize: 2, compress: true })
    await compressed()
    const story = path.join(outDir, 'articles/story-2.json')
    expect(gunzipSync(await readFile(`${story}.gz`)).toString()).toBe(await readFile(story, 'utf8'))
    await edit({ ...day(2, 'tobias-wren'), headline: 'Wren calls a vote' })
    await compressed()
    expect(brotliDecompressSync(await readFile(`${story}.br`)).toString()).toContain(
      'Wren calls a vote',
    )
    await rm(path.join(contentDir, 'articles', 'story-2.json'))
    const full = await buildContent({ contentDir, outDir, pageSize: 2, full: true, compress: true })
    expect(full.changed.filter((file) => /\.(gz|br)$/.test(file))).toEqual([])
    const left = await readdir(outDir, { recursive: true })
    expect(left.filter((file) => file.includes('story-2'))).toEqual([])
    expect(left).toContain(path.join('articles', 'story-1.json.br'))
  })

  it('names the files a full build removed, so a refresh takes their pages down', async () => {
    await build()
    await rm(path.join(contentDir, 'articles', 'story-2.json'))
    const report = await buildContent({ contentDir, outDir, pageSize: 2, full: true })
    expect(report.mode).toBe('full')
    expect(report.changed).toContain('articles/story-2.json')
    expect(report.changed).toContain('articles/story-1.json')
    expect(report.apiFiles()).not.toContain('articles/story-2.json')
    await expect(readFile(path.join(outDir, 'articles/story-2.json'))).rejects.toThrow()
  })

  it('updates the search index in place for stories edited or added, as a full build would write it', async () => {
    await build()
    await edit({ ...day(3, 'tobias-wren'), headline: 'Wren calls a vote on the quay' })
    await edit(day(6, 'mara-quill', 'skerrin-ferries'))
    const report = await build()
    expect(report.mode).toBe('incremental')
    expect(report.changed).toContain('search/index.json')
    await expectSameAsFullBuild()
  })

  it('leaves the search index alone when a story is only corrected', async () => {
    await build()
    const story = day(3, 'tobias-wren')
    const at = '2026-11-20T10:00:00Z'
    await edit({
      ...story,
      updatedAt: at,
      corrections: [{ at, text: 'An earlier version misspelt the quay.' }],
    })
    vi.mocked(readSearchIndex).mockClear()
    vi.mocked(patchSearchIndex).mockClear()
    const report = await build()
    expect(report.mode).toBe('incremental')
    expect(report.changed).toContain('articles/story-3.json')
    expect(report.changed.filter((file) => file.startsWith('search/'))).toEqual([])
    // Nothing the index holds changed: it was not even read.
    expect(readSearchIndex).not.toHaveBeenCalled()
    expect(patchSearchIndex).not.toHaveBeenCalled()
    // A change to the words it holds is patched in, without reading the index whole.
    await edit({ ...story, headline: 'Wren calls a vote' })
    await build()
    expect(patchSearchIndex).toHaveBeenCalledOnce()
    await expect(vi.mocked(patchSearchIndex).mock.results[0]?.value).resolves.toBeDefined()
    expect(readSearchIndex).not.toHaveBeenCalled()
    await expectSameAsFullBuild()
  })

  it('reads the search index whole when a story’s old text cannot be trusted', async () => {
    await build()
    const story = day(3, 'tobias-wren')
    // The page the last build wrote, changed behind its back: its words are not the index's.
    const page = path.join(outDir, 'articles', 'story-3.json')
    await writeFile(page, (await readFile(page, 'utf8')).replace(story.headline, 'Tampered'))
    await edit({ ...story, headline: 'Wren calls a vote' })
    vi.mocked(readSearchIndex).mockClear()
    await build()
    expect(readSearchIndex).toHaveBeenCalledOnce()
    await expectSameAsFullBuild()
  })

  it('keeps a withdrawn story’s place in its lists, and rewrites only what showed it', async () => {
    await build()
    // story-2 is on page 2 of every story and of its section: [5, 4, 3], then [2, 1].
    await rm(path.join(contentDir, 'articles', 'story-2.json'))
    await mkdir(path.join(contentDir, 'withdrawn'))
    await writeFile(
      path.join(contentDir, 'withdrawn', 'story-2.json'),
      JSON.stringify({ withdrawnAt: '2025-08-07T09:00:00Z', reason: 'Wrong.', article: day(2) }),
    )
    const report = await build()
    expect(report.mode).toBe('incremental')
    expect(report.changed.filter((file) => !file.startsWith('search/')).sort()).toEqual([
      // Its page shows one story fewer, and page 1's total is one fewer.
      'articles/index/1.json',
      'articles/index/2.json',
      // Its own page is gone.
      'articles/story-2.json',
      'entities/skerrin-ferries/stories/1.json',
      // Among its section's latest.
      'front.json',
      'sections/section-1/1.json',
      'sections/section-1/2.json',
      'withdrawn/story-2.json',
    ])
    const pages = await Promise.all(
      [1, 2].map((n) => readOut<ArticlePage>(`articles/index/${n}.json`)),
    )
    expect(pages.map((p) => p.items.map((item) => item.slug))).toEqual([
      ['story-5', 'story-4', 'story-3'],
      ['story-1'],
    ])
    expect(pages[0]?.totalItems).toBe(4)
    // The search index keeps its document, empty: no other block of results moves.
    expect(report.changed.filter((file) => file.startsWith('search/docs/'))).toEqual([
      'search/docs/0.json',
    ])
    await expectSameAsFullBuild()

    // Published again, it takes its place back, everywhere.
    await build()
    await rm(path.join(contentDir, 'withdrawn', 'story-2.json'))
    await edit(day(2, 'skerrin-ferries'))
    expect((await build()).mode).toBe('incremental')
    await expectSameAsFullBuild()
    expect((await readOut<ArticlePage>('articles/index/2.json')).items.map((s) => s.slug)).toEqual([
      'story-2',
      'story-1',
    ])
  })

  it('withdraws in place: each list patched where it showed the story, related lists refilled from the next in rank, as a full build would write them', async () => {
    // One related story each, so that a withdrawal needs the next in rank.
    const options = { contentDir, outDir, pageSize: 2, relatedCount: 1 }
    const inPlace = () => buildContent({ ...options, cacheFile })
    const sameAsFull = async () => {
      const written = await snapshot(outDir)
      await buildContent({ ...options, full: true })
      expect(written).toEqual(await snapshot(outDir))
      // The next build starts from its own cache again, as the newsroom's would.
      await inPlace()
    }
    await writeContent([day(6, 'port-ellery')])
    await inPlace()
    // Story 6 leads the front page; stories 1 and 4 share Port Ellery with it, so it is each
    // one's related story, ahead of the other.
    expect((await readOut<ArticleDocument>('articles/story-1.json')).related[0]?.slug).toBe(
      'story-6',
    )
    const at = new Date('2025-08-07T09:00:00Z')
    await withdrawStory(contentDir, 'story-6', 'The figures could not be confirmed.', at)
    vi.mocked(readSearchIndex).mockClear()
    const report = await inPlace()
    expect(report.withdrawn?.map((summary) => summary.slug)).toEqual(['story-6'])
    expect(report.changed.filter((file) => !file.startsWith('search/')).sort()).toEqual([
      'articles/index/1.json',
      'articles/story-1.json',
      'articles/story-4.json',
      'articles/story-6.json',
      'entities/port-ellery/stories/1.json',
      'front.json',
      'sections/section-1/1.json',
      'withdrawn/story-6.json',
    ])
    expect((await readOut<ArticleDocument>('articles/story-1.json')).related[0]?.slug).toBe(
      'story-4',
    )
    expect((await readOut<Front>('front.json')).lead?.slug).toBe('story-5')
    expect(readSearchIndex).not.toHaveBeenCalled()
    await sameAsFull()

    // Another, whose related stories have no one left to take its place; then an edit in place
    // on the cache the withdrawals patched.
    await withdrawStory(contentDir, 'story-4', 'The figures could not be confirmed.', at)
    expect((await inPlace()).withdrawn?.map((summary) => summary.slug)).toEqual(['story-4'])
    expect((await readOut<ArticleDocument>('articles/story-1.json')).related).toEqual([])
    await sameAsFull()
    await edit({ ...day(5, 'tobias-wren'), headline: 'Wren calls a vote' })
    expect((await inPlace()).edited).toHaveLength(1)
    await sameAsFull()

    // Put back, it is built whole, and takes its places again.
    await restoreStory(contentDir, 'story-6')
    const restored = await inPlace()
    expect(restored.withdrawn).toBeUndefined()
    expect((await readOut<Front>('front.json')).lead?.slug).toBe('story-6')
    await sameAsFull()
  })

  it('withdraws story after story in place, each time as a full build would write the site', async () => {
    // A seeded mix: stories in three sections, some with a byline, naming one to four entities,
    // some quoting one of the two people; lists of three, two related stories each.
    let seed = 20_261_203
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647
    const ids = ['port-ellery', 'mara-quill', 'tobias-wren', 'skerrin-ferries']
    const people = ['mara-quill', 'tobias-wren']
    const stories = Array.from({ length: 18 }, (_, i): Article => {
      const speaker = people[i % 2] ?? 'mara-quill'
      const named = ids.filter((id) => id === speaker || random() < 0.4)
      const author = testAuthors[i % 2]?.id ?? 'ada-brisk'
      return {
        ...article(`story-${i + 1}`, i + 1, [
          paragraph('p1', ...named),
          ...(random() < 0.5 ? [quote('q1', speaker, `Words for story ${i + 1}.`)] : []),
        ]),
        section: ['Local', 'News', 'World'][i % 3] ?? 'Local',
        ...(random() < 0.6 ? { byline: [author] } : {}),
      }
    })
    await rm(path.join(contentDir, 'articles'), { recursive: true })
    await writeContent(stories)
    const options = { contentDir, outDir, pageSize: 3, relatedCount: 2 }
    await buildContent({ ...options, cacheFile })
    const order = [...stories].sort(() => random() - 0.5).slice(0, 8)
    let inPlace = 0
    for (const { slug } of order) {
      await withdrawStory(contentDir, slug, 'Withdrawn while the desk checks it.', new Date())
      const report = await buildContent({ ...options, cacheFile })
      if (report.withdrawn) inPlace++
      const written = await snapshot(outDir)
      await buildContent({ ...options, full: true })
      expect(written, `after ${slug} was withdrawn`).toEqual(await snapshot(outDir))
      await buildContent({ ...options, cacheFile })
    }
    // Most go in place; one whose related lists run out of spares, or whose page is the front
    // page's only source, is built whole.
    expect(inPlace).toBeGreaterThanOrEqual(order.length / 2)
  })

  it('publishes story after story in place, each time as a full build would write the site', async () => {
    // The same seeded mix, ten stories of which two are withdrawn (they keep their places), then
    // ten more published one by one as the newsroom's commands name them, and three at once:
    // lists of three fill page 1 and split off full pages, related lists take the new stories in.
    // The search index's commonest words are in parts of four documents: stories join them, and
    // words become common enough to leave their terms files.
    let seed = 20_261_204
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647
    const ids = ['port-ellery', 'mara-quill', 'tobias-wren', 'skerrin-ferries']
    const people = ['mara-quill', 'tobias-wren']
    const story = (i: number): Article => {
      const speaker = people[i % 2] ?? 'mara-quill'
      const named = ids.filter((id) => id === speaker || random() < 0.4)
      const author = testAuthors[i % 2]?.id ?? 'ada-brisk'
      return {
        ...article(`story-${i}`, i, [
          paragraph('p1', ...named),
          ...(random() < 0.5 ? [quote('q1', speaker, `Words for story ${i}.`)] : []),
        ]),
        section: ['Local', 'News', 'World'][i % 3] ?? 'Local',
        ...(random() < 0.6 ? { byline: [author] } : {}),
      }
    }
    await rm(path.join(contentDir, 'articles'), { recursive: true })
    await writeContent(Array.from({ length: 10 }, (_, i) => story(i + 1)))
    const searchLayout = { longDocs: 4, partSize: 4, groupsSize: 4 }
    const options = { contentDir, outDir, pageSize: 3, relatedCount: 2, searchLayout }
    await buildContent({ ...options, cacheFile })
    const longWords = async () =>
      (await readOut<SearchManifest>('search/index.json')).long?.words ?? []
    const common = await longWords()
    expect(common.length).toBeGreaterThan(0)
    for (const slug of ['story-4', 'story-9']) {
      await withdrawStory(contentDir, slug, 'Withdrawn while the desk checks it.', new Date())
      await buildContent({ ...options, cacheFile })
    }
    const publish = async (...days: number[]) => {
      const stories = days.map(story)
      await writeContent(stories)
      const report = await buildContent({
        ...options,
        cacheFile,
        changedStories: stories.map(({ slug }) => `${slug}.json`),
      })
      const written = await snapshot(outDir)
      await buildContent({ ...options, full: true })
      expect(written, `after story ${days.join()} was published`).toEqual(await snapshot(outDir))
      await buildContent({ ...options, cacheFile })
      return report
    }
    let inPlace = 0
    for (let day = 11; day <= 20; day++) if ((await publish(day)).published) inPlace++
    const three = await publish(21, 22, 23)
    expect(three.published?.map((summary) => summary.slug)).toEqual([
      'story-21',
      'story-22',
      'story-23',
    ])
    // Each one in place but where a related list's ranking was cut short by a withdrawal.
    expect(inPlace).toBeGreaterThanOrEqual(8)
    expect((await longWords()).length).toBeGreaterThan(common.length)
  }, 120_000)

  it('publishes a story in place: page 1 of its lists, the front page, the stories it joins the related lists of, nothing else', async () => {
    await build()
    // Story 6 names Port Ellery, as stories 1 and 4 do; story 4 also names Mara Quill.
    await writeContent([day(6, 'port-ellery', 'mara-quill')])
    const report = await buildNamed('story-6.json')
    expect(report.published?.map((summary) => summary.slug)).toEqual(['story-6'])
    expect(report.changed.filter((file) => !file.startsWith('search/')).sort()).toEqual([
      // Every story: six places in pages of two fill page 1 (5, 4, 3) and split off page 3 (4, 3);
      // page 2 (2, 1) now leads to it.
      'articles/index/1.json',
      'articles/index/2.json',
      'articles/index/3.json',
      // Its own page; stories 1 and 4 rank it first among their related (it is the newest).
      'articles/story-1.json',
      'articles/story-4.json',
      'articles/story-6.json',
      'entities/mara-quill/stories/1.json',
      'entities/port-ellery/stories/1.json',
      'front.json',
      'sections/section-1/1.json',
      'sections/section-1/2.json',
      'sections/section-1/3.json',
    ])
    await expectSameAsFullBuild()
  })

  it('withdraws a story as a whole build would when a page that shows it is not as the cache says', async () => {
    await build()
    const page = path.join(outDir, 'sections/section-1/1.json')
    await writeFile(page, (await readFile(page, 'utf8')).replace('story-5', 'story-five'))
    await withdrawStory(contentDir, 'story-5', 'Wrong.', new Date('2025-08-07T09:00:00Z'))
    const report = await build()
    expect(report.mode).toBe('incremental')
    expect(report.withdrawn).toBeUndefined()
    expect(report.changed).toContain('sections/section-1/1.json')
    await expectSameAsFullBuild()
  })

  it('says what a withdrawal now says, even when a story is edited in place with it', async () => {
    await mkdir(path.join(contentDir, 'withdrawn'))
    const withdraw = (reason: string) =>
      writeFile(
        path.join(contentDir, 'withdrawn', 'story-3.json'),
        JSON.stringify({ withdrawnAt: '2025-08-07T09:00:00Z', reason, article: day(3) }),
      )
    await rm(path.join(contentDir, 'articles', 'story-3.json'))
    await withdraw('Wrong.')
    await build()
    // Nothing changed: nothing written.
    expect(await build()).toMatchObject({ files: 0, removed: 0, changed: [] })
    // The desk rewords the withdrawal as it edits another story, which moves no story.
    await withdraw('The story named the wrong council.')
    await edit({ ...day(5, 'tobias-wren'), headline: 'Wren calls a vote' })
    const report = await build()
    expect(report.changed).toContain('withdrawn/story-3.json')
    expect(await readOut<{ reason: string }>('withdrawn/story-3.json')).toMatchObject({
      reason: 'The story named the wrong council.',
    })
    await expectSameAsFullBuild()
  })

  it('rewrites exactly the files that show a corrected story, and nothing else', async () => {
    await build()
    const at = '2026-11-20T10:00:00Z'
    await edit({
      ...day(3, 'tobias-wren'),
      updatedAt: at,
      corrections: [{ at, text: 'An earlier version misspelt the quay.' }],
    })
    const report = await build()
    expect(report.mode).toBe('incremental')
    // Its page and every list that carries its summary (with the new update time): page 1 of
    // every story and of its section, its entity's stories, the front page (among its section's
    // latest), and story-5, which lists it as related. Not the search index: the words it holds
    // did not change.
    expect([...report.changed].sort()).toEqual([
      'articles/index/1.json',
      'articles/story-3.json',
      'articles/story-5.json',
      'entities/tobias-wren/stories/1.json',
      'front.json',
      'sections/section-1/1.json',
    ])
    await expectSameAsFullBuild()
  })

  it('removes index and entity pages past their new last page', async () => {
    await edit(day(6, 'port-ellery'))
    await edit(day(7, 'port-ellery'))
    await build()
    await rm(path.join(contentDir, 'articles', 'story-6.json'))
    await rm(path.join(contentDir, 'articles', 'story-7.json'))
    const report = await build()
    expect(report.mode).toBe('incremental')
    // Seven stories made three index pages, and four made two for Port Ellery (stories 1, 4, 6
    // and 7); five stories make two, and two one.
    expect(report.changed).toEqual(
      expect.arrayContaining(['articles/index/3.json', 'entities/port-ellery/stories/2.json']),
    )

    await expectSameAsFullBuild()
  })

  it('removes a file it wrote before that the site map no longer declares', async () => {
    await build()
    const old = 'entities/port-ellery/quotes/1.json'
    const cache = readStoredCache(cacheFile)
    expect(cache).toBeDefined()
    if (cache)
      saveStoredCache(
        cacheFile,
        { ...cache, outputs: { ...cache.outputs, [old]: 'x' } },
        cache,
        (facts) => {
          const { mtimeMs, size } = facts as { mtimeMs: number; size: number }
          return `${mtimeMs}:${size}`
        },
      )
    await mkdir(path.dirname(path.join(outDir, old)), { recursive: true })
    await writeFile(path.join(outDir, old), '{}')

    // A build that lists the archive's files (a story published): an edit in place, or a
    // refresh with nothing to do, looks only at the files that show the stories edited.
    await edit(day(6, 'mara-quill'))
    const report = await build()
    expect(report).toMatchObject({ mode: 'incremental', removed: 1 })
    expect(report.changed).toContain(old)
    await expect(readFile(path.join(outDir, old))).rejects.toThrow()
  })

  it('never modifies the cache it read, even for a story given a new related list', async () => {
    await build()
    // The cache the build reads: frozen, so that any write to it (even of an equal value)
    // throws, and copied, to compare with afterwards. (Saving writes only the stories whose
    // objects are new: a story's facts changed in place would never be saved.)
    const store = await vi.importActual<typeof import('./cacheStore')>('./cacheStore')
    let read: unknown
    let copy: unknown
    vi.mocked(readStoredCache).mockImplementationOnce((file) => {
      const value = store.readStoredCache(file)
      copy = structuredClone(value)
      read = deepFreeze(value)
      return value
    })
    // story-6 shares Port Ellery and Mara Quill with story-4, and Port Ellery with story-1: both
    // unchanged, so their facts come from the cache, and both get new related lists.
    await edit(day(6, 'port-ellery', 'mara-quill'))
    const report = await build()
    vi.restoreAllMocks()

    expect(report.mode).toBe('incremental')
    expect(read).toBeDefined()
    expect(read).toEqual(copy)
    expect(report.changed).toEqual(
      expect.arrayContaining(['articles/story-1.json', 'articles/story-4.json']),
    )
    const next = readStoredCache<{ related?: string[] }>(cacheFile)
    expect(next?.stories['story-4.json']?.related).toEqual(['story-6', 'story-1'])
    expect(next?.stories['story-1.json']?.related).toEqual(['story-6', 'story-4'])
  })

  it('rebuilds in full when the output folder was replaced since', async () => {
    await build()
    await rm(outDir, { recursive: true })
    await mkdir(outDir, { recursive: true })
    const report = await build()
    expect(report.mode).toBe('full')
    expect((await readOut<ArticlePage>('articles/index/1.json')).totalItems).toBe(5)
  })

  it('rebuilds everything when the gazetteer changes', async () => {
    await build()
    await writeFile(
      path.join(contentDir, 'entities.json'),
      JSON.stringify(gazetteer.map((e) => ({ ...e, description: `${e.description} Updated.` }))),
    )
    expect((await build()).mode).toBe('full')
    expect((await readOut<EntityDocument>('entities/mara-quill.json')).entity.description).toMatch(
      /Updated\.$/,
    )
  })

  it('still refuses a bad edit, leaving the last good output', async () => {
    await build()
    const before = await snapshot(outDir)
    await edit(day(3, 'nobody-known'))
    await expect(build()).rejects.toThrow(/unknown entity "nobody-known"/)
    expect(await snapshot(outDir)).toEqual(before)
  })
})

describe('sections and bylines', () => {
  const sections: Section[] = [
    { id: 'harbour', name: 'Harbour', description: 'Boats, the quay and the people who work it.' },
    { id: 'sport', name: 'Sport', description: 'Games on the island.' },
    { id: 'culture', name: 'Culture', description: 'Books, shows and the museum.' },
  ]
  const [ada, col] = testAuthors as [Author, Author]
  const filed = (section: string, day: number, byline?: string[]): Article => ({
    ...article(`${section.toLowerCase()}-${day}`, day, [paragraph('p1', 'port-ellery')]),
    section,
    ...(byline ? { byline } : {}),
  })
  // Newest first: the lead, then the rest of the harbour, then one for sport; none for culture.
  const lead = filed('Harbour', 20, [col.id, ada.id])
  const harbour = [
    lead,
    filed('Harbour', 19, [ada.id]),
    ...[17, 16, 15, 14].map((day) => filed('Harbour', day)),
  ]
  const sport = filed('Sport', 18)

  async function writeFiled(articles: unknown[]) {
    await writeContent(articles)
    await writeRegisters(contentDir, { sections })
  }
  const slugs = (page: { items: { slug: string }[] }) => page.items.map((item) => item.slug)

  it('leads the front page with the newest story, then gives each section its latest without it', async () => {
    await writeFiled([...harbour, sport])
    await buildContent({ contentDir, outDir })
    const front = await readOut<Front>('front.json')
    expect(front.lead?.slug).toBe(lead.slug)
    expect(front.sections.map(({ id, name }) => ({ id, name }))).toEqual(
      sections.map(({ id, name }) => ({ id, name })),
    )
    const [onFront, sportFront, cultureFront] = front.sections.map((section) => slugs(section))
    expect(onFront).toEqual(harbour.slice(1, 1 + FRONT_PAGE_PER_SECTION).map((a) => a.slug))
    expect(onFront).not.toContain(lead.slug)
    expect(sportFront).toEqual([sport.slug])
    expect(cultureFront).toEqual([])
  })

  it('lists each section’s stories on its own pages, newest first', async () => {
    await writeFiled([sport, ...harbour].reverse())
    await buildContent({ contentDir, outDir, pageSize: 2 })
    // Page 1, then the older pages, numbered from the oldest: 3, then 2.
    const pages = await Promise.all(
      [1, 3, 2].map((n) => readOut<ArticlePage>(`sections/harbour/${n}.json`)),
    )
    expect(pages.map(slugs)).toEqual([
      harbour.slice(0, 2).map((a) => a.slug),
      harbour.slice(2, 4).map((a) => a.slug),
      harbour.slice(4).map((a) => a.slug),
    ])
    expect(pages[0]).toMatchObject({ page: 1, older: 3, totalItems: harbour.length })
    expect(slugs(await readOut<ArticlePage>('sections/sport/1.json'))).toEqual([sport.slug])
    expect(await readOut<ArticlePage>('sections/culture/1.json')).toEqual({
      section: sections[2],
      page: 1,
      totalItems: 0,
      items: [],
    })
  })

  it('gives each author a page of their stories, newest first, with who they are', async () => {
    await writeFiled([...harbour, sport])
    await buildContent({ contentDir, outDir })
    const adaPage = await readOut<AuthorStoriesPage>(`authors/${ada.id}/1.json`)
    expect(adaPage.author).toEqual(ada)
    expect(slugs(adaPage)).toEqual([lead.slug, harbour[1]?.slug])
    expect(adaPage.totalItems).toBe(2)
    const colPage = await readOut<AuthorStoriesPage>(`authors/${col.id}/1.json`)
    expect(colPage.author).toEqual(col)
    expect(slugs(colPage)).toEqual([lead.slug])
  })

  it('puts the authors in a story’s document in the byline’s order; agency copy has none', async () => {
    await writeFiled([...harbour, sport])
    await buildContent({ contentDir, outDir })
    const byTwo = await readOut<ArticleDocument>(`articles/${lead.slug}.json`)
    // authors.json lists Ada first; the byline names Col first.
    expect(byTwo.authors).toEqual([col, ada])
    expect(byTwo.article.byline).toEqual([col.id, ada.id])
    expect((await readOut<ArticleDocument>(`articles/${sport.slug}.json`)).authors).toEqual([])
  })

  it('moves a story between section pages when its section changes, as a full build would', async () => {
    await writeFiled([...harbour, sport])
    const cacheFile = path.join(root, 'cache.sqlite')
    await buildContent({ contentDir, outDir, cacheFile })
    const moved = { ...harbour[1], section: 'Sport' }
    const file = path.join(contentDir, 'articles', `${moved.slug}.json`)
    await writeFile(file, JSON.stringify(moved))
    const later = new Date(Date.now() + 5000)
    await utimes(file, later, later)

    const report = await buildContent({ contentDir, outDir, cacheFile })
    expect(report.mode).toBe('incremental')
    expect(report.changed).toEqual(
      expect.arrayContaining(['front.json', 'sections/harbour/1.json', 'sections/sport/1.json']),
    )
    expect(slugs(await readOut<ArticlePage>('sections/sport/1.json'))).toEqual([
      moved.slug,
      sport.slug,
    ])
    const incremental = await snapshot(outDir)
    await buildContent({ contentDir, outDir, full: true })
    expect(incremental).toEqual(await snapshot(outDir))
  })

  it('refuses a section not in sections.json, and an author not in authors.json or named twice', async () => {
    await writeFiled([
      filed('Weather', 1),
      filed('Harbour', 2, [ada.id, 'ilse-varga']),
      { ...filed('Sport', 3, [col.id, col.id]) },
    ])
    const error = await buildError()
    expect(error.problems.map((p) => [path.basename(p.file), p.path, p.message])).toEqual([
      ['harbour-2.json', '$.byline[1]', 'unknown author "ilse-varga" (not in authors.json)'],
      ['sport-3.json', '$.byline[1]', `"${col.id}" is named twice`],
      [
        'weather-1.json',
        '$.section',
        'unknown section "Weather" (content/sections.json has "Harbour", "Sport", "Culture")',
      ],
    ])
  })

  it('refuses a section or author whose id or name another has already', async () => {
    await writeFiled([])
    const [harbourSection, sportSection] = sections as [Section, Section, Section]
    await writeRegisters(contentDir, {
      sections: [
        ...sections,
        { ...harbourSection, name: 'Boats' },
        { ...sportSection, id: 'games', name: 'Harbour' },
      ],
      authors: [ada, col, { ...col, id: 'col-fenner-2' }],
    })
    const error = await buildError()
    // The registers are read at once: their problems come in no particular order.
    expect(error.problems.map((p) => [path.basename(p.file), p.path, p.message]).sort()).toEqual([
      ['authors.json', '$[2].name', `duplicate name "${col.name}"`],
      ['sections.json', '$[3].id', 'duplicate id "harbour"'],
      ['sections.json', '$[4].name', 'duplicate name "Harbour"'],
    ])
  })

  it('says so when sections.json is missing', async () => {
    await writeFiled([])
    await rm(path.join(contentDir, 'sections.json'))
    const error = await buildError()
    expect(error.problems).toEqual([
      {
        file: expect.stringMatching(/content[\\/]sections\.json$/) as string,
        path: '$',
        message: 'file is missing',
      },
    ])
  })
})

// The first test to use a picture draws its renditions: a ceiling for a busy machine.
describe('pictures', { timeout: 60_000 }, () => {
  // One folder of renditions for every test here: they are made only when missing, so each
  // picture's bytes are drawn once.
  let imagesRoot = ''
  let imagesDir = ''
  beforeAll(async () => {
    imagesRoot = await mkdtemp(path.join(os.tmpdir(), 'dispatch-renditions-'))
    imagesDir = path.join(imagesRoot, 'images')
  })
  afterAll(() => rm(imagesRoot, { recursive: true, force: true }))

  const [SOURCE_WIDTH, SOURCE_HEIGHT] = [1600, 900]
  /** A 1600x900 drawing; `sky` (#rrggbb) changes its bytes but not their length. */
  const drawing = (sky = '#0b3d5c') =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SOURCE_WIDTH}" height="${SOURCE_HEIGHT}">` +
    `<rect width="${SOURCE_WIDTH}" height="${SOURCE_HEIGHT}" fill="${sky}"/>` +
    `<circle cx="480" cy="630" r="120" fill="#f4d35e"/></svg>`
  const FILE = 'harbour-quay.svg'

  async function putPicture(name: string, bytes: string | Buffer) {
    await mkdir(path.join(contentDir, 'images'), { recursive: true })
    await writeFile(path.join(contentDir, 'images', name), bytes)
  }
  const build = (options: Partial<BuildOptions> = {}) =>
    buildContent({ contentDir, outDir, imagesDir, ...options })
  async function pictureProblems() {
    const error: unknown = await build().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContentError)
    return (error as ContentError).problems
      .map((p) => [path.basename(p.file), p.path, p.message])
      .sort()
  }

  const leadImage: Image = {
    file: FILE,
    alt: 'Fishing boats moored at the quay at dawn',
    credit: 'Dispatch graphics',
    focus: { x: 0.3, y: 0.7 },
  }
  const inline = (id: string, image: Partial<Image> = {}): Block => ({
    type: 'image',
    id,
    file: FILE,
    alt: 'The quay from the harbour wall',
    caption: 'The quay reopened on Monday.',
    credit: 'Harbour office',
    ...image,
  })
  const pictured = (slug: string, day: number, image?: Image, body: Block[] = []): Article => ({
    ...article(slug, day, [paragraph('p1', 'port-ellery'), ...body]),
    ...(image ? { image } : {}),
  })

  it('gives a picture its renditions, every width in every format, and lists show the lead', async () => {
    const story = pictured('quay-reopens', 12, leadImage, [inline('i1')])
    const inlineOnly = pictured('tide-turns', 11, undefined, [inline('i1')])
    await writeContent([story, inlineOnly])
    await putPicture(FILE, drawing())
    await build()

    const doc = await readOut<ArticleDocument>('articles/quay-reopens.json')
    const rendition = doc.article.image?.rendition
    if (!rendition) throw new Error('expected the lead image to have its renditions')
    // An SVG is drawn at every width; the largest gives the size, in the drawing's proportions.
    const largest = Math.max(...IMAGE_WIDTHS)
    expect(rendition).toEqual({
      name: expect.stringMatching(/^harbour-quay-[0-9a-f]+$/) as string,
      width: largest,
      height: Math.round((largest * SOURCE_HEIGHT) / SOURCE_WIDTH),
      widths: [...IMAGE_WIDTHS],
    })
    // The story as written, each picture with the renditions its file has.
    expect(doc.article).toEqual({
      ...story,
      image: { ...leadImage, rendition },
      body: [story.body[0], { ...inline('i1'), rendition }],
    })

    // Every file a page's srcset names is there, at the size it says.
    const made = await readdir(imagesDir)
    const named = rendition.widths.flatMap((width) =>
      (Object.keys(IMAGE_TYPES) as ImageFormat[]).map((format) =>
        path.basename(paths.image(rendition, width, format)),
      ),
    )
    expect(made).toEqual(expect.arrayContaining(named))
    const jpeg = await sharp(
      path.join(imagesDir, path.basename(paths.image(rendition, 640, 'jpg'))),
    ).metadata()
    expect([jpeg.width, jpeg.height]).toEqual([640, 360])

    // Lists show the lead image's thumbnail, around its focus; a picture in the body is not one.
    const thumbnail = { alt: leadImage.alt, focus: leadImage.focus, rendition }
    const index = await readOut<ArticlePage>('articles/index/1.json')
    expect(index.items.map((item) => item.image)).toEqual([thumbnail, undefined])
    expect(index.items[1]).not.toHaveProperty('image')
    expect((await readOut<Front>('front.json')).lead?.image).toEqual(thumbnail)
  })

  it('makes renditions only when they are missing', async () => {
    await writeContent([pictured('quay-reopens', 12, leadImage)])
    await putPicture(FILE, drawing())
    await build()
    const before = (await readdir(imagesDir)).sort()
    const again = await build({ full: true })
    expect(again.renditions).toEqual([])
    expect((await readdir(imagesDir)).sort()).toEqual(before)
  })

  it('names the story and the field of a picture whose file is missing', async () => {
    await writeContent([
      pictured('lost-lead', 12, { ...leadImage, file: 'lost-map.svg' }),
      pictured('lost-inline', 11, undefined, [inline('i1', { file: 'lost-chart.svg' })]),
    ])
    expect(await pictureProblems()).toEqual([
      [
        'lost-inline.json',
        '$.body[1].file',
        expect.stringContaining('lost-chart.svg does not exist'),
      ],
      ['lost-lead.json', '$.image.file', expect.stringContaining('lost-map.svg does not exist')],
    ])
  })

  it('wants alt text unless the picture is decorative, and none when it is', async () => {
    await putPicture(FILE, drawing())
    await writeContent([
      pictured('no-alt', 12, { ...leadImage, alt: '' }),
      pictured('loud-decoration', 11, undefined, [inline('i1', { decorative: true })]),
      pictured('quiet-decoration', 10, undefined, [inline('i1', { decorative: true, alt: '' })]),
    ])
    expect(await pictureProblems()).toEqual([
      [
        'loud-decoration.json',
        '$.body[1].alt',
        expect.stringMatching(/^a decorative image has an empty alt/),
      ],
      ['no-alt.json', '$.image.alt', expect.stringMatching(/^alt text is required/)],
    ])
  })

  it('refuses renditions written into a content file by hand', async () => {
    await putPicture(FILE, drawing())
    const rendition = { name: 'harbour-quay-0000000000', width: 1280, height: 720, widths: [1280] }
    await writeContent([pictured('hand-made', 12, { ...leadImage, rendition })])
    expect(await pictureProblems()).toEqual([
      ['hand-made.json', '$.image.rendition', 'is written by the content build: leave it out'],
    ])
  })

  it('refuses a photo too small for the layout, naming the story and the field', async () => {
    const photo = await sharp({
      create: { width: 800, height: 450, channels: 3, background: '#336699' },
    })
      .png()
      .toBuffer()
    await putPicture('small-photo.png', photo)
    await writeContent([pictured('small-photo', 12, { ...leadImage, file: 'small-photo.png' })])
    expect(await pictureProblems()).toEqual([
      [
        'small-photo.json',
        '$.image.file',
        expect.stringContaining(`is 800 px wide; images need at least ${MIN_SOURCE_WIDTH} px`),
      ],
    ])
    expect((await readdir(imagesDir)).filter((file) => file.startsWith('small-photo'))).toEqual([])
  })

  it('refuses a photo whose pixels are cut short, naming each story that shows it, and places nothing', async () => {
    // Its header is whole, so its size is known and the stories are read on; its pixels are not.
    const photo = await sharp({
      create: {
        width: 1600,
        height: 900,
        channels: 3,
        background: '#336699',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .png()
      .toBuffer()
    await putPicture('cut-photo.png', photo.subarray(0, photo.byteLength / 2))
    const cut = { ...leadImage, file: 'cut-photo.png' }
    await writeContent([
      pictured('cut-lead', 12, cut),
      pictured('cut-inline', 11, undefined, [inline('i1', { file: 'cut-photo.png' })]),
      pictured('cut-twice', 10, cut, [inline('i1', { file: 'cut-photo.png' })]),
    ])
    // Each place once, though a full build reads each story again to write its page.
    expect(await pictureProblems()).toEqual([
      ['cut-inline.json', '$.body[1].file', expect.stringContaining('cut-photo.png')],
      ['cut-lead.json', '$.image.file', expect.stringContaining('cut-photo.png')],
      ['cut-twice.json', '$.body[1].file', expect.stringContaining('cut-photo.png')],
      ['cut-twice.json', '$.image.file', expect.stringContaining('cut-photo.png')],
    ])
    expect(await readdir(outDir).catch(() => [])).toEqual([])
  })

  it('notices a picture replaced under the same name: the next build gives its stories new renditions', async () => {
    const cacheFile = path.join(root, 'cache.sqlite')
    // The harbour story and one it is related to, through Port Ellery.
    await writeContent([pictured('quay-reopens', 12, leadImage), pictured('tide-turns', 11)])
    await putPicture(FILE, drawing())
    await build({ cacheFile })
    const before = (await readOut<ArticleDocument>('articles/quay-reopens.json')).article.image
      ?.rendition?.name

    // New bytes, as many as before, and a new modification time; the story's own file unchanged.
    await putPicture(FILE, drawing('#5c0b3d'))
    const later = new Date(Date.now() + 5000)
    await utimes(path.join(contentDir, 'images', FILE), later, later)
    const report = await build({ cacheFile })

    expect(report.mode).toBe('incremental')
    expect(report.changed).toEqual(
      expect.arrayContaining(['articles/quay-reopens.json', 'articles/index/1.json', 'front.json']),
    )
    const after = (await readOut<ArticleDocument>('articles/quay-reopens.json')).article.image
      ?.rendition
    expect(after?.name).toMatch(/^harbour-quay-/)
    expect(after?.name).not.toBe(before)
    if (!after) throw new Error('expected new renditions')
    expect(await readdir(imagesDir)).toContain(path.basename(paths.image(after, 1280, 'avif')))
    const index = await readOut<ArticlePage>('articles/index/1.json')
    expect(index.items[0]?.image?.rendition.name).toBe(after.name)
    // Every page that shows the story shows its new picture, as a full build would.
    const incremental = await snapshot(outDir)
    await build({ full: true })
    expect(incremental).toEqual(await snapshot(outDir))
  })

  it('makes the renditions again when their folder was deleted since the last build', async () => {
    const cacheFile = path.join(root, 'cache.sqlite')
    await writeContent([pictured('quay-reopens', 12, leadImage)])
    await putPicture(FILE, drawing())
    await build({ cacheFile })
    const rendition = (await readOut<ArticleDocument>('articles/quay-reopens.json')).article.image
      ?.rendition
    if (!rendition) throw new Error('expected renditions')
    await rm(imagesDir, { recursive: true, force: true })

    const report = await build({ cacheFile })
    // Not the cache's word that nothing changed: the pages point at files that were gone.
    expect(report.mode).toBe('full')
    expect(report.renditions.length).toBeGreaterThan(0)
    expect(await readdir(imagesDir)).toContain(path.basename(paths.image(rendition, 640, 'webp')))
  })
})

/** Freezes a parsed JSON value all the way down, so that writing to any part of it throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true })
  const entries = await Promise.all(
    files
      .filter((f) => f.isFile())
      .map(async (f) => {
        const file = path.join(f.parentPath, f.name)
        return [path.relative(dir, file), await readFile(file, 'utf8')] as const
      }),
  )
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)))
}

describe('the repository content', () => {
  // The first build on a fresh checkout makes every picture's renditions: a ceiling for that.
  it('builds without problems', { timeout: 180_000 }, async () => {
    const imagesDir = path.join(repoRoot, 'public/images')
    const report = await buildContent({
      contentDir: path.join(repoRoot, 'content'),
      outDir,
      imagesDir,
    })
    expect(report.articles).toBeGreaterThan(0)
    expect(report.entities).toBeGreaterThan(0)
    const index = await readOut<ArticlePage>('articles/index/1.json')
    expect(index.totalItems).toBe(report.articles)
  })
})
