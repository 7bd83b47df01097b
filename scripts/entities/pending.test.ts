// @vitest-environment node
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../src/content/schema'
import { ingestBatch } from '../ingest/batch'
import { addEntities, EntitiesError } from './add'
import { formatJson, replaceIfUnchanged } from './json'
import {
  acceptSuggestions,
  dropPending,
  mergeSuggestions,
  pendingFile,
  readPending,
  relinkCommands,
  type Stub,
  type Suggested,
} from './pending'

const gazetteer = [
  {
    id: 'port-ellery',
    name: 'Port Ellery',
    kind: 'place',
    aliases: [],
    description: 'Coastal city in Valdoria.',
  },
  {
    id: 'mara-quill',
    name: 'Mara Quill',
    kind: 'person',
    aliases: ['Quill'],
    description: 'Mayor of Port Ellery.',
  },
]

let content: string
const pending = () => pendingFile(content)
const gazetteerPath = () => path.join(content, 'entities.json')
const read = (file: string) => readFile(file, 'utf8')
const stubsOnDisk = async () => JSON.parse(await read(pending())) as Stub[]

const pier: Suggested = {
  story: 'content/articles/pier-closed.json',
  wire: 'wire/pier.txt',
  suggestions: [
    { name: 'Halloran Vance', kind: 'person' },
    { name: 'Brackwater Trust', kind: 'name' },
    { name: 'Skerrin Pilots Guild', kind: 'organisation' },
  ],
}
const storm: Suggested = {
  story: 'content/articles/storm.json',
  wire: 'wire/storm.txt',
  suggestions: [
    { name: 'HALLORAN VANCE', kind: 'person' },
    { name: 'quill', kind: 'person' },
    { name: 'Tarnwick Lifeboat', kind: 'organisation' },
  ],
}

const origin = ({ story, wire }: Suggested) => ({ story, wire })

beforeEach(async () => {
  content = await mkdtemp(path.join(os.tmpdir(), 'dispatch-pending-'))
  await writeFile(gazetteerPath(), await formatJson(gazetteer))
})
afterEach(() => rm(content, { recursive: true, force: true }))

describe('stubs from suggestions', () => {
  it('makes a stub of each new name, the kind guessed or left for the editor to choose', () => {
    const merged = mergeSuggestions([], gazetteer, [pier])
    const from = [origin(pier)]
    expect(merged.entries).toEqual(merged.added)
    expect(merged.added).toEqual([
      { name: 'Halloran Vance', kind: 'person', aliases: [], description: '', from },
      { name: 'Brackwater Trust', kind: '', aliases: [], description: '', from },
      { name: 'Skerrin Pilots Guild', kind: 'organisation', aliases: [], description: '', from },
    ])
  })

  it('never duplicates a name, skips those the gazetteer has, and keeps what the editor wrote', () => {
    const started = { ...mergeSuggestions([], gazetteer, [pier]).added[0], description: 'Begun.' }
    const merged = mergeSuggestions([started], gazetteer, [pier, storm, storm])
    expect(merged.entries).toEqual([
      { ...started, from: [origin(pier), origin(storm)] },
      { name: 'Brackwater Trust', kind: '', aliases: [], description: '', from: [origin(pier)] },
      expect.objectContaining({ name: 'Skerrin Pilots Guild' }),
      expect.objectContaining({ name: 'Tarnwick Lifeboat', from: [origin(storm)] }),
    ])
    expect(merged.seenAgain).toEqual(['HALLORAN VANCE'])
    expect(merged.known).toEqual(['quill'])
    // A name the editor gave a stub as an alias counts as pending too.
    const aliased = mergeSuggestions(
      [{ name: 'Tarnwick Lifeboat Station', aliases: ['Tarnwick Lifeboat'], from: [] }],
      gazetteer,
      [storm],
    )
    expect(aliased.added.map((s) => s.name)).toEqual(['HALLORAN VANCE'])
  })

  it('writes the pending file, appending to it, and writes nothing the second time', async () => {
    const first = await acceptSuggestions(content, [pier])
    expect(first).toMatchObject({ file: pending(), written: true })
    const once = await read(pending())
    expect(once).toBe(await formatJson(first.entries))
    const again = await acceptSuggestions(content, [pier])
    expect(again).toMatchObject({ added: [], seenAgain: [], written: false })
    expect(await read(pending())).toBe(once)
    // New names only: appended, the stubs above them byte for byte as they were.
    const more = { ...storm, suggestions: [{ name: 'Tarnwick Lifeboat', kind: 'organisation' }] }
    await acceptSuggestions(content, [more] as Suggested[])
    expect((await read(pending())).startsWith(once.slice(0, once.lastIndexOf('}') + 1))).toBe(true)
    expect((await stubsOnDisk()).map((s) => s.name)).toEqual([
      'Halloran Vance',
      'Brackwater Trust',
      'Skerrin Pilots Guild',
      'Tarnwick Lifeboat',
    ])
  })

  it('writes nothing on a dry run', async () => {
    const merged = await acceptSuggestions(content, [pier], { dryRun: true })
    expect(merged.added).toHaveLength(3)
    expect(merged.written).toBe(false)
    await expect(read(pending())).rejects.toThrow('ENOENT')
  })

  it('stops on a pending file that is not JSON, naming it, before anything is written', async () => {
    await writeFile(pending(), '[{ "name": "Halloran Vance", }]')
    await expect(readPending(content)).rejects.toThrow(`${pending()}: not valid JSON`)
    await expect(acceptSuggestions(content, [pier])).rejects.toThrow(`${pending()}: not valid JSON`)
  })

  it('never overwrites an edit made to the file after it was read', async () => {
    const before = await readPending(content)
    await writeFile(pending(), '[]\n')
    await expect(acceptSuggestions(content, [pier], { pending: before })).rejects.toThrow(
      `${pending()} changed while this ran; nothing written`,
    )
    expect(await read(pending())).toBe('[]\n')
    await expect(replaceIfUnchanged({ file: pending(), text: '[]\n' }, '[1]\n')).resolves.toBe(
      undefined,
    )
  })
})

