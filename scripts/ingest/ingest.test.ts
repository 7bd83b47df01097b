// @vitest-environment node
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Article, Author, Block, InlineRun } from '../../src/content/schema'
import { writeRegisters } from '../../src/test/registers'
import { loadMatcher, loadRegisters } from './batch'
import { testMatcher } from './fixtures'
import { ingestWire, serializeArticle, slugify } from './ingest'
import { sampleJobs } from './samples'
import { suggestEntities, type Suggester } from './suggest'
import { WireError } from './wire'

const capturedAt = new Date('2026-11-27T09:00:00Z')
const ingest = (lines: string[], extra: { suggest?: Suggester } = {}) =>
  ingestWire(lines.join('\n'), {
    file: 'wire/test.txt',
    matcher: testMatcher(),
    section: 'Cities',
    capturedAt,
    ...extra,
  })

const linksIn = (article: Article) =>
  article.body.flatMap((b: Block) => {
    const runs: InlineRun[] =
      b.type === 'paragraph' ? b.content : b.type === 'quote' ? (b.attribution ?? []) : []
    return runs.flatMap((r) => (r.type === 'entity' ? [`${b.id}:${r.text}`] : []))
  })
const paragraph = (n: number) => `Paragraph ${n} of the story, about the harbour.`

describe('the seed story', () => {
  it('ingests to exactly the seed article: words, ad break, quotes, speakers and links', async () => {
    const [seed] = await sampleJobs('content/wire')
    if (!seed?.capturedAt) throw new Error('the seed is the first sample and has a capture time')
    const source = await readFile(seed.file, 'utf8')
    const { article, report } = ingestWire(source, {
      file: seed.file,
      matcher: await loadMatcher('content'),
      section: seed.section,
      capturedAt: seed.capturedAt,
    })
    const committed = await readFile(`content/articles/${article.slug}.json`, 'utf8')

    expect(serializeArticle(article)).toBe(committed)
    expect(article.publishedAt).toBe('2025-08-15T12:00:00Z')
    expect(article.body.map((b) => b.id)).toEqual([
      'p1',
      'p2',
      'q1',
      'ad1',
      'p3',
      'q2',
      'q3',
      'p4',
      'p5',
      'p6',
      'p7',
    ])
    expect(report.quotes).toEqual([
      { id: 'q1', speakerId: 'donald-trump', speaker: 'Donald Trump', source: 'on Truth Social' },
      { id: 'q2', speakerId: 'donald-trump', speaker: 'Donald Trump', source: 'on Truth Social' },
      { id: 'q3', speakerId: 'belta', speaker: 'BELTA', source: 'Belarus state news agency' },
    ])
    // Every word of the copy, once: each body line of the wire is one block, a paragraph word for
    // word, a quote its words and attribution's (without the quotation marks around them).
    const wireLines = source
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(3, -1)
      .filter((l) => !/STORY CONTINUES/.test(l))
    const blocks = article.body.filter((b) => b.type !== 'ad')
    expect(blocks).toHaveLength(wireLines.length)
    const textOf = (runs: InlineRun[] = []) => runs.map((r) => r.text).join('')
    const words = (text: string) =>
      text
        .split(/\s+/)
        .map((w) => w.replace(/^[\p{P}]+|[\p{P}]+$/gu, ''))
        .filter(Boolean)
        .sort()
    blocks.forEach((block, i) => {
      const line = wireLines[i] ?? ''
      if (block.type === 'paragraph') expect(textOf(block.content)).toBe(line)
      else if (block.type === 'quote')
        expect(words(`${textOf(block.attribution)} ${block.text}`)).toEqual(words(line))
    })
  })

  it('re-makes every built-in sample article byte for byte', async () => {
    const matcher = await loadMatcher('content')
    const { authors } = await loadRegisters('content')
    const jobs = await sampleJobs('content/wire')
    expect(jobs.length).toBeGreaterThanOrEqual(9)
    for (const job of jobs) {
      const { article } = ingestWire(await readFile(job.file, 'utf8'), {
        ...job,
        matcher,
        authors,
        capturedAt: job.capturedAt ?? capturedAt,
      })
      expect(serializeArticle(article), job.file).toBe(
        await readFile(`content/articles/${article.slug}.json`, 'utf8'),
      )
    }
  })
})

