// Records one after another in a file of their own, each read back from where it starts: how a
// full build keeps what it knows of every story out of its memory. A read at a known place takes a
// few microseconds, the system's cache holds the file (not the build), and the build holds two
// numbers a record (docs/decisions/073, docs/decisions/075).
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs'

/** Where a record is: its first byte, and how many bytes it has. */
export type RecordPlace = readonly [at: number, length: number]

// Written 64 KB at a time: one write a record made reading the stories a fifth slower.
const BATCH = 65536

/**
 * A new file of records at `file` (one left there by a build that stopped is replaced). The build
 * is its only reader, and it is removed on `close` or when the process exits: nothing is synced.
 */
export class RecordFile {
  readonly #fd: number
  /** Bytes given, and bytes in the file: those between are waiting in `#pending`. */
  #end = 0
  #written = 0
  #pending: string[] = []
  #scratch = Buffer.alloc(4096)
  #open = true
  readonly #remove = () => rmSync(this.file, { force: true })

  constructor(
    readonly file: string,
    /** What a record is, for the error that says none is where one was looked for. */
    readonly what = 'record',
  ) {
    this.#fd = openSync(file, 'w+')
    process.once('exit', this.#remove)
  }

  /** Adds a record at the end. */
  append(text: string): RecordPlace {
    const at = this.#end
    const length = Buffer.byteLength(text)
    this.#pending.push(text)
    this.#end += length
    if (this.#end - this.#written >= BATCH) this.#flush()
    return [at, length]
  }

  /**
   * A record in place of the one at `place`: over its bytes when it is no longer (the rest of them
   * left unread), at the end when it is.
   */
  replace([at, length]: RecordPlace, text: string): RecordPlace {
    const bytes = Buffer.byteLength(text)
    if (bytes > length) return this.append(text)
    if (at + length > this.#written) this.#flush()
    if (writeSync(this.#fd, text, at, 'utf8') !== bytes)
      throw new Error(`cannot write ${this.file}`)
    return [at, bytes]
  }

  /** The record at `place`, as it was given. */
  read([at, length]: RecordPlace): string {
    if (!this.#open) throw new Error(`${this.file} is closed: its ${this.what} is no longer kept`)
    if (at + length > this.#end)
      throw new Error(`no ${this.what} at ${at} (${length} bytes) in ${this.file}`)
    if (at + length > this.#written) this.#flush()
    if (this.#scratch.length < length) this.#scratch = Buffer.alloc(length * 2)
    if (readSync(this.#fd, this.#scratch, 0, length, at) !== length)
      throw new Error(`no ${this.what} at ${at} (${length} bytes) in ${this.file}`)
    return this.#scratch.toString('utf8', 0, length)
  }

  /** Closes the file and removes it; again does nothing. */
  close() {
    if (!this.#open) return
    this.#open = false
    closeSync(this.#fd)
    process.off('exit', this.#remove)
    this.#remove()
  }

  #flush() {
    if (this.#pending.length === 0) return
    const text = this.#pending.join('')
    const bytes = this.#end - this.#written
    if (writeSync(this.#fd, text, this.#written, 'utf8') !== bytes)
      throw new Error(`cannot write ${this.file}`)
    this.#written = this.#end
    this.#pending = []
  }
}