describe('completing the stubs', () => {
  it('moves the complete ones into the gazetteer and leaves the others waiting', async () => {
    await acceptSuggestions(content, [pier, storm])
    const stubs = await stubsOnDisk()
    const [vance, trust, guild, lifeboat] = stubs
    if (!vance || !trust || !guild || !lifeboat) throw new Error('four stubs expected')
    await writeFile(
      pending(),
      await formatJson([
        { ...vance, description: 'Harbourmaster of Port Ellery.', aliases: ['Vance'] },
        { ...trust, kind: 'organisation' },
        guild,
        { ...lifeboat, description: 'Volunteer lifeboat crew at Tarnwick.' },
      ]),
    )
    const result = await addEntities(content, { file: pending() })
    expect(result.added.map((a) => a.entry.id)).toEqual(['halloran-vance', 'tarnwick-lifeboat'])
    expect(result.added[0]?.origins).toEqual(vance.from)
    expect(result.waiting).toEqual([
      { entry: 2, name: 'Brackwater Trust' },
      { entry: 3, name: 'Skerrin Pilots Guild' },
    ])
    const entities = JSON.parse(await read(gazetteerPath())) as Record<string, unknown>[]
    // The stub's origins stay behind: the gazetteer holds only the contract's fields.
    expect(entities.at(-2)).toEqual({
      id: 'halloran-vance',
      name: 'Halloran Vance',
      kind: 'person',
      aliases: ['Vance'],
      description: 'Harbourmaster of Port Ellery.',
    })
    expect(await stubsOnDisk()).toEqual([{ ...trust, kind: 'organisation' }, guild])

    // The next ingest that suggests them again: added names are known now, waiting ones kept once.
    const again = await acceptSuggestions(content, [pier])
    expect(again).toMatchObject({ added: [], known: ['Halloran Vance'], written: false })
    expect(await stubsOnDisk()).toHaveLength(2)

    await expect(addEntities(content, { file: pending() })).rejects.toThrow(
      `${pending()}: nothing to add: 2 still to complete (no description yet): Brackwater Trust, Skerrin Pilots Guild`,
    )
  })

  it('refuses a stub the editor began but got wrong, and moves nothing', async () => {
    await acceptSuggestions(content, [pier])
    const [vance, trust, guild] = await stubsOnDisk()
    if (!vance || !trust || !guild) throw new Error('three stubs expected')
    const filled = [
      { ...vance, description: 'Harbourmaster of Port Ellery.' },
      { ...trust, description: 'Owns the old pier.' },
      guild,
    ]
    await writeFile(pending(), await formatJson(filled))
    const before = { gazetteer: await read(gazetteerPath()), pending: await read(pending()) }
    const error = await addEntities(content, { file: pending() }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EntitiesError)
    expect((error as EntitiesError).problems).toEqual([
      {
        where: `${pending()}: entry 2 ("Brackwater Trust")`,
        field: 'kind',
        message: 'Invalid type: Expected ("person" | "place" | "organisation") but received ""',
      },
    ])
    expect({ gazetteer: await read(gazetteerPath()), pending: await read(pending()) }).toEqual(
      before,
    )
  })

  it('drops stubs by name, all those named or none', async () => {
    await acceptSuggestions(content, [pier])
    await expect(dropPending(content, ['Brackwater Trust', 'Nobody'])).rejects.toThrow(
      `${pending()}: no stub named "Nobody"; nothing dropped`,
    )
    expect(await stubsOnDisk()).toHaveLength(3)
    expect(await dropPending(content, ['brackwater trust', 'Skerrin Pilots Guild'])).toEqual({
      file: pending(),
      dropped: 2,
      left: 1,
    })
    expect((await stubsOnDisk()).map((s) => s.name)).toEqual(['Halloran Vance'])
  })
})

