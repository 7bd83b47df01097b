// Adds people, places and organisations to the gazetteer, content/entities.json, from flags or from
// a JSON file the editor fills. Every entry is checked exactly as the content build checks the
// gazetteer (the schema with the content rules, then `checkGazetteer`: ids and names unique), with
// the entries already there; if anything is wrong nothing is written, and each problem names the
// file, the entry and the field. The new entries go at the end of the file, every byte before them
// as it was. Entries added from a file leave it; stubs from ingest that are still to complete stay.
import path from 'node:path'
import slugify from '@sindresorhus/slugify'
import * as v from 'valibot'
import { GazetteerSchema, type GazetteerEntry } from '../../src/content/schema'
import { issuePath } from '../../src/content/issuePath'
import { checkGazetteer, type ContentProblem } from '../content/build'
import { writeWhole } from '../lib/fs'
import { appendToArray, formatJson, readJsonArray, replaceIfUnchanged, type JsonFile } from './json'

export const gazetteerFile = (contentDir: string) => path.join(contentDir, 'entities.json')

/**
 * Where a stub came from: the story ingest suggested it in and that story's wire copy. Kept in the
 * pending file only; an entry added to the gazetteer leaves it behind.
 */
export interface StubOrigin {
  story: string
  wire: string
}
/** The key of a stub's origins: a field of the pending file, never of the gazetteer. */
export const ORIGIN_KEY = 'from'

/** As `checkGazetteer` compares names: "BELTA" and "Belta" are one name. */
export const nameKey = (name: string) => name.toLocaleLowerCase('en')

// As ingest makes a story's address: accents folded (Vidmaršek is "vidmarsek", Łukasz "lukasz",
// Мирослава "miroslava"), apostrophes gone without a trace ("Workers' Union" is "workers-union").
const SLUG_OPTIONS = {
  decamelize: false,
  customReplacements: [
    ["'", ''],
    ['’', ''],
  ] as [string, string][],
}
const ID_MAX = 120

/** An entity's id from its name; empty when the name has no letters or digits in Latin script. */
export function entityId(name: string): string {
  const id = slugify(name, SLUG_OPTIONS)
  if (id.length <= ID_MAX) return id
  const cut = id.slice(0, ID_MAX + 1)
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : ID_MAX)
}

/** One line of text: trimmed, runs of white space made one space. */
const tidy = (text: string) => text.trim().replace(/\s+/gu, ' ')

export interface EntityFlags {
  name: string
  kind: string
  description: string
  aliases: string[]
  /** Aliases that name it only once a story has named it in full (decision 025). */
  ambiguous?: string[]
  id?: string
}

export type AddInput = { flags: EntityFlags } | { file: string }

export interface Problem {
  /**
   * The file and entry, e.g. `new.json: entry 2 ("Halloran Vance")`, or `content/entities.json`;
   * empty for an entry given as flags.
   */
  where: string
  /** The field in the entry (`kind`, `aliases[1]`), the flag (`--kind`), or a JSON path. */
  field: string
  message: string
}

export const formatProblem = (p: Problem) =>
  [p.where, p.field, p.message].filter((part) => part !== '').join(': ')

