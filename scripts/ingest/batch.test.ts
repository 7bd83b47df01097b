// @vitest-environment node
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testGazetteer } from './fixtures'
import type { Article } from '../../src/content/schema'
import { testSections, writeRegisters } from '../../src/test/registers'
import { ingestBatch, wireFiles } from './batch'
import { takeChanged } from '../content/changeLog'

let dir: string
let content: string
const capturedAt = new Date('2026-11-27T09:00:00Z')
const copy = (headline: string, body = 'Mara Quill opened the quay.') =>
  ['yesterday', headline, 'Standfirst.', body, 'Reporting by Dispatch staff'].join('\n')

async function wire(name: string, text: string | Buffer) {
  const file = path.join(dir, 'wire', name)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, text)
  return file
}
const articles = async () => (await readdir(path.join(content, 'articles'))).sort()
const run = async (
  files: string[],
  options: { force?: boolean; dryRun?: boolean; now?: Date } = {},
  job: { slug?: string; capturedAt?: Date } = {},
) =>
  ingestBatch(
    files.map((file) => ({ file, section: 'Cities', capturedAt, ...job })),
    { contentDir: content, suggest: false, ...options },
  )
const story = async (slug: string) =>
  JSON.parse(await readFile(path.join(content, 'articles', `${slug}.json`), 'utf8')) as Article

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-ingest-'))
  content = path.join(dir, 'content')
  await mkdir(path.join(content, 'articles'), { recursive: true })
  await writeFile(path.join(content, 'entities.json'), JSON.stringify(testGazetteer))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('ingesting wire files into content', () => {
  it("checks the gazetteer's entries a story names, naming the file and the entry's field", async () => {
    // testGazetteer[0] is Mara Quill, whom the copy names.
    const broken = (at: number) =>
      JSON.stringify(testGazetteer.map((e, i) => (i === at ? { ...e, kind: 'ship' } : e)))
    const gazetteer = path.join(content, 'entities.json')
    await writeFile(gazetteer, broken(0))
    await expect(run([await wire('a.txt', copy('Quay reopens'))])).rejects.toThrow(
      `${gazetteer}: $[0].kind: `,
    )
    expect(await articles()).toEqual([])
    // An entry the story cannot name is the content build's to check, which stops the refresh
    // (scripts/content/build.test.ts): ingest does not read all of a large gazetteer for it.
    await writeFile(gazetteer, broken(testGazetteer.length - 1))
    expect((await run([await wire('a.txt', copy('Quay reopens'))])).errors).toEqual([])
    // A gazetteer that is not a list of named entries is checked whole, for the message.
    await writeFile(gazetteer, JSON.stringify({ entities: testGazetteer }))
    await expect(run([await wire('b.txt', copy('Ferry late'))])).rejects.toThrow(
      `${gazetteer}: $: `,
    )
  })

  it('writes one article per story and reports it as new', async () => {
    const result = await run([await wire('a.txt', copy('Quay reopens'))])
    expect(result.errors).toEqual([])
    expect(result.stories.map((s) => s.status)).toEqual(['new'])
    expect(await articles()).toEqual(['quay-reopens.json'])
    // Noted for the next refresh, which publishes it first (docs/decisions/036).
    expect((await takeChanged(content))?.names).toEqual(['quay-reopens.json'])
    const article: unknown = JSON.parse(
      await readFile(path.join(content, 'articles/quay-reopens.json'), 'utf8'),
    )
    expect(article).toMatchObject({
      headline: 'Quay reopens',
      section: 'Cities',
      publishedAt: '2026-11-26T09:00:00Z',
    })
  })

  it('writes nothing on a dry run', async () => {
    const result = await run([await wire('a.txt', copy('Quay reopens'))], { dryRun: true })
    expect(result.stories).toHaveLength(1)
    expect(await articles()).toEqual([])
  })

  it('never overwrites a different story without force, and says so', async () => {
    const file = await wire('a.txt', copy('Quay reopens'))
    await run([file])
    const before = await readFile(path.join(content, 'articles/quay-reopens.json'), 'utf8')
    await wire('a.txt', copy('Quay reopens', 'Mara Quill cut the ribbon.'))

    const refused = await run([file])
    expect(refused.errors).toEqual([
      `${file}: ${path.join(content, 'articles/quay-reopens.json')} already exists with other content; pass --force to update it`,
    ])
    expect(await readFile(path.join(content, 'articles/quay-reopens.json'), 'utf8')).toBe(before)

    const forced = await run([file], { force: true })
    expect(forced.stories.map((s) => s.status)).toEqual(['replaced'])
    expect(await readFile(path.join(content, 'articles/quay-reopens.json'), 'utf8')).toContain(
      'cut the ribbon',
    )
  })

  it('updates a story in place: same address and first publication, the time of the update', async () => {
    const file = await wire('a.txt', copy('Quay reopens'))
    await run([file])
    const first = await story('quay-reopens')
    // The copy comes back a day later, edited; its "yesterday" now means another day.
    await wire('a.txt', copy('Quay reopens', 'Mara Quill cut the ribbon at noon.'))
    const later = new Date('2026-11-28T15:30:00Z')
    const updated = await run([file], { force: true, now: later }, { capturedAt: later })
    expect(updated.stories.map((s) => s.status)).toEqual(['replaced'])
    expect(await articles()).toEqual(['quay-reopens.json'])
    expect(await story('quay-reopens')).toMatchObject({
      publishedAt: first.publishedAt,
      updatedAt: '2026-11-28T15:30:00Z',
    })

    // The same copy again changes nothing, not even the time of the update.
    const again = await run([file], { force: true, now: new Date('2026-11-29T08:00:00Z') })
    expect(again.stories.map((s) => s.status)).toEqual(['unchanged'])
    expect((await story('quay-reopens')).updatedAt).toBe('2026-11-28T15:30:00Z')
  })

  it('keeps a story at its address when the headline changes, with --slug', async () => {
    const file = await wire('a.txt', copy('Quay reopens'))
    await run([file])
    await wire('a.txt', copy('Quay reopens to ferries after storm repairs'))
    const now = new Date('2026-11-28T10:00:00Z')
    const updated = await run([file], { now }, { slug: 'quay-reopens' })
    expect(updated.errors).toEqual([])
    expect(await articles()).toEqual(['quay-reopens.json'])
    expect(await story('quay-reopens')).toMatchObject({
      headline: 'Quay reopens to ferries after storm repairs',
      updatedAt: '2026-11-28T10:00:00Z',
    })

    const nowhere = await run([file], {}, { slug: 'no-such-story' })
    expect(nowhere.errors).toEqual([
      `${file}: --slug no-such-story updates a published story, but there is no ${path.join(content, 'articles/no-such-story.json')}`,
    ])
  })

  it("adds the copy's corrections, each with the time it was first made, and keeps them", async () => {
    const file = await wire('a.txt', copy('Quay reopens'))
    await run([file])
    const correction = 'Correction: An earlier version of this story gave the wrong date.'
    const corrected = ['yesterday', 'Quay reopens', 'Standfirst.', 'Mara Quill opened the quay.']
    await wire('a.txt', [...corrected, correction, 'Reporting by Dispatch staff'].join('\n'))
    await run([file], { force: true, now: new Date('2026-11-28T10:00:00Z') })
    // A second correction later; the copy still carries the first.
    const second = 'Correction: Mara Quill is the harbour master, not the mayor.'
    await wire(
      'a.txt',
      [...corrected, correction, second, 'Reporting by Dispatch staff'].join('\n'),
    )
    await run([file], { force: true, now: new Date('2026-11-29T10:00:00Z') })
    // Copy without them takes none away.
    await wire('a.txt', copy('Quay reopens'))
    await run([file], { force: true, now: new Date('2026-11-30T10:00:00Z') })

    const { corrections, updatedAt, body } = await story('quay-reopens')
    expect(corrections).toEqual([
      { at: '2026-11-28T10:00:00Z', text: 'An earlier version of this story gave the wrong date.' },
      { at: '2026-11-29T10:00:00Z', text: 'Mara Quill is the harbour master, not the mayor.' },
    ])
    expect(updatedAt).toBe('2026-11-29T10:00:00Z')
    expect(body.map((block) => block.type)).toEqual(['paragraph'])
  })

  it('leaves an identical story alone without needing force', async () => {
    const file = await wire('a.txt', copy('Quay reopens'))
    await run([file])
    const again = await run([file])
    expect(again.errors).toEqual([])
    expect(again.stories.map((s) => s.status)).toEqual(['unchanged'])
    expect(again.written).toBe(0)
  })

  it('writes nothing at all when any story in the batch is bad, and names each problem', async () => {
    const good = await wire('a.txt', copy('Quay reopens'))
    const empty = await wire('b.txt', '')
    const noBody = await wire('c.txt', 'yesterday\nHeadline only\n')
    const latin1 = await wire('d.txt', Buffer.from('yesterday\nCaf\xe9 opens\nS\nP.\nC', 'latin1'))
    const result = await run([good, empty, noBody, latin1])
    expect(result.errors).toEqual([
      `${empty}:1: the file is empty`,
      `${noBody}:2: expected a standfirst after the headline`,
      `${latin1}:2: not UTF-8 text; save the copy as UTF-8`,
    ])
    expect(await articles()).toEqual([])
  })

  it('refuses two stories that would share an address', async () => {
    const a = await wire('a.txt', copy('Quay reopens'))
    const b = await wire('b.txt', copy('Quay reopens!'))
    const result = await run([a, b])
    expect(result.errors).toEqual([
      `${b}: gives the same address "quay-reopens" as ${a}; change one headline`,
    ])
    expect(await articles()).toEqual([])
  })

  it('leaves no temporary files behind', async () => {
    await run([await wire('a.txt', copy('Quay reopens')), await wire('b.txt', copy('Tide turns'))])
    expect(await articles()).toEqual(['quay-reopens.json', 'tide-turns.json'])
  })

  it('rolls the whole batch back when a story cannot be put in place', async () => {
    const old = await wire('old.txt', copy('Tide turns'))
    await run([old])
    const before = await readFile(path.join(content, 'articles/tide-turns.json'), 'utf8')
    // A folder where one story's file would go: its rename fails after the others have succeeded.
    await mkdir(path.join(content, 'articles/quay-reopens.json/inside'), { recursive: true })
    const batch = [
      await wire('a.txt', copy('Harbour lights dim')),
      await wire('b.txt', copy('Tide turns', 'Mara Quill closed the quay.')),
      await wire('c.txt', copy('Quay reopens')),
    ]
    await expect(run(batch, { force: true })).rejects.toThrow(
      /quay-reopens\.json.*the batch was rolled back: no story was written or replaced/,
    )
    // Every name in the folder, hidden temp and backup files included.
    expect(await articles()).toEqual(['quay-reopens.json', 'tide-turns.json'])
    expect(await readFile(path.join(content, 'articles/tide-turns.json'), 'utf8')).toBe(before)
  })

  it('finds .txt files in folders, in a stable order', async () => {
    const b = await wire('sport/b.txt', copy('B'))
    const a = await wire('a.txt', copy('A'))
    await wire('notes.md', 'not copy')
    expect(await wireFiles([path.join(dir, 'wire')])).toEqual([a, b])
    await expect(wireFiles([path.join(dir, 'missing')])).rejects.toThrow(/no such file or folder/)
  })
})

