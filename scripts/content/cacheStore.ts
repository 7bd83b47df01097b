// Where the content build keeps what it knows of the archive between builds: an SQLite database
// (better-sqlite3), a row for each story, output file and picture. A refresh then saves only the
// rows its change touched, instead of rewriting one JSON file the size of the archive (18 MB at
// 10,000 stories, written whole by every refresh). It is a cache: the build checks it against the
// files on each run and ignores it when in doubt (docs/decisions/031).
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/** What the store holds: its layout's version, a few settings, and rows by key. */
export interface StoredCache<Story> {
  readonly version: number
  readonly meta: Readonly<Record<string, string>>
  readonly stories: Readonly<Record<string, Story>>
  readonly outputs: Readonly<Record<string, string>>
  readonly images: Readonly<Record<string, string>>
}

const TABLES = ['stories', 'outputs', 'images'] as const

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS stories (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS images (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`

/** The cache in a file, or undefined when there is none or it cannot be read. */
export function readStoredCache<Story>(file: string): StoredCache<Story> | undefined {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const rows = (table: string) =>
      db?.prepare(`SELECT key, value FROM ${table}`).raw().all() as [string, string][]
    const { version: stamp, ...meta } = Object.fromEntries(rows('meta'))
    const version = Number(stamp)
    if (!Number.isInteger(version)) return undefined
    return {
      version,
      meta,
      stories: Object.fromEntries(
        rows('stories').map(([key, value]) => [key, JSON.parse(value) as Story]),
      ),
      outputs: Object.fromEntries(rows('outputs')),
      images: Object.fromEntries(rows('images')),
    }
  } catch {
    return undefined
  } finally {
    db?.close()
  }
}

/**
 * Saves `next` over `previous` (what readStoredCache gave, or undefined to replace everything), in
 * one transaction: a build that stops part-way leaves the last cache whole. Only rows that differ
 * from `previous` are written; a story's row is written when its object is not the one read (the
 * build makes a new object for each story whose facts it recomputed, and never modifies the ones
 * it read).
 */
export function saveStoredCache<Story>(
  file: string,
  next: StoredCache<Story>,
  previous: StoredCache<Story> | undefined,
) {
  mkdirSync(path.dirname(file), { recursive: true })
  let db = open(file)
  if (!db) {
    // Not a database this code can use: it is only a cache, so it is made again.
    rmSync(file, { force: true })
    db = open(file)
    if (!db) throw new Error(`cannot create the content build's cache ${file}`)
  }
  try {
    const put = (table: string) =>
      db.prepare(`INSERT OR REPLACE INTO ${table} (key, value) VALUES (?, ?)`)
    const drop = (table: string) => db.prepare(`DELETE FROM ${table} WHERE key = ?`)
    db.transaction(() => {
      const putMeta = put('meta')
      db.prepare('DELETE FROM meta').run()
      putMeta.run('version', String(next.version))
      for (const [key, value] of Object.entries(next.meta)) putMeta.run(key, value)
      for (const table of TABLES) {
        const before: Readonly<Record<string, unknown>> = previous?.[table] ?? {}
        const after: Readonly<Record<string, unknown>> = next[table]
        if (!previous) db.prepare(`DELETE FROM ${table}`).run()
        const putRow = put(table)
        for (const [key, value] of Object.entries(after))
          if (before[key] !== value)
            putRow.run(key, typeof value === 'string' ? value : JSON.stringify(value))
        const dropRow = drop(table)
        for (const key of Object.keys(before)) if (!(key in after)) dropRow.run(key)
      }
    })()
  } finally {
    db.close()
  }
}

function open(file: string): Database.Database | undefined {
  let db: Database.Database | undefined
  try {
    db = new Database(file)
    // One writer, on one machine: no journal file outlives a transaction.
    db.pragma('journal_mode = DELETE')
    db.exec(SCHEMA)
    return db
  } catch {
    db?.close()
    return undefined
  }
}
