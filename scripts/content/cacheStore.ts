// Where the content build keeps what it knows of the archive between builds: an SQLite database
// (better-sqlite3), a row for each story, output file and picture, and which files show which
// stories' summaries. A refresh then saves only the rows its change touched, instead of rewriting
// one JSON file the size of the archive, and an edit that moves nothing finds the pages that show
// a story by one lookup (docs/decisions/033). It is a cache: the build checks it against the files
// on each run and ignores it when in doubt (docs/decisions/031).
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { workingName } from '../lib/leftovers'

/** What the store holds: its layout's version, a few settings, and rows by key. */
export interface StoredCache<Story> {
  readonly version: number
  readonly meta: Readonly<Record<string, string>>
  readonly stories: Readonly<Record<string, Story>>
  readonly outputs: Readonly<Record<string, string>>
  readonly images: Readonly<Record<string, string>>
  /** The gazetteer's entries by id, as JSON: an edit looks up those its stories name. */
  readonly entities: Readonly<Record<string, string>>
}

/** How a story's row is keyed to its file, so that a build can compare without parsing the row. */
export type StampOf<Story> = (story: Story) => string

/** The stories each output file shows, for the files a build wrote (file -> stories' keys). */
export type Shows = ReadonlyMap<string, readonly string[]>

// The tables' layout: a store of another layout is no cache, and is made again.
const LAYOUT = 4
const TABLES = ['stories', 'outputs', 'images', 'entities'] as const
/** Tables whose rows no `shows` row points at. */
const UNSHOWN: readonly string[] = ['images', 'entities']