describe('ingesting a story', () => {
  const story = [
    '2 days ago',
    'Mayor Quill opens the Lanthorn Theatre',
    'The Port Ellery Gazette has the details.',
    'Mara Quill opened the Lanthorn Theatre in Port Ellery on Friday, with Zoran Vidmaršek.',
    "'It's a great day for Port Ellery,' Quill said on Skerrin Radio.",
    "'And for Valdoria,' Quill added.",
    'Quill later said the theatre would "belong to Port Ellery and Valdoria" for ever.',
    'STORY CONTINUES BELOW THIS AD',
    'Vidmaršek and Quill both thanked the Port Ellery Gazette.',
    'Reporting by Dispatch staff',
  ]

  it('links each entity at its first mention only, never inside quoted words', () => {
    const { article } = ingest(story)
    expect(linksIn(article)).toEqual([
      'p1:Mara Quill',
      'p1:Lanthorn Theatre',
      'p1:Port Ellery',
      'p1:Zoran Vidmaršek',
      'q1:Quill',
      'q1:Skerrin Radio',
      'q2:Quill',
      'p3:Port Ellery Gazette',
    ])
    const p2 = article.body.find((b) => b.id === 'p2')
    expect(p2).toEqual({ type: 'paragraph', id: 'p2', content: [{ type: 'text', text: story[6] }] })
  })

  it('makes quote callouts with speaker and source, carrying the source on "added"', () => {
    const { article } = ingest(story)
    const quotes = article.body.filter((b) => b.type === 'quote')
    expect(quotes).toEqual([
      {
        type: 'quote',
        id: 'q1',
        text: "It's a great day for Port Ellery",
        speakerId: 'mara-quill',
        source: 'on Skerrin Radio',
        attribution: [
          { type: 'entity', entityId: 'mara-quill', text: 'Quill' },
          { type: 'text', text: ' said on ' },
          { type: 'entity', entityId: 'skerrin-radio', text: 'Skerrin Radio' },
        ],
      },
      {
        type: 'quote',
        id: 'q2',
        text: 'And for Valdoria',
        speakerId: 'mara-quill',
        source: 'on Skerrin Radio',
        attribution: [
          { type: 'entity', entityId: 'mara-quill', text: 'Quill' },
          { type: 'text', text: ' added' },
        ],
      },
    ])
  })

  it('keeps the newsroom’s ad break and its metadata', () => {
    const { article, report } = ingest(story)
    expect(article.body.map((b) => b.id)).toEqual(['p1', 'q1', 'q2', 'p2', 'ad1', 'p3'])
    expect(article).toMatchObject({
      slug: 'mayor-quill-opens-the-lanthorn-theatre',
      section: 'Cities',
      publishedAt: '2026-11-25T09:00:00Z',
      credit: 'Reporting by Dispatch staff',
    })
    expect(report.adBreaks).toEqual({ count: 1, placedBy: 'markers' })
  })

  it('drops ad markers that would start, end or double up, with a warning', () => {
    const { article, report } = ingest([
      'yesterday',
      'H',
      'S',
      'STORY CONTINUES BELOW THIS AD',
      'One.',
      'STORY CONTINUES BELOW THIS AD',
      'story continues below this ad',
      'Two.',
      'STORY CONTINUES BELOW THIS AD',
      'Credit',
    ])
    expect(article.body.map((b) => b.type)).toEqual(['paragraph', 'ad', 'paragraph'])
    expect(report.warnings).toEqual([
      'line 4: ad marker before any paragraph, dropped',
      'line 7: ad marker right after another, dropped',
      'ad marker after the last paragraph, dropped',
    ])
  })

  it('places ad slots by the rule when the copy has no markers', () => {
    const lines = Array.from({ length: 10 }, (_, i) => paragraph(i + 1))
    lines.splice(5, 0, "'The harbour is ours,' Quill said.")
    const { article, report } = ingest(['yesterday', 'H', 'S', ...lines, 'Credit'])
    expect(article.body.map((b) => b.id)).toEqual([
      'p1',
      'p2',
      'p3',
      'ad1',
      'p4',
      'p5',
      'q1',
      'p6',
      'ad2',
      'p7',
      'p8',
      'p9',
      'p10',
    ])
    expect(report.adBreaks).toEqual({ count: 2, placedBy: 'rule' })
  })

  it('keeps HTML-looking text as literal text', () => {
    const { article } = ingest([
      'yesterday',
      '<b>Bold</b> claims',
      'S',
      'The sign read <script>alert("x")</script> & more.',
      'Credit',
    ])
    expect(article.headline).toBe('<b>Bold</b> claims')
    expect(article.body[0]).toEqual({
      type: 'paragraph',
      id: 'p1',
      content: [{ type: 'text', text: 'The sign read <script>alert("x")</script> & more.' }],
    })
  })

  it('gives every story an address, whatever its script', () => {
    expect(slugify('Port Ellery’s ferries: Ségolène & the “strike”')).toBe(
      'port-ellerys-ferries-segolene-and-the-strike',
    )
    // Letters that do not decompose into a base letter and an accent, and other scripts.
    expect(slugify('Łukasz Żarnowiec saves a point')).toBe('lukasz-zarnowiec-saves-a-point')
    expect(slugify('Ðorđe Radanović opens the Straße fair')).toBe(
      'dorde-radanovic-opens-the-strasse-fair',
    )
    expect(slugify('Øygarden ferry runs again')).toBe('oygarden-ferry-runs-again')
    expect(slugify('Мирослава Стоянова читает стихи')).toBe('miroslava-stoyanova-chitaet-stikhi')
    // A headline with no letters the library can write in Latin still gets one of its own.
    expect(slugify('東京の港')).toMatch(/^story-[0-9a-f]{12}$/)
    expect(slugify('東京の港')).not.toBe(slugify('大阪の港'))
    const long = slugify(`${'harbour '.repeat(30)}end`)
    expect(long.length).toBeLessThanOrEqual(100)
    expect(long.endsWith('-')).toBe(false)
  })

  it('links a non-Latin spelling to the same person', () => {
    const { article } = ingest([
      'yesterday',
      'H',
      'S',
      'Мирослава Стоянова read first. Later, Stoyanova signed books.',
      'Credit',
    ])
    expect(linksIn(article)).toEqual(['p1:Мирослава Стоянова'])
  })

  it('gives byte-identical output for the same input', () => {
    expect(serializeArticle(ingest(story).article)).toBe(serializeArticle(ingest(story).article))
  })

  it('names an unknown capture line with its line number', () => {
    expect(() => ingest(['Mayor Quill opens the theatre', 'S', 'P', 'P.', 'C'])).toThrow(
      'wire/test.txt:1: "Mayor Quill opens the theatre" is not a capture time',
    )
  })

  it('suggests unknown proper names without linking them', () => {
    const { article, report } = ingest(
      [
        'yesterday',
        'H',
        'S',
        'Quill met the harbour pilot Jonas Pelt of Harrow Shipping at the quay.',
        'Credit',
      ],
      { suggest: suggestEntities },
    )
    expect(report.suggestions.map((s) => s.name)).toContain('Jonas Pelt')
    expect(report.suggestions.map((s) => s.name)).not.toContain('Quill')
    expect(linksIn(article)).toEqual(['p1:Quill'])
  })

  it('suggests the whole name, not the title or the words before it', () => {
    const { report } = ingest(
      [
        'yesterday',
        'H',
        'S',
        'Commerce Minister Orla Tamsin met Quill. Oona Brackwater, who leads the pilots, said little.',
        'Credit',
      ],
      { suggest: suggestEntities },
    )
    const names = report.suggestions.map((s) => s.name)
    expect(names).toContain('Orla Tamsin')
    expect(names.filter((name) => /Commerce|Minister/u.test(name))).toEqual([])
    // A first name opening the sentence, which the tagger leaves out, is part of the name.
    expect(names).toContain('Oona Brackwater')
    expect(names).not.toContain('Brackwater')
  })
})

