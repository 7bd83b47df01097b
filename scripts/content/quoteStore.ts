// Where a full build keeps its stories' quotes and summaries while it runs: an SQLite file of its
// own, made for one build and removed after. Quotes are the largest part of what the build knows of
// a story (about 0.9 KB of its heap a story, 88 MB at 100,000 stories), and only two things read
// them: each entity's story pages, which show that entity's quotes, and the cache's rows at the
// end. Each is one lookup: by speaker, or by story (docs/decisions/055). Summaries are the next
// largest (about 0.4 KB a story), and are only written out, into lists and rows: each is read
// back from where it was put, in a file beside the database (docs/decisions/057), each time: the
// system's cache holds the file, not the build (docs/decisions/073). The stories' facts and their
// files' names are kept the same way, in files of their own beside it (docs/decisions/075).
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { ArticleSummary } from '../../src/content/schema'
import { RecordFile } from './recordFile'

/** A quote as the build keeps it: its words, where they were said, and who said them. */
export interface StoredQuote {
  readonly quoteId: string
  readonly text: string
  readonly source?: string
  readonly speakerId: string
}

export interface QuoteStore {
  /** Its file: the build's other working files are named after it. */
  readonly file: string
  /** Adds a story's quotes (by the story's key), in the order its body has them. */
  add(story: string, quotes: readonly StoredQuote[]): void
  /** One speaker's quotes, by the key of the story each is in, in its body's order. */
  bySpeaker(speakerId: string): ReadonlyMap<string, StoredQuote[]>
  /** A story's quotes as JSON, as they were added: what the cache's row holds, not parsed again. */
  textOf(story: string): string
  /** Keeps a story's summary: where it is found. */
  hold(summary: ArticleSummary): readonly [at: number, length: number]
  /** A summary kept, as it was given (its fields in their order). */
  summary(at: number, length: number): ArticleSummary
  /** Where the build keeps each story's facts (`FactsTable`), removed with the store. */
  readonly facts: RecordFile
  /** Where it keeps its story files' names (`NameList`), the same. */
  readonly names: RecordFile
  /** Closes the store and removes its file; again does nothing. */
  close(): void
}

/**
 * A store in new files, `file`, `file.summaries`, `file.facts` and `file.names` (those left there
 * by a build that stopped are replaced). The build is their only reader, and they are gone when it
 * ends: no journal, nothing synced.
 */
export function quoteStore(file: string): QuoteStore {
  mkdirSync(path.dirname(file), { recursive: true })
  rmSync(file, { force: true })
  const db = new Database(file)
  let open = true
  try {
    // Its journal in memory: better-sqlite3's connections are defensive, which ignores OFF.
    db.pragma('journal_mode = MEMORY')
    db.pragma('synchronous = OFF')
    // A story's quotes as one JSON text (parsing each quote back took twice as long at 100,000
    // stories), and who speaks in which.
    db.exec(`
      CREATE TABLE quotes (story TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE speakers (speaker TEXT NOT NULL, story TEXT NOT NULL,
        PRIMARY KEY (speaker, story)) WITHOUT ROWID;
    `)
  } catch (error) {
    db.close()
    rmSync(file, { force: true })
    throw error
  }
  // Summaries one after another in a file of their own, each read back from where it starts: a
  // read at a known place took a third of the time of a lookup by row in the database (4-6 µs
  // against 12-16 µs), and a full build reads each story's a dozen times or more. Not read back
  // into memory whole: held there (38 MB at 100,000 stories) the build's peak was 11-59 MB higher
  // and its pages no sooner written (docs/decisions/073). The stories' facts, the same way.
  const summaries = new RecordFile(`${file}.summaries`, 'summary')
  const facts = new RecordFile(`${file}.facts`, "story's facts")
  const names = new RecordFile(`${file}.names`, 'name')
  // A build whose caller never saves its cache (a refresh that failed) still leaves no file.
  const removeFile = () => rmSync(file, { force: true })
  process.once('exit', removeFile)
  const insertQuotes = db.prepare('INSERT INTO quotes (story, value) VALUES (?, ?)')
  const insertSpeaker = db.prepare('INSERT OR IGNORE INTO speakers (speaker, story) VALUES (?, ?)')
  const spokenIn = db
    .prepare(
      `SELECT quotes.story, quotes.value FROM speakers JOIN quotes ON quotes.story = speakers.story
       WHERE speakers.speaker = ?`,
    )
    .raw()
  const textOf = db.prepare('SELECT value FROM quotes WHERE story = ?').pluck()
  // One transaction for every story added: a commit a story cost more than its rows.
  let writing = false
  const done = () => {
    if (writing) db.exec('COMMIT')
    writing = false
  }
  return {
    file,
    add(story, quotes) {
      if (quotes.length === 0) return
      if (!writing) db.exec('BEGIN')
      writing = true
      insertQuotes.run(story, JSON.stringify(quotes))
      for (const quote of quotes) insertSpeaker.run(quote.speakerId, story)
    },
    bySpeaker(speakerId) {
      done()
      const found = new Map<string, StoredQuote[]>()
      for (const [story, value] of spokenIn.iterate(speakerId) as Iterable<[string, string]>)
        found.set(
          story,
          (JSON.parse(value) as StoredQuote[]).filter((quote) => quote.speakerId === speakerId),
        )
      return found
    },
    textOf(story) {
      done()
      return (textOf.get(story) as string | undefined) ?? '[]'
    },
    hold(summary) {
      return summaries.append(JSON.stringify(summary))
    },
    summary(at, length) {
      return JSON.parse(summaries.read([at, length])) as ArticleSummary
    },
    facts,
    names,
    close() {
      if (!open) return
      open = false
      db.close()
      summaries.close()
      facts.close()
      names.close()
      process.off('exit', removeFile)
      removeFile()
    },
  }
}