describe('what a story may name: its section, its authors, its pictures', () => {
  it('refuses a section not in content/sections.json, naming those it has, and writes nothing', async () => {
    await writeRegisters(content, { sections: testSections(['Cities', 'Sport']) })
    const file = await wire('a.txt', copy('Quay reopens'))
    const batch = ingestBatch([{ file, section: 'Weather', capturedAt }], {
      contentDir: content,
      suggest: false,
    })
    await expect(batch).rejects.toThrow(
      `no section "Weather": ${content}/sections.json has "Cities", "Sport"`,
    )
    expect(await articles()).toEqual([])
    // A name the register has goes through.
    await expect(run([file])).resolves.toMatchObject({ errors: [], written: 1 })
  })

  it('reads the byline against content/authors.json and the pictures against content/images', async () => {
    await writeRegisters(content)
    await mkdir(path.join(content, 'images'))
    await writeFile(path.join(content, 'images', 'quay.svg'), '<svg/>')
    const lines = (...middle: string[]) =>
      ['yesterday', 'Quay reopens', 'Standfirst.', ...middle, 'Reporting by Dispatch staff'].join(
        '\n',
      )
    const good = await wire(
      'a.txt',
      lines('By Ada Brisk', 'Image: quay.svg | The quay | | Staff', 'Mara Quill opened the quay.'),
    )
    const stranger = await wire('b.txt', lines('By Ilse Varga', 'Tide turns.'))
    const lost = await wire(
      'c.txt',
      lines('Tide turns.', 'Image: lost.svg | A map | | Staff', 'Again.'),
    )
    const result = await run([good, stranger, lost])
    expect(result.errors).toEqual([
      `${stranger}:4: unknown author "Ilse Varga": add them to content/authors.json (id, name, role, bio), then ingest again`,
      `${lost}:5: ${path.join(content, 'images', 'lost.svg')} does not exist: add the picture there first`,
    ])
    expect(await articles()).toEqual([])

    await expect(run([good])).resolves.toMatchObject({ errors: [], written: 1 })
    expect(await story('quay-reopens')).toMatchObject({
      byline: ['ada-brisk'],
      image: { file: 'quay.svg', alt: 'The quay', credit: 'Staff' },
    })
  })
})