describe('linking the new names', () => {
  it("gives the ingest commands for the stories they came from, each with its story's section", async () => {
    await mkdir(path.join(content, 'articles'))
    const story = (slug: string, section: string) =>
      writeFile(path.join(content, 'articles', `${slug}.json`), JSON.stringify({ section }))
    await story('pier', 'Cities')
    await story('storm', 'Cities')
    await story('fair', "Islanders' Life")
    const from = (slug: string, wire: string) => ({
      story: path.join(content, 'articles', `${slug}.json`),
      wire,
    })
    const commands = await relinkCommands(
      [
        from('pier', 'wire/pier.txt'),
        from('storm', 'wire/storm.txt'),
        from('pier', 'wire/pier.txt'),
        from('fair', 'wire/harvest fair.txt'),
        from('withdrawn', 'wire/gone.txt'),
      ],
      content,
    )
    expect(commands).toEqual([
      `npm run ingest -- wire/pier.txt wire/storm.txt --section Cities --force --content ${content}`,
      `npm run ingest -- 'wire/harvest fair.txt' --section 'Islanders'\\'' Life' --force --content ${content}`,
    ])
    expect(await relinkCommands([], 'content')).toEqual([])
  })
})

describe('from wire copy to a linked name', () => {
  it('ingest suggests, the stub is completed and added, and ingesting again links it', async () => {
    await mkdir(path.join(content, 'wire'))
    const wire = path.join(content, 'wire', 'pier.txt')
    await writeFile(
      wire,
      [
        '2026-11-20T10:00:00Z',
        'Old pier closed after storm',
        "Port Ellery's harbourmaster closed the old pier on Thursday after the storm.",
        'Halloran Vance said divers had found cracks in the piles below the deck.',
        'With inputs from agencies',
      ].join('\n'),
    )
    const job = { file: wire, section: 'Cities' }
    const first = await ingestBatch([job], { contentDir: content })
    expect(first.errors).toEqual([])
    const [story] = first.stories
    if (!story) throw new Error('one story expected')
    await acceptSuggestions(content, [
      { story: story.target, wire, suggestions: story.report.suggestions },
    ])
    const stub = (await stubsOnDisk()).find((s) => s.name === 'Halloran Vance')
    expect(stub).toMatchObject({ kind: 'person', description: '' })

    const rest = (await stubsOnDisk()).filter((s) => s !== stub && s.name !== 'Halloran Vance')
    await writeFile(
      pending(),
      await formatJson([{ ...stub, description: 'Harbourmaster of Port Ellery.' }, ...rest]),
    )
    const added = await addEntities(content, { file: pending() })
    expect(
      await relinkCommands(
        added.added.flatMap((a) => a.origins),
        content,
      ),
    ).toEqual([`npm run ingest -- ${wire} --section Cities --force --content ${content}`])

    const again = await ingestBatch([job], { contentDir: content, force: true })
    expect(again.errors).toEqual([])
    expect(again.stories[0]?.report.entities.map((e) => e.id)).toContain('halloran-vance')
    const article = JSON.parse(await read(story.target)) as Article
    expect(JSON.stringify(article.body)).toContain('"entityId":"halloran-vance"')
  })
})