/** What stopped an add: every problem found, none written. */
export class EntitiesError extends Error {
  readonly problems: Problem[]
  constructor(problems: Problem[]) {
    super(
      `nothing added; ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    )
    this.name = 'EntitiesError'
    this.problems = problems
  }
}

export interface AddResult {
  gazetteer: string
  /** The entries added, as written, with where each stub came from. */
  added: { entry: GazetteerEntry; origins: StubOrigin[] }[]
  /** The file they came from, if any, and the stubs still to complete that stay in it. */
  file?: string
  waiting: { entry: number; name: string }[]
  /**
   * What the build would warn of in the new entries (an alias another entity shares), and fields
   * kept as written that the gazetteer does not know (a typo?).
   */
  notes: string[]
}

interface Draft {
  /** 1-based, as the editor counts entries. */
  n: number
  where: string
  entry: Record<string, unknown>
  origins: StubOrigin[]
  /** The id was not given but made from the name. */
  idFromName: boolean
}

// The schema can say one thing twice (an empty description is both too short and blank).
const once = (problems: Problem[]) => [
  ...new Map(problems.map((p) => [formatProblem(p), p])).values(),
]

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

// The fields of a gazetteer entry, in the contract's order (`ambiguous` is the build's and ingest's).
const FIELDS = Object.keys(GazetteerSchema.item.entries)

/** A flag for a field of the entry, when the entry came from flags: `aliases[1]` is `--alias`. */
function flagOf(field: string): string {
  const key = /^[a-z]+/.exec(field)?.[0] ?? ''
  return key === 'aliases' ? '--alias' : `--${key}`
}

function originsOf(value: unknown): StubOrigin[] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (o): o is StubOrigin =>
      isRecord(o) && typeof o.story === 'string' && typeof o.wire === 'string',
  )
}

/** Whether an entry is a stub ingest wrote whose description is still to be written. */
export function stillToComplete(value: unknown): boolean {
  if (!isRecord(value) || !(ORIGIN_KEY in value)) return false
  const { description } = value
  return description === undefined || (typeof description === 'string' && tidy(description) === '')
}

/**
 * Sorts the entries of an input into those to add and stubs still to complete, and checks the ones
 * to add with the gazetteer as the content build would. Writes nothing.
 */
export function prepare(
  gazetteer: { label: string; entries: unknown[] },
  input: { label?: string; entries: unknown[] },
): {
  ready: Draft[]
  waiting: { entry: number; name: string }[]
  problems: Problem[]
  notes: string[]
} {
  const problems: Problem[] = []
  const notes: string[] = []
  const ready: Draft[] = []
  const waiting: { entry: number; name: string }[] = []
  const fromFlags = input.label === undefined
  const field = (name: string) => (fromFlags ? flagOf(name) : name)

  input.entries.forEach((raw, i) => {
    const n = i + 1
    const named = isRecord(raw) && typeof raw.name === 'string' ? ` ("${tidy(raw.name)}")` : ''
    const where = fromFlags ? '' : `${input.label ?? ''}: entry ${n}${named}`
    if (!isRecord(raw)) {
      problems.push({
        where,
        field: '',
        message: 'must be an object { "name", "kind", "description", "aliases"?, "id"? }',
      })
      return
    }
    if (stillToComplete(raw)) {
      waiting.push({ entry: n, name: typeof raw.name === 'string' ? tidy(raw.name) : '' })
      return
    }
    const { [ORIGIN_KEY]: origins, id, name, kind, aliases = [], description, ...rest } = raw
    const tidied = {
      name: typeof name === 'string' ? tidy(name) : name,
      description: typeof description === 'string' ? tidy(description) : description,
      aliases: Array.isArray(aliases)
        ? aliases.map((a: unknown) => (typeof a === 'string' ? tidy(a) : a))
        : aliases,
    }
    let entityIdValue = typeof id === 'string' ? id.trim() : id
    if (entityIdValue === undefined && typeof tidied.name === 'string' && tidied.name) {
      entityIdValue = entityId(tidied.name)
      if (!entityIdValue) {
        problems.push({
          where,
          field: field('id'),
          message: `"${tidied.name}" has no letters or digits in Latin script to make an id of: give one${fromFlags ? '' : ' ("id": "…")'}`,
        })
        return
      }
    }
    const given: Record<string, unknown> = {
      ...rest,
      id: entityIdValue,
      name: tidied.name,
      kind,
      aliases: tidied.aliases,
      description: tidied.description,
    }
    // The contract's order, then anything else as it came.
    const entry: Record<string, unknown> = {}
    for (const key of FIELDS) if (given[key] !== undefined) entry[key] = given[key]
    for (const key of Object.keys(rest)) {
      if (FIELDS.includes(key)) continue
      entry[key] = rest[key]
      notes.push(`${where}: "${key}" is not a field of the gazetteer; kept as written`)
    }
    ready.push({
      n,
      where,
      entry,
      origins: originsOf(origins),
      idFromName: id === undefined,
    })
  })

  // The gazetteer as it stands must be sound: a problem there is reported as the build reports it.
  const existing = v.safeParse(GazetteerSchema, gazetteer.entries)
  if (!existing.success) {
    for (const issue of existing.issues) {
      problems.push({ where: gazetteer.label, field: issuePath(issue), message: issue.message })
    }
    return { ready, waiting, problems: once(problems), notes }
  }

  // Each new entry against the schema, with the content rules.
  const checked: { draft: Draft; entity: GazetteerEntry }[] = []
  for (const draft of ready) {
    const result = v.safeParse(GazetteerSchema, [draft.entry])
    if (result.success && result.output[0]) {
      checked.push({ draft, entity: result.output[0] })
      continue
    }
    if (result.success) continue
    for (const issue of result.issues) {
      const at = issuePath(issue).replace(/^\$\[0\]\.?/u, '')
      // An id made from a name that is itself wrong: the name's problem is the one to report.
      if (draft.idFromName && at === 'id') continue
      problems.push({ where: draft.where, field: at ? field(at) : '', message: issue.message })
    }
  }

  // An id already taken, said plainly (checkGazetteer's own words follow for everything else).
  const owners = new Map(existing.output.map((e) => [e.id, e]))
  const reported = new Set<string>()
  for (const { draft, entity } of checked) {
    const owner = owners.get(entity.id)
    if (!owner) continue
    // The same entity again, most likely: say so rather than ask for another id.
    const again = [owner.name, ...owner.aliases].some((n) => nameKey(n) === nameKey(entity.name))
    problems.push(
      again
        ? {
            where: draft.where,
            field: field('name'),
            message: `"${entity.name}" is already in ${gazetteer.label}, as "${owner.id}"`,
          }
        : {
            where: draft.where,
            field: field('id'),
            message: `"${entity.id}" is already the id of "${owner.name}" in ${gazetteer.label}: give another${fromFlags ? ' with --id' : ''}`,
          },
    )
    reported.add(`${draft.n}:id`)
  }

  // Then the content build's own rules for the whole gazetteer, as it would be.
  const found: ContentProblem[] = []
  const warned: string[] = []
  checkGazetteer(
    [...existing.output, ...checked.map((c) => c.entity)],
    gazetteer.label,
    found,
    warned,
  )
  const draftAt = (index: string) => {
    const k = Number(index) - existing.output.length
    return index && k >= 0 ? checked[k]?.draft : undefined
  }
  // Warnings about the new entries, said of them (those about the gazetteer as it was, the build
  // says every time).
  for (const warning of warned) {
    const [, index = '', rest = '', message = ''] =
      /^\$\[(\d+)\]\.?(\S*): (.*)$/su.exec(warning.slice(gazetteer.label.length + 1)) ?? []
    const draft = warning.startsWith(`${gazetteer.label} `) ? draftAt(index) : undefined
    if (draft) notes.push(formatProblem({ where: draft.where, field: field(rest), message }))
    else if (!index) notes.push(warning)
  }
  for (const problem of found) {
    const [, index = '', rest = ''] = /^\$\[(\d+)\]\.?(.*)$/u.exec(problem.path) ?? []
    const draft = draftAt(index)
    if (!draft) {
      problems.push({ where: problem.file, field: problem.path, message: problem.message })
      continue
    }
    const key = /^[a-z]+/.exec(rest)?.[0] ?? ''
    if (reported.has(`${draft.n}:${key}`)) continue
    problems.push({ where: draft.where, field: field(rest), message: problem.message })
  }
  return { ready, waiting, problems: once(problems), notes }
}

/**
 * Adds the entries of `input` to the gazetteer in `contentDir`: all of them or, if anything is
 * wrong, none (an EntitiesError lists every problem). From a file, the entries added are taken out
 * of it, in the same step; stubs from ingest with no description yet stay in it.
 */
export async function addEntities(contentDir: string, input: AddInput): Promise<AddResult> {
  const gazetteer = await readJsonArray(gazetteerFile(contentDir))
  let source: (JsonFile & { value: unknown[] }) | undefined
  let entries: unknown[]
  if ('file' in input) {
    source = await readJsonArray(input.file)
    entries = source.value
  } else {
    const { id, aliases, ambiguous, ...flags } = input.flags
    entries = [
      {
        ...(id === undefined ? {} : { id }),
        ...flags,
        aliases,
        ...(ambiguous?.length ? { ambiguous } : {}),
      },
    ]
  }
  const { ready, waiting, problems, notes } = prepare(
    { label: gazetteer.file, entries: gazetteer.value },
    { ...(source ? { label: source.file } : {}), entries },
  )
  if (problems.length > 0) throw new EntitiesError(problems)
  if (ready.length === 0) {
    const label = source?.file ?? 'flags'
    const names = waiting.map((w) => w.name).join(', ')
    throw new Error(
      waiting.length > 0
        ? `${label}: nothing to add: ${waiting.length} still to complete (no description yet): ${names}`
        : `${label}: nothing to add: the file holds no entries`,
    )
  }

  const entities = ready.map((d) => d.entry as GazetteerEntry)
  await replaceIfUnchanged(
    gazetteer,
    await appendToArray(gazetteer.text ?? '', gazetteer.value, entities),
  )
  if (source) {
    const added = new Set(ready.map((d) => d.n - 1))
    const rest = source.value.filter((_, i) => !added.has(i))
    try {
      await replaceIfUnchanged(source, await formatJson(rest))
    } catch (error) {
      // Both files or neither: put the gazetteer back as it was.
      await writeWhole(gazetteer.file, gazetteer.text ?? '')
      throw new Error(
        `${(error as Error).message}; nothing added: ${gazetteer.file} is as it was`,
        { cause: error },
      )
    }
  }
  return {
    gazetteer: gazetteer.file,
    added: ready.map((d) => ({ entry: d.entry as GazetteerEntry, origins: d.origins })),
    ...(source ? { file: source.file } : {}),
    waiting,
    notes,
  }
}