// Each test starts the command in a new Node process: a ceiling for a busy machine, not an expectation.
describe('npm run ingest', { timeout: 30_000 }, () => {
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...args]).then(
      (r) => ({ code: 0, ...r }),
      (e: unknown) => e as { code: number; stdout: string; stderr: string },
    )

  it('prints a report per story and exits 0', async () => {
    const file = await wire(
      'a.txt',
      copy('Quay reopens', "'We are open again,' Quill said on Skerrin Radio."),
    )
    const { code, stdout } = await cli(
      file,
      '--content',
      content,
      '--captured-at',
      '2026-11-27T09:00:00Z',
      '--section',
      'Cities',
    )
    expect(code).toBe(0)
    expect(stdout).toContain('Quay reopens')
    expect(stdout).toContain('quote q1: Mara Quill, on Skerrin Radio')
    expect(stdout).toContain('ingest: 1 story, 1 written')
  })

  it('exits 1 and names file and line for bad copy, writing nothing', async () => {
    const file = await wire('bad.txt', '\uFEFF\r\n')
    const { code, stderr } = await cli(file, '--content', content, '--section', 'Cities')
    expect(code).toBe(1)
    expect(stderr).toContain(`${file}:1: the file is empty`)
    expect(await articles()).toEqual([])
  })

  it('exits 2 without --section, writing nothing', async () => {
    const file = await wire('a.txt', copy('Quay reopens'))
    const { code, stderr } = await cli(file, '--content', content)
    expect(code).toBe(2)
    expect(stderr).toContain('--section is required')
    expect(await articles()).toEqual([])
  })
})

