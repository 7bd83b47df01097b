// @vitest-environment node
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Entity } from '../../src/content/schema'
import { addEntities, EntitiesError, entityId, type EntityFlags } from './add'
import { formatJson } from './json'

// Fails the next whole-file write to `failOn`, to see a two-file add roll back.
const io = vi.hoisted(() => ({ failOn: undefined as string | undefined }))
vi.mock('../lib/fs', async (original) => {
  const fs = await original<typeof import('../lib/fs')>()
  return {
    ...fs,
    writeWhole: (file: string, data: string | Uint8Array) => {
      if (file === io.failOn) {
        io.failOn = undefined
        return Promise.reject(new Error(`EIO: i/o error, write '${file}'`))
      }
      return fs.writeWhole(file, data)
    },
  }
})

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const entity = (id: string, name: string, kind: Entity['kind'], aliases: string[] = []) => ({
  id,
  name,
  kind,
  aliases,
  description: `${name}, a fictional ${kind} for tests.`,
})
const gazetteer = [
  entity('port-ellery', 'Port Ellery', 'place'),
  entity('mara-quill', 'Mara Quill', 'person', ['Quill', 'Mayor Quill']),
  entity('tarnwick-shipyard', 'Tarnwick Shipyard', 'organisation', ['the Tarnwick yard']),
]

let content: string
const gazetteerPath = () => path.join(content, 'entities.json')
const filePath = () => path.join(content, 'new-names.json')
const onDisk = async (file = gazetteerPath()) => readFile(file, 'utf8')
const entriesOnDisk = async () => JSON.parse(await onDisk()) as Record<string, unknown>[]
const writeEntries = (entries: unknown) => writeFile(filePath(), JSON.stringify(entries))

const vance: EntityFlags = {
  name: 'Halloran Vance',
  kind: 'person',
  description: 'Harbourmaster of Port Ellery since 2021.',
  aliases: ['Vance'],
}