// Stories and output files have numbers that last while their rows do (rows are updated in
// place, never replaced), so that `shows`, a dozen rows a story, holds two numbers a row, not two
// paths: at 100,000 stories 1.1 million rows. Stories' rows are large (their facts), so they are
// in a table with row ids, and their keys and stamps in an index the check of every story file
// reads alone.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS stories
    (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, stamp TEXT NOT NULL, value TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS stories_stamps ON stories (key, stamp);
  CREATE TABLE IF NOT EXISTS outputs
    (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS images (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS entities (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS shows
    (story INTEGER NOT NULL, file INTEGER NOT NULL, PRIMARY KEY (story, file)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS shows_by_file ON shows (file);
`

/** Writes a row of a table keyed by `key`, keeping its number when it has one. */
const upsert = (db: Database.Database, table: string, columns: readonly string[]) =>
  db.prepare(
    `INSERT INTO ${table} (key, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})
     ON CONFLICT (key) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`,
  )

function openRead(file: string): Database.Database | undefined {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    if (db.pragma('user_version', { simple: true }) !== LAYOUT) throw new Error('another layout')
    return db
  } catch {
    db?.close()
    return undefined
  }
}

// Kept by the store itself beside the caller's settings: counting the rows of the stories' table
// took 70 ms of an edit at 100,000 stories, of the gazetteer's 10-20 ms at 10,000 entries.
const STORY_COUNT = 'storyCount'
const ENTITY_COUNT = 'entityCount'

const metaOf = (db: Database.Database) => {
  const rows = db.prepare('SELECT key, value FROM meta').raw().all() as [string, string][]
  const {
    version: stamp,
    [STORY_COUNT]: stories,
    [ENTITY_COUNT]: entities,
    ...meta
  } = Object.fromEntries(rows)
  const count = (value: string | undefined) => (value === undefined ? undefined : Number(value))
  return { version: Number(stamp), meta, storyCount: count(stories), entityCount: count(entities) }
}

/** The cache in a file, or undefined when there is none or it cannot be read. */
export function readStoredCache<Story>(file: string): StoredCache<Story> | undefined {
  const db = openRead(file)
  if (!db) return undefined
  try {
    const rows = (table: string) =>
      db.prepare(`SELECT key, value FROM ${table}`).raw().all() as [string, string][]
    const { version, meta } = metaOf(db)
    if (!Number.isInteger(version)) return undefined
    return {
      version,
      meta,
      stories: Object.fromEntries(
        rows('stories').map(([key, value]) => [key, JSON.parse(value) as Story]),
      ),
      outputs: Object.fromEntries(rows('outputs')),
      images: Object.fromEntries(rows('images')),
      entities: Object.fromEntries(rows('entities')),
    }
  } catch {
    return undefined
  } finally {
    db.close()
  }
}

/**
 * The cache as rows to look up one at a time: for a build that reads only what a change touches.
 * Undefined when there is none or it cannot be read; close it when done.
 */
export function openStoredCache(file: string) {
  const db = openRead(file)
  if (!db) return undefined
  try {
    const { version, meta, storyCount, entityCount } = metaOf(db)
    const story = db.prepare('SELECT value FROM stories WHERE key = ?').pluck()
    const stamp = db.prepare('SELECT stamp FROM stories WHERE key = ?').pluck()
    const output = db.prepare('SELECT value FROM outputs WHERE key = ?').pluck()
    const entity = db.prepare('SELECT value FROM entities WHERE key = ?').pluck()
    const shownIn = db
      .prepare(
        `SELECT outputs.key FROM stories JOIN shows ON shows.story = stories.id
         JOIN outputs ON outputs.id = shows.file WHERE stories.key = ?`,
      )
      .pluck()
    const shownUnder = db
      .prepare(
        `SELECT DISTINCT stories.key FROM outputs JOIN shows ON shows.file = outputs.id
         JOIN stories ON stories.id = shows.story WHERE outputs.key >= ? AND outputs.key < ?`,
      )
      .pluck()
    return {
      version,
      meta,
      /** Each story's key and stamp. */
      stamps: () => db.prepare('SELECT key, stamp FROM stories').raw().all() as [string, string][],
      /** One story's stamp, from the index alone; undefined for a story it does not know. */
      stamp: (key: string) => stamp.get(key) as string | undefined,
      /** How many stories it knows. */
      storyCount: () =>
        storyCount ?? (db.prepare('SELECT count(*) FROM stories').pluck().get() as number),
      images: () =>
        Object.fromEntries(
          db.prepare('SELECT key, value FROM images').raw().all() as [string, string][],
        ),
      /** A story's row, parsed: the caller knows its type. */
      story: (key: string): unknown => {
        const value = story.get(key) as string | undefined
        return value === undefined ? undefined : JSON.parse(value)
      },
      output: (key: string) => output.get(key) as string | undefined,
      /** A gazetteer entry's row (JSON), by id. */
      entity: (key: string) => entity.get(key) as string | undefined,
      /** How many entries the gazetteer had. */
      entityCount: () =>
        entityCount ?? (db.prepare('SELECT count(*) FROM entities').pluck().get() as number),
      /** Output files whose names start with `prefix`, with their values. */
      outputsUnder: (prefix: string) =>
        db
          .prepare('SELECT key, value FROM outputs WHERE key >= ? AND key < ?')
          .raw()
          .all(prefix, `${prefix}\uffff`) as [string, string][],
      /** The output files that show a story's summary (by the story's key). */
      shownIn: (key: string) => shownIn.all(key) as string[],
      /** The stories (keys) the output files whose names start with `prefix` show. */
      shownUnder: (prefix: string) => shownUnder.all(prefix, `${prefix}\uffff`) as string[],
      close: () => db.close(),
    }
  } catch {
    db.close()
    return undefined
  }
}

export type OpenedCache = NonNullable<ReturnType<typeof openStoredCache>>

/**
 * The store at `from` copied to `to` with some of its meta changed, or false when `from` is no
 * store of this layout. The copy is made beside `to` and renamed into place: `to` is never half a
 * store. Only while nothing writes `from` (a build's steps run one after another).
 */
export function copyStoredCache(
  from: string,
  to: string,
  meta: Readonly<Record<string, string>>,
): boolean {
  const source = openRead(from)
  if (!source) return false
  source.close()
  mkdirSync(path.dirname(to), { recursive: true })
  const temp = workingName(to, 'tmp')
  try {
    copyFileSync(from, temp)
    const db = new Database(temp)
    try {
      const set = db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      db.transaction(() => {
        for (const [key, value] of Object.entries(meta)) set.run(key, value)
      })()
    } finally {
      db.close()
    }
    renameSync(temp, to)
    return true
  } finally {
    rmSync(temp, { force: true })
  }
}

/**
 * Saves `next` over `previous` (what readStoredCache gave, or undefined to replace everything), in
 * one transaction: a build that stops part-way leaves the last cache whole. Only rows that differ
 * from `previous` are written; a story's row is written when its object is not the one read (the
 * build makes a new object for each story whose facts it recomputed, and never modifies the ones
 * it read). `shows` gives the stories shown by each file written; a file removed shows none.
 */
export function saveStoredCache<Story>(
  file: string,
  next: StoredCache<Story>,
  previous: StoredCache<Story> | undefined,
  stampOf: StampOf<Story>,
  shows: Shows = new Map(),
) {
  const db = openWrite(file)
  try {
    const put = (table: string) =>
      db.prepare(`INSERT OR REPLACE INTO ${table} (key, value) VALUES (?, ?)`)
    const drop = (table: string) => db.prepare(`DELETE FROM ${table} WHERE key = ?`)
    db.transaction(() => {
      const putMeta = put('meta')
      db.prepare('DELETE FROM meta').run()
      putMeta.run('version', String(next.version))
      putMeta.run(STORY_COUNT, String(Object.keys(next.stories).length))
      putMeta.run(ENTITY_COUNT, String(Object.keys(next.entities).length))
      for (const [key, value] of Object.entries(next.meta)) putMeta.run(key, value)
      if (!previous) db.prepare('DELETE FROM shows').run()
      for (const table of TABLES) {
        const before: Readonly<Record<string, unknown>> = previous?.[table] ?? {}
        const after: Readonly<Record<string, unknown>> = next[table]
        if (!previous) db.prepare(`DELETE FROM ${table}`).run()
        const putRow =
          table === 'stories'
            ? upsert(db, table, ['stamp', 'value'])
            : table === 'outputs'
              ? upsert(db, table, ['value'])
              : put(table)
        // (`for…in`: no array of pairs as long as the table.)
        for (const key in after) {
          const value = after[key]
          if (before[key] === value) continue
          if (table === 'stories') putRow.run(key, stampOf(value as Story), JSON.stringify(value))
          else putRow.run(key, value)
        }
        // A row that goes takes what `shows` says of it along.
        const forget = table === 'stories' ? forgetStory(db) : forgetShows(db)
        const dropRow = drop(table)
        for (const key of Object.keys(before))
          if (!(key in after)) {
            if (!UNSHOWN.includes(table)) forget.run(key)
            dropRow.run(key)
          }
      }
      setShows(db, shows)
    })()
  } finally {
    db.close()
  }
}

/** A whole cache written as a full build goes (`freshStoredCache`). */
export interface FreshCache<Story> {
  /**
   * A story's row, once its facts are final: before any file that shows it. `place`: the story's
   * among the stories the store was made for (its file's name's among the sorted names).
   */
  story(place: number, key: string, story: Story, row: string): void
  /** An output file's row and the stories it shows (their places), as the file is written. */
  output(key: string, value: string, shows: readonly number[]): void
  /** The rest of the cache, then the new store in place of the old one, at once. */
  finish(rest: Omit<StoredCache<Story>, 'stories' | 'outputs'>): void
  /** Removes the new store, leaving the old one; again, or after `finish`, does nothing. */
  discard(): void
}

let freshCount = 0

/**
 * A new store for `file`, filled as a full build goes: each story's row when its facts are final,
 * each output file's row and what it shows as the file is written. Only each story's row number
 * stays in the build's memory, by the story's place among the `count` it is made for (the story
 * files' names, sorted), which the build gives with its key: saved as a whole at its end, the
 * files' hashes and what each shows were maps of 145,000 entries at 100,000 stories, and their
 * rows' numbers another two, and a map of the keys to their numbers was 3.7 MB more; found by its
 * key, each story a file shows was a search of the names (docs/decisions/075). It is made beside
 * `file` and renamed over it by `finish`: until then the old store is as it was, and a build that
 * stops leaves no new one (`discard`, or the process's exit). Only its builder reads it: its
 * journal in memory, nothing synced until it is finished.
 */
export function freshStoredCache<Story>(
  file: string,
  stampOf: StampOf<Story>,
  count: number,
): FreshCache<Story> {
  mkdirSync(path.dirname(file), { recursive: true })
  const temp = workingName(file, 'next', (freshCount += 1))
  rmSync(temp, { force: true })
  const db = new Database(temp)
  const removeFile = () => rmSync(temp, { force: true })
  let open = true
  const close = () => {
    if (!open) return false
    open = false
    db.close()
    process.off('exit', removeFile)
    return true
  }
  try {
    // Its journal in memory: better-sqlite3's connections are defensive, which ignores OFF.
    db.pragma('journal_mode = MEMORY')
    db.pragma('synchronous = OFF')
    db.pragma(`user_version = ${LAYOUT}`)
    // It only appends until its end: a few pages of each cache (16 MB each by default) will do,
    // in the build's busiest step.
    db.pragma('cache_size = -2048')
    db.exec(SCHEMA)
    // What the files show, a dozen rows a story, comes by file: each row added to the table
    // (by story) and its index (by file) went to a page of its own, 9.7 s of the build's thread
    // at 100,000 stories. They are kept in the order they come, in a table of the connection's
    // own (a file of its own, removed when it closes), and put in order once, at the end.
    db.exec(`
      DROP INDEX shows_by_file;
      CREATE TEMP TABLE shown (story INTEGER NOT NULL, file INTEGER NOT NULL);
      PRAGMA temp.cache_size = -2048;
    `)
    db.exec('BEGIN')
  } catch (error) {
    close()
    removeFile()
    throw error
  }
  process.once('exit', removeFile)
  const putStory = db.prepare('INSERT INTO stories (key, stamp, value) VALUES (?, ?, ?)')
  const putOutput = db.prepare('INSERT INTO outputs (key, value) VALUES (?, ?)')
  const addShow = db.prepare('INSERT INTO shown (story, file) VALUES (?, ?)')
  const put = (table: string) => db.prepare(`INSERT INTO ${table} (key, value) VALUES (?, ?)`)
  // Each story's row number at its place; 0 until its row is put.
  const storyIds = new Float64Array(count)
  let stories = 0
  return {
    story(place, key, story, row) {
      if (!(place >= 0 && place < count))
        throw new Error(`the new cache was not made for a story at ${place} (${key})`)
      if (storyIds[place] !== 0) throw new Error(`the new cache has story ${key} already`)
      storyIds[place] = Number(putStory.run(key, stampOf(story), row).lastInsertRowid)
      stories++
    },
    output(key, value, shows) {
      const id = putOutput.run(key, value).lastInsertRowid
      for (const place of shows) {
        const storyId = storyIds[place]
        if (storyId) addShow.run(storyId, id)
      }
    },
    finish(rest) {
      try {
        const putMeta = put('meta')
        putMeta.run('version', String(rest.version))
        putMeta.run(STORY_COUNT, String(stories))
        putMeta.run(ENTITY_COUNT, String(Object.keys(rest.entities).length))
        for (const [key, value] of Object.entries(rest.meta)) putMeta.run(key, value)
        const putImage = put('images')
        for (const [key, value] of Object.entries(rest.images)) putImage.run(key, value)
        const putEntity = put('entities')
        for (const [key, value] of Object.entries(rest.entities)) putEntity.run(key, value)
        db.exec(`
          INSERT OR IGNORE INTO shows (story, file) SELECT story, file FROM shown ORDER BY story, file;
          DROP TABLE shown;
          CREATE INDEX shows_by_file ON shows (file);
        `)
        db.exec('COMMIT')
        close()
        // On the disk before it takes the old store's place: never half a store under its name.
        const fd = openSync(temp, 'r+')
        try {
          fsyncSync(fd)
        } finally {
          closeSync(fd)
        }
        renameSync(temp, file)
      } catch (error) {
        close()
        removeFile()
        throw error
      }
    },
    discard() {
      if (close()) removeFile()
    },
  }
}

/** Changes to some rows, each a new value or undefined to remove it. */
export interface StoredPatch<Story> {
  readonly stories: ReadonlyMap<string, Story | undefined>
  readonly outputs: ReadonlyMap<string, string | undefined>
  /** What the files written show, where it changed (a file rewritten otherwise shows the same). */
  readonly shows?: Shows
  /** Settings that change. */
  readonly meta?: Readonly<Record<string, string>>
}

/** Saves a few rows, in one transaction: what a build that read only a few wrote. */
export function patchStoredCache<Story>(
  file: string,
  patch: StoredPatch<Story>,
  stampOf: StampOf<Story>,
) {
  const db = openWrite(file)
  try {
    db.transaction(() => {
      const putMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')
      for (const [key, value] of Object.entries(patch.meta ?? {})) putMeta.run(key, value)
      const putStory = upsert(db, 'stories', ['stamp', 'value'])
      const forgetStoryShows = forgetStory(db)
      const dropStory = db.prepare('DELETE FROM stories WHERE key = ?')
      const known = db.prepare('SELECT 1 FROM stories WHERE key = ?').pluck()
      let added = 0
      for (const [key, story] of patch.stories) {
        added += (story === undefined ? 0 : 1) - (known.get(key) === undefined ? 0 : 1)
        if (story !== undefined) putStory.run(key, stampOf(story), JSON.stringify(story))
        else {
          forgetStoryShows.run(key)
          dropStory.run(key)
        }
      }
      db.prepare(
        `UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = '${STORY_COUNT}'`,
      ).run(added)
      const putOutput = upsert(db, 'outputs', ['value'])
      const forget = forgetShows(db)
      const dropOutput = db.prepare('DELETE FROM outputs WHERE key = ?')
      for (const [key, value] of patch.outputs) {
        // A file rewritten in place shows the same stories; one removed shows none.
        if (value !== undefined) putOutput.run(key, value)
        else {
          forget.run(key)
          dropOutput.run(key)
        }
      }
      setShows(db, patch.shows ?? new Map())
    })()
  } finally {
    db.close()
  }
}

const forgetShows = (db: Database.Database) =>
  db.prepare('DELETE FROM shows WHERE file = (SELECT id FROM outputs WHERE key = ?)')
const forgetStory = (db: Database.Database) =>
  db.prepare('DELETE FROM shows WHERE story = (SELECT id FROM stories WHERE key = ?)')

/** Replaces what the store says the files written show. */
function setShows(db: Database.Database, shows: Shows) {
  if (shows.size === 0) return
  const numbers = (table: string) => {
    const lookup = db.prepare(`SELECT id FROM ${table} WHERE key = ?`).pluck()
    return (key: string) => lookup.get(key) as number | undefined
  }
  const storyId = numbers('stories')
  const fileId = numbers('outputs')
  const add = db.prepare('INSERT OR IGNORE INTO shows (story, file) VALUES (?, ?)')
  const forgetFile = db.prepare('DELETE FROM shows WHERE file = ?')
  for (const [file, stories] of shows) {
    const id = fileId(file)
    if (id === undefined) continue
    forgetFile.run(id)
    for (const story of stories) {
      const storyNumber = storyId(story)
      if (storyNumber !== undefined) add.run(storyNumber, id)
    }
  }
}

function openWrite(file: string): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true })
  let db = open(file)
  if (!db) {
    // Not a database this code can use: it is only a cache, so it is made again.
    rmSync(file, { force: true })
    db = open(file)
    if (!db) throw new Error(`cannot create the content build's cache ${file}`)
  }
  return db
}

function open(file: string): Database.Database | undefined {
  let db: Database.Database | undefined
  try {
    db = new Database(file)
    const layout = db.pragma('user_version', { simple: true })
    if (layout !== LAYOUT && db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()) {
      // Another layout's store: made again from nothing, not emptied table by table (which
      // would keep its pages, hundreds of megabytes at 100,000 stories).
      db.close()
      rmSync(file, { force: true })
      db = new Database(file)
    }
    // One writer, on one machine: no journal file outlives a transaction.
    db.pragma('journal_mode = DELETE')
    db.pragma(`user_version = ${LAYOUT}`)
    db.exec(SCHEMA)
    return db
  } catch {
    db?.close()
    return undefined
  }
}