describe('a big batch, converted on threads of its own', () => {
  // One clock for both: an update carries the time of the batch that made it.
  const now = new Date('2026-11-28T10:00:00Z')
  // Each path in a content folder of its own, from the same wire files.
  const both = async (files: string[], options: { force?: boolean } = {}) => {
    const results = []
    for (const threads of [false, true]) {
      const folder = path.join(dir, threads ? 'threads' : 'here')
      await mkdir(path.join(folder, 'articles'), { recursive: true })
      await writeFile(path.join(folder, 'entities.json'), JSON.stringify(testGazetteer))
      const result = await ingestBatch(
        files.map((file) => ({ file, section: 'Cities', capturedAt })),
        { contentDir: folder, suggest: false, threads, now, ...options },
      )
      const names = (await readdir(path.join(folder, 'articles'))).sort()
      const texts = await Promise.all(
        names.map((name) => readFile(path.join(folder, 'articles', name), 'utf8')),
      )
      // Paths said relative to the folder, so the two can be compared.
      const relative = JSON.parse(JSON.stringify(result).replaceAll(folder, '<content>')) as unknown
      results.push({
        result: relative,
        files: Object.fromEntries(names.map((n, i) => [n, texts[i]])),
      })
    }
    return results
  }
  const headlines = Array.from({ length: 80 }, (_, i) => `Ferry ${i + 1} sails from the quay`)

  it('writes the same stories and reports them the same, in the order of the files', async () => {
    const files = await Promise.all(
      headlines.map((h, i) => wire(`${String(i).padStart(3, '0')}.txt`, copy(h))),
    )
    const [here, threads] = await both(files)
    expect(Object.keys(here?.files ?? {})).toHaveLength(80)
    expect(threads).toEqual(here)

    // Updated with force, each copy edited: the same updates either way.
    await Promise.all(
      files.map((file, i) =>
        writeFile(file, copy(headlines[i] ?? '', 'Mara Quill closed the quay.')),
      ),
    )
    const [hereAgain, threadsAgain] = await both(files, { force: true })
    expect(threadsAgain).toEqual(hereAgain)
    expect(Object.values(threadsAgain?.files ?? {})[0]).toContain('closed the quay')
  })

  it('names the same problems, in the same order, and writes nothing', async () => {
    const files = await Promise.all(
      headlines.map((h, i) => wire(`${String(i).padStart(3, '0')}.txt`, copy(h))),
    )
    files.splice(10, 0, await wire('010a.txt', ''))
    files.splice(40, 0, await wire('040a.txt', copy(headlines[3] ?? '')))
    files.splice(70, 0, path.join(dir, 'wire', 'missing.txt'))
    const [here, threads] = await both(files)
    expect(threads).toEqual(here)
    expect((threads?.result as { errors: string[] }).errors).toEqual([
      `${files[10]}:1: the file is empty`,
      `${files[40]}: gives the same address "ferry-4-sails-from-the-quay" as ${files[3]}; change one headline`,
      expect.stringMatching(/^\S+missing\.txt: ENOENT/),
    ])
    expect(threads?.files).toEqual({})
  })

  it("stops with the gazetteer's problem when the threads cannot read it", async () => {
    const folder = path.join(dir, 'broken')
    await mkdir(path.join(folder, 'articles'), { recursive: true })
    const gazetteer = path.join(folder, 'entities.json')
    await writeFile(
      gazetteer,
      JSON.stringify(testGazetteer.map((e, i) => (i === 0 ? { ...e, kind: 'ship' } : e))),
    )
    const file = await wire('a.txt', copy('Quay reopens'))
    await expect(
      ingestBatch([{ file, section: 'Cities', capturedAt }], {
        contentDir: folder,
        suggest: false,
        threads: true,
      }),
    ).rejects.toThrow(`${gazetteer}: $[0].kind: `)
  })
})