/** The error an add stops with, as the editor reads it. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(EntitiesError)
  return (error as Error).message
}

beforeEach(async () => {
  content = await mkdtemp(path.join(os.tmpdir(), 'dispatch-entities-'))
  await writeFile(gazetteerPath(), await formatJson(gazetteer))
})
afterEach(() => rm(content, { recursive: true, force: true }))

describe("an entity's id", () => {
  it('is the slug of its name, accents folded, as every id in the gazetteer is', async () => {
    const real = JSON.parse(
      await readFile(path.join(repoRoot, 'content', 'entities.json'), 'utf8'),
    ) as Entity[]
    for (const { id, name } of real) expect(entityId(name)).toBe(id)
    expect(entityId('Zoran Vidmaršek')).toBe('zoran-vidmarsek')
    expect(entityId("Skerrin Islanders' Association")).toBe('skerrin-islanders-association')
    expect(entityId('Мирослава Стоянова')).toBe('miroslava-stoyanova')
    expect(entityId('港')).toBe('')
    expect(entityId(`Tarnwick ${'Harbour '.repeat(20)}Trust`).length).toBeLessThanOrEqual(120)
  })
})

describe('adding from flags', () => {
  it('appends the entry, every byte of the file before it as it was, formatted as Prettier would', async () => {
    const before = await onDisk()
    const result = await addEntities(content, {
      flags: { ...vance, name: '  Halloran   Vance ', aliases: [' Vance '] },
    })
    expect(result.added.map((a) => a.entry)).toEqual([
      {
        id: 'halloran-vance',
        name: 'Halloran Vance',
        kind: 'person',
        aliases: ['Vance'],
        description: 'Harbourmaster of Port Ellery since 2021.',
      },
    ])
    const after = await onDisk()
    expect(after.startsWith(before.slice(0, before.lastIndexOf('}') + 1))).toBe(true)
    expect(after).toBe(await formatJson(JSON.parse(after)))
    expect(after).toContain('    "aliases": ["Vance"],\n')
    expect((await entriesOnDisk()).map((e) => e.id)).toEqual([
      'port-ellery',
      'mara-quill',
      'tarnwick-shipyard',
      'halloran-vance',
    ])
    // Written whole: no temp file is left beside it.
    expect(await readdir(content)).toEqual(['entities.json'])
  })

  it('takes an id when one is given', async () => {
    await addEntities(content, { flags: { ...vance, id: 'harbourmaster-vance' } })
    expect((await entriesOnDisk()).at(-1)?.id).toBe('harbourmaster-vance')
  })

  it('refuses an id or a name that exists, naming the flag, and writes nothing', async () => {
    const before = await onDisk()
    const taken = await refusal(
      addEntities(content, { flags: { ...vance, id: 'mara-quill', aliases: [] } }),
    )
    expect(taken).toContain(
      `--id: "mara-quill" is already the id of "Mara Quill" in ${gazetteerPath()}: give another with --id`,
    )
    expect(taken).not.toContain('duplicate id')
    const named = await refusal(
      addEntities(content, { flags: { ...vance, name: 'Port Ellery', aliases: [] } }),
    )
    expect(named).toContain(
      `--name: "Port Ellery" is already in ${gazetteerPath()}, as "port-ellery"`,
    )
    const sameName = await refusal(
      addEntities(content, {
        flags: { ...vance, name: 'MARA QUILL', id: 'mara-quill-2', aliases: [] },
      }),
    )
    expect(sameName).toContain('--name: "MARA QUILL" already names "mara-quill"')
    expect(await onDisk()).toBe(before)
  })

  it('refuses a bad kind and an empty description, naming each flag once', async () => {
    const message = await refusal(
      addEntities(content, { flags: { ...vance, kind: 'harbour', description: '   ' } }),
    )
    expect(message.split('\n')).toEqual([
      'nothing added; 2 problems:',
      '  --kind: Invalid type: Expected ("person" | "place" | "organisation") but received "harbour"',
      '  --description: description must not be empty',
    ])
    const long = await refusal(
      addEntities(content, { flags: { ...vance, description: 'x'.repeat(201) } }),
    )
    expect(long).toContain('--description: keep the description to one line')
    const alias = await refusal(
      addEntities(content, { flags: { ...vance, aliases: ['Vance', ''] } }),
    )
    expect(alias).toContain('--alias: alias must not be empty')
  })

  it('needs an id for a name with no Latin letters', async () => {
    const message = await refusal(
      addEntities(content, { flags: { ...vance, name: '港', aliases: [] } }),
    )
    expect(message).toContain('--id: "港" has no letters or digits in Latin script')
  })

  it('adds an alias another entity shares, with the warning the build gives', async () => {
    const result = await addEntities(content, {
      flags: { ...vance, name: 'Aldous Quill', aliases: ['Quill'] },
    })
    expect(result.notes).toEqual([
      expect.stringMatching(/^--alias: "Quill" also names "mara-quill"; it is linked only where/),
    ])
  })

  it('marks an alias ambiguous, and refuses one that is not among the aliases', async () => {
    await addEntities(content, {
      flags: { ...vance, aliases: ['Vance', 'Harbour Office'], ambiguous: ['Harbour Office'] },
    })
    const added = (JSON.parse(await onDisk()) as { id: string; ambiguous?: string[] }[]).at(-1)
    expect(added).toMatchObject({ id: 'halloran-vance', ambiguous: ['Harbour Office'] })
    const message = await refusal(
      addEntities(content, {
        flags: { ...vance, name: 'Ines Vance', aliases: [], ambiguous: ['Harbour Office'] },
      }),
    )
    expect(message).toContain(`"Harbour Office" is not one of this entity's aliases`)
  })
})

describe('adding from a file', () => {
  it('adds every entry and takes them out of the file', async () => {
    await writeEntries([
      { name: 'Skerrin Pilots Guild', kind: 'organisation', description: 'Pilots of Skerrin.' },
      {
        id: 'brackwater',
        name: 'Brackwater',
        kind: 'place',
        aliases: ['Brackwater Sound', 'the Sound'],
        description: 'Strait between Port Ellery and Skerrin.',
        ambiguous: ['the Sound'],
      },
    ])
    const result = await addEntities(content, { file: filePath() })
    expect(result.notes).toEqual([])
    const added = (await entriesOnDisk()).slice(3)
    expect(added).toEqual([
      {
        id: 'skerrin-pilots-guild',
        name: 'Skerrin Pilots Guild',
        kind: 'organisation',
        aliases: [],
        description: 'Pilots of Skerrin.',
      },
      {
        id: 'brackwater',
        name: 'Brackwater',
        kind: 'place',
        aliases: ['Brackwater Sound', 'the Sound'],
        ambiguous: ['the Sound'],
        description: 'Strait between Port Ellery and Skerrin.',
      },
    ])
    // The contract's order, whatever order the editor wrote.
    expect(Object.keys(added[1] ?? {})).toEqual([
      'id',
      'name',
      'kind',
      'aliases',
      'ambiguous',
      'description',
    ])
    expect(await onDisk(filePath())).toBe('[]\n')
  })

  it('keeps a field the gazetteer does not know, and says so', async () => {
    await writeEntries([{ ...vance, alias: ['Harbourmaster Vance'] }])
    const result = await addEntities(content, { file: filePath() })
    expect(result.notes).toEqual([
      `${filePath()}: entry 1 ("Halloran Vance"): "alias" is not a field of the gazetteer; kept as written`,
    ])
    expect((await entriesOnDisk()).at(-1)).toMatchObject({ alias: ['Harbourmaster Vance'] })
  })

  it('refuses the whole file if one entry is wrong, naming the file, the entry and the field', async () => {
    await writeEntries([
      { ...vance },
      { name: 'Skerrin Pilots Guild', kind: 'guild', description: '' },
      { name: 'tarnwick shipyard', kind: 'organisation', description: 'Again.' },
      { ...vance, id: 'vance-again', aliases: [] },
      'Brackwater',
      { name: 'Mara Quill', id: 'port-ellery', kind: 'person', description: 'Namesake.' },
    ])
    const before = { gazetteer: await onDisk(), file: await onDisk(filePath()) }
    const message = await refusal(addEntities(content, { file: filePath() }))
    const entry = (n: number, name: string) => `${filePath()}: entry ${n} ("${name}")`
    expect(message.split('\n').slice(1)).toEqual([
      `  ${filePath()}: entry 5: must be an object { "name", "kind", "description", "aliases"?, "id"? }`,
      `  ${entry(2, 'Skerrin Pilots Guild')}: kind: Invalid type: Expected ("person" | "place" | "organisation") but received "guild"`,
      `  ${entry(2, 'Skerrin Pilots Guild')}: description: description must not be empty`,
      `  ${entry(3, 'tarnwick shipyard')}: name: "tarnwick shipyard" is already in ${gazetteerPath()}, as "tarnwick-shipyard"`,
      `  ${entry(6, 'Mara Quill')}: id: "port-ellery" is already the id of "Port Ellery" in ${gazetteerPath()}: give another`,
      `  ${entry(4, 'Halloran Vance')}: name: "Halloran Vance" already names "halloran-vance"`,
      `  ${entry(6, 'Mara Quill')}: name: "Mara Quill" already names "mara-quill"`,
    ])
    expect({ gazetteer: await onDisk(), file: await onDisk(filePath()) }).toEqual(before)
  })

  it('refuses to add to a gazetteer that is already wrong, as the build reports it', async () => {
    await writeFile(
      gazetteerPath(),
      JSON.stringify([...gazetteer, { ...entity('valdoria', 'Valdoria', 'place'), kind: 'land' }]),
    )
    await writeEntries([vance])
    const message = await refusal(addEntities(content, { file: filePath() }))
    expect(message).toContain(`${gazetteerPath()}: $[3].kind: Invalid type`)
  })

  it('refuses a file that is not an array of entries, or not JSON', async () => {
    await writeFile(filePath(), JSON.stringify(vance))
    await expect(addEntities(content, { file: filePath() })).rejects.toThrow(
      `${filePath()}: must be a JSON array of entries`,
    )
    await writeFile(filePath(), '[{ "name": "Halloran Vance", }]')
    await expect(addEntities(content, { file: filePath() })).rejects.toThrow(
      `${filePath()}: not valid JSON`,
    )
    await writeFile(filePath(), '[]')
    await expect(addEntities(content, { file: filePath() })).rejects.toThrow(
      'nothing to add: the file holds no entries',
    )
  })

  it('puts the gazetteer back if the file cannot be rewritten: both or neither', async () => {
    await writeEntries([vance])
    const before = await onDisk()
    io.failOn = filePath()
    await expect(addEntities(content, { file: filePath() })).rejects.toThrow(
      `EIO: i/o error, write '${filePath()}'; nothing added: ${gazetteerPath()} is as it was`,
    )
    expect(await onDisk()).toBe(before)
    expect(JSON.parse(await onDisk(filePath()))).toEqual([vance])
  })
})