describe('a byline and pictures in the copy', () => {
  let dir: string
  let authors: ReadonlyMap<string, Author>
  let imagesDir: string

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-byline-'))
    await writeRegisters(dir)
    ;({ authors } = await loadRegisters(dir))
    imagesDir = path.join(dir, 'images')
    await mkdir(imagesDir)
    for (const name of ['harbour-quay.svg', 'tide-chart.svg', 'wave-border.png'])
      await writeFile(path.join(imagesDir, name), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  const copy = (...middle: string[]) => [
    'yesterday',
    'Quay reopens after the storm',
    'Standfirst.',
    ...middle,
    'Reporting by Dispatch staff',
  ]
  const withRegisters = (lines: string[]) =>
    ingestWire(lines.join('\n'), {
      file: 'wire/test.txt',
      matcher: testMatcher(),
      section: 'Cities',
      capturedAt,
      authors,
      imagesDir,
    })
  const problemOf = (lines: string[]) => {
    try {
      withRegisters(lines)
    } catch (error) {
      if (error instanceof WireError) return error
      throw error
    }
    throw new Error('expected a WireError')
  }

  it('names the authors by their ids from content/authors.json, in the byline’s order', () => {
    const { article } = withRegisters(copy('By col fenner and Ada Brisk', paragraph(1)))
    expect(article.byline).toEqual(['col-fenner', 'ada-brisk'])
    // The byline is not a paragraph of the story.
    expect(article.body).toEqual([
      { type: 'paragraph', id: 'p1', content: [{ type: 'text', text: paragraph(1) }] },
    ])
  })

  it('refuses a name not in content/authors.json, naming the line', () => {
    const error = problemOf(copy('By Ada Brisk and Ilse Varga', paragraph(1)))
    expect(error.line).toBe(4)
    expect(error.message).toBe(
      'wire/test.txt:4: unknown author "Ilse Varga": add them to content/authors.json (id, name, role, bio), then ingest again',
    )
  })

  it('refuses an author named twice, as the content build would', () => {
    const error = problemOf(copy('By Ada Brisk and ada brisk', paragraph(1)))
    expect(error.message).toBe('wire/test.txt:4: "ada brisk" is named twice in the byline')
  })

  it('gives agency copy without a "By" line no byline at all', () => {
    const { article } = withRegisters(copy(paragraph(1)))
    expect(article).not.toHaveProperty('byline')
    expect(serializeArticle(article)).not.toContain('"byline"')
  })

  it('leads with a picture before the first paragraph, and puts later ones in the body', () => {
    const { article } = withRegisters(
      copy(
        'By Ada Brisk',
        'Image: harbour-quay.svg | Boats at the quay at dawn | | Dispatch graphics | focus 30% 70%',
        paragraph(1),
        'Image: tide-chart.svg | Tide heights for the week | High water is at 06:40. | Harbour office',
        paragraph(2),
        'Image: wave-border.png | (decorative) | | Dispatch graphics',
        paragraph(3),
      ),
    )
    expect(article.image).toEqual({
      file: 'harbour-quay.svg',
      alt: 'Boats at the quay at dawn',
      credit: 'Dispatch graphics',
      focus: { x: 0.3, y: 0.7 },
    })
    expect(article.body.map((block) => block.id)).toEqual(['p1', 'i1', 'p2', 'i2', 'p3'])
    expect(article.body[1]).toEqual({
      type: 'image',
      id: 'i1',
      file: 'tide-chart.svg',
      alt: 'Tide heights for the week',
      caption: 'High water is at 06:40.',
      credit: 'Harbour office',
    })
    expect(article.body[3]).toEqual({
      type: 'image',
      id: 'i2',
      file: 'wave-border.png',
      alt: '',
      decorative: true,
      credit: 'Dispatch graphics',
    })
  })

  it('places ad slots by the rule between paragraphs, never beside a picture', () => {
    const lines = Array.from({ length: 10 }, (_, i) => paragraph(i + 1))
    // Where the rule puts the first slot in ten paragraphs (after the third): see above.
    lines.splice(3, 0, 'Image: tide-chart.svg | Tide heights for the week | | Harbour office')
    const { article, report } = withRegisters(copy(...lines))
    const types = article.body.map((block) => block.type)
    expect(report.adBreaks.count).toBeGreaterThan(0)
    types.forEach((type, i) => {
      if (type === 'ad') expect([types[i - 1], types[i + 1]]).toEqual(['paragraph', 'paragraph'])
    })
  })

  it('refuses a picture that is not in the images folder, naming the line and the file', () => {
    const error = problemOf(
      copy(paragraph(1), 'Image: lost-map.svg | A map | | Staff', paragraph(2)),
    )
    expect(error.line).toBe(5)
    expect(error.message).toBe(
      `wire/test.txt:5: ${path.join(imagesDir, 'lost-map.svg')} does not exist: add the picture there first`,
    )
  })
})
