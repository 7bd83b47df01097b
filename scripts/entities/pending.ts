// New names waiting for the editor: `npm run ingest -- … --accept-suggestions` writes each name it
// suggested as a stub in content/entities-pending.json (name, a guessed kind, no aliases, an empty
// description, and the stories it came from); the editor completes them, and
// `npm run entities -- add --file content/entities-pending.json` moves the complete ones into the
// gazetteer. A name is never pending twice, nor pending once it is in the gazetteer.
import path from 'node:path'
import type { Suggestion } from '../ingest/suggest'
import { readFile } from '../lib/fs'
import { gazetteerFile, nameKey, ORIGIN_KEY, type StubOrigin } from './add'
import { appendToArray, formatJson, readJsonArray, replaceIfUnchanged, type JsonFile } from './json'

export const pendingFile = (contentDir: string) => path.join(contentDir, 'entities-pending.json')

/** A name for the editor to complete. `kind` is empty when the tagger could not tell. */
export interface Stub {
  name: string
  kind: 'person' | 'place' | 'organisation' | ''
  aliases: string[]
  description: string
  from: StubOrigin[]
}

/** The names ingest suggested in one story. */
export interface Suggested {
  story: string
  wire: string
  suggestions: readonly Suggestion[]
}

export type PendingFile = JsonFile & { value: unknown[] }

/** The pending stubs (none when there is no file yet); a file that is not a JSON array stops. */
export const readPending = (contentDir: string): Promise<PendingFile> =>
  readJsonArray(pendingFile(contentDir), [])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Every name and alias the entries hold, by `nameKey`, with the entry's index. */
function namesOf(entries: readonly unknown[]): Map<string, number> {
  const names = new Map<string, number>()
  entries.forEach((entry, i) => {
    if (!isRecord(entry)) return
    const aliases = Array.isArray(entry.aliases) ? (entry.aliases as unknown[]) : []
    for (const name of [entry.name, ...aliases]) {
      if (typeof name === 'string' && !names.has(nameKey(name))) names.set(nameKey(name), i)
    }
  })
  return names
}

const sameOrigin = (a: unknown, b: StubOrigin) =>
  isRecord(a) && a.story === b.story && a.wire === b.wire

export interface Merged {
  /** The pending file's entries after the merge. */
  entries: unknown[]
  /** Stubs new to the file. */
  added: Stub[]
  /** Names already pending, now also listing another story they came from. */
  seenAgain: string[]
  /** Names the gazetteer already has (by name or alias), left out. */
  known: string[]
}

/**
 * The pending entries with the suggestions merged in: a name new to both the gazetteer and the
 * pending file becomes a stub; a name already pending gets the story added to its `from`; a name
 * the gazetteer has (as a name or an alias, case aside) is left out. Entries already pending are
 * kept as they are, whatever the editor has done to them.
 */
export function mergeSuggestions(
  pending: readonly unknown[],
  gazetteer: readonly unknown[],
  found: readonly Suggested[],
): Merged {
  const entries = [...pending]
  const known = namesOf(gazetteer)
  const waiting = namesOf(pending)
  const merged: Merged = { entries, added: [], seenAgain: [], known: [] }
  for (const { story, wire, suggestions } of found) {
    const origin: StubOrigin = { story, wire }
    for (const { name, kind } of suggestions) {
      const key = nameKey(name)
      if (known.has(key)) {
        if (!merged.known.includes(name)) merged.known.push(name)
        continue
      }
      const at = waiting.get(key)
      if (at === undefined) {
        const stub: Stub = {
          name,
          kind: kind === 'name' ? '' : kind,
          aliases: [],
          description: '',
          [ORIGIN_KEY]: [origin],
        }
        waiting.set(key, entries.length)
        entries.push(stub)
        merged.added.push(stub)
        continue
      }
      const entry = entries[at]
      if (!isRecord(entry)) continue
      const from: unknown = entry[ORIGIN_KEY]
      const origins = Array.isArray(from) ? (from as unknown[]) : []
      if (origins.some((o) => sameOrigin(o, origin))) continue
      entries[at] = { ...entry, [ORIGIN_KEY]: [...origins, origin] }
      if (!merged.seenAgain.includes(name)) merged.seenAgain.push(name)
    }
  }
  return merged
}

/**
 * Writes the suggestions of an ingest into the pending file as stubs (see `mergeSuggestions`).
 * `pending` is the file as read before the ingest, so that a broken pending file stops the ingest
 * before it writes anything, and an edit made meanwhile is never overwritten. With `dryRun`, says
 * what it would write and writes nothing.
 */
export async function acceptSuggestions(
  contentDir: string,
  found: readonly Suggested[],
  options: { pending?: PendingFile; dryRun?: boolean } = {},
): Promise<Merged & { file: string; written: boolean }> {
  const pending = options.pending ?? (await readPending(contentDir))
  const gazetteer = await readJsonArray(gazetteerFile(contentDir))
  const merged = mergeSuggestions(pending.value, gazetteer.value, found)
  const changed = merged.added.length > 0 || merged.seenAgain.length > 0
  if (!changed || options.dryRun) return { ...merged, file: pending.file, written: false }
  // New stubs only: appended, the editor's work above them byte for byte as it was.
  const text =
    merged.seenAgain.length === 0
      ? await appendToArray(pending.text ?? '', pending.value, merged.added)
      : await formatJson(merged.entries)
  await replaceIfUnchanged(pending, text)
  return { ...merged, file: pending.file, written: true }
}

/** Removes stubs from the pending file by name (case aside): all the names given, or none. */
export async function dropPending(contentDir: string, names: readonly string[]) {
  const pending = await readPending(contentDir)
  const at = namesOf(pending.value)
  const missing = names.filter((name) => !at.has(nameKey(name)))
  if (missing.length > 0) {
    throw new Error(
      `${pending.file}: no stub named ${missing.map((n) => `"${n}"`).join(', ')}; nothing dropped`,
    )
  }
  const drop = new Set(names.map((name) => at.get(nameKey(name))))
  const rest = pending.value.filter((_, i) => !drop.has(i))
  await replaceIfUnchanged(pending, await formatJson(rest))
  return { file: pending.file, dropped: drop.size, left: rest.length }
}

const shellWord = (word: string) =>
  /^[\w./:@%+=-]+$/u.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`

/** `--content <dir>` for a command the desk is told to run, unless it is the default folder. */
export const contentFlag = (contentDir: string) =>
  path.normalize(contentDir) === 'content' ? '' : ` --content ${shellWord(contentDir)}`

/**
 * The ingest commands that link newly added names in the stories they came from: each story's
 * wire copy again, with its section (read from the story) and --force, one command per section.
 * A story no longer at its address is left out.
 */
export async function relinkCommands(
  origins: readonly StubOrigin[],
  contentDir = 'content',
): Promise<string[]> {
  const bySection = new Map<string, Set<string>>()
  for (const { story, wire } of origins) {
    const article: unknown = await readFile(story, 'utf8')
      .then((text) => JSON.parse(text) as unknown)
      .catch(() => undefined)
    // A story no longer published (withdrawn, say) is not ingested again.
    if (!isRecord(article) || typeof article.section !== 'string') continue
    const wires = bySection.get(article.section) ?? new Set()
    bySection.set(article.section, wires.add(wire))
  }
  return [...bySection].map(
    ([section, wires]) =>
      `npm run ingest -- ${[...wires].map(shellWord).join(' ')} --section ${shellWord(section)} --force${contentFlag(contentDir)}`,
  )
}
