// A full build's search postings, kept on disk while it adds its stories rather than in its heap.
// Every story adds about 90 postings (a word and the word's weight in it, one 32-bit number each):
// 9 million at 100,000 stories, 35 MB held to the build's end and growing with the archive
// (docs/decisions/060). Here they wait in a buffer of a fixed size; when it is full they are
// sorted by word (a counting sort, each word's postings staying in the order they came) and
// appended to one file as a run. A word's list is then read back run by run when its file of the
// index is made.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { lowerBound } from '../lib/lowerBound'
import type { PostingsSource } from './index'

/** Postings in a run: 4 MB of them, 8 MB with their words' numbers, then sorted and written. */
export const RUN_POSTINGS = 1 << 20

/** A run in the file: the words it has (ascending numbers) and where each one's postings start. */
interface Run {
  readonly at: number
  readonly words: Int32Array
  /** Index into the run of each word's first posting, and the run's length last. */
  readonly starts: Int32Array
}

const bytes = (list: Int32Array, from = 0, to = list.length) =>
  new Uint8Array(list.buffer, list.byteOffset + from * 4, (to - from) * 4)

/** The place of `word` in a run's ascending words, or -1. */
function find(words: Int32Array, word: number): number {
  const at = lowerBound(words.length, (i) => (words[i] ?? 0) < word)
  return words[at] === word ? at : -1
}

/**
 * Postings added word by word, kept in `file` (made anew, removed by `close` or when the process
 * exits). `runPostings` is how many wait in memory before a run is written (tests make it small).
 */
export class PostingsRuns implements PostingsSource {
  /** Each word's number, while postings are added. */
  #ids: Map<string, number> | undefined = new Map()
  /**
   * Once they are read, the words sorted and their numbers beside them, 12 bytes a word, in place
   * of the map (56 MB of a million-story build's heap as it wrote the index, docs/decisions/072).
   */
  #words: string[] = []
  #wordIds = new Int32Array(0)
  #counts = new Int32Array(1024)
  /** Word number and posting, pairs in the order they came; grows up to a run. */
  #pairs = new Int32Array(2 * 4096)
  #filled = 0
  readonly #runs: Run[] = []
  #fd: number | undefined
  #end = 0
  readonly #remove = () => rmSync(this.file, { force: true })

  constructor(
    readonly file: string,
    readonly runPostings = RUN_POSTINGS,
  ) {}

  put(word: string, value: number) {
    const ids = this.#ids
    if (!ids) throw new Error(`a posting of "${word}" added after the postings were read`)
    let id = ids.get(word)
    if (id === undefined) {
      id = ids.size
      ids.set(word, id)
      if (id === this.#counts.length) {
        const counts = new Int32Array(this.#counts.length * 2)
        counts.set(this.#counts)
        this.#counts = counts
      }
    }
    this.#counts[id] = (this.#counts[id] ?? 0) + 1
    if (this.#filled >= this.runPostings) this.#spill()
    else if (2 * this.#filled === this.#pairs.length) {
      const pairs = new Int32Array(Math.min(this.#pairs.length * 2, 2 * this.runPostings))
      pairs.set(this.#pairs)
      this.#pairs = pairs
    }
    this.#pairs[2 * this.#filled] = id
    this.#pairs[2 * this.#filled + 1] = value
    this.#filled++
  }

  /** Writes what waits as a run: its postings grouped by word, each word's in the order added. */
  #spill() {
    const n = this.#filled
    if (n === 0) return
    const pairs = this.#pairs
    const counts = new Int32Array(this.#ids?.size ?? 0)
    for (let i = 0; i < n; i++) {
      const id = pairs[2 * i] ?? 0
      counts[id] = (counts[id] ?? 0) + 1
    }
    let present = 0
    for (const count of counts) if (count > 0) present++
    const words = new Int32Array(present)
    const starts = new Int32Array(present + 1)
    // Where each word's next posting goes in the run.
    const next = new Int32Array(counts.length)
    for (let id = 0, k = 0, sum = 0; id < counts.length; id++) {
      const count = counts[id] ?? 0
      if (count === 0) continue
      words[k] = id
      starts[k++] = sum
      next[id] = sum
      sum += count
    }
    starts[present] = n
    const run = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const id = pairs[2 * i] ?? 0
      const at = next[id] ?? 0
      run[at] = pairs[2 * i + 1] ?? 0
      next[id] = at + 1
    }
    if (this.#fd === undefined) {
      this.#fd = openSync(this.file, 'w+')
      process.once('exit', this.#remove)
    }
    const out = bytes(run)
    for (let done = 0; done < out.length;)
      done += writeSync(this.#fd, out, done, out.length - done, this.#end + done)
    this.#runs.push({ at: this.#end, words, starts })
    this.#end += out.length
    this.#filled = 0
  }

  /** Every posting added: the rest written as the last run, and the words sorted. */
  done(): this {
    const ids = this.#ids
    if (ids) {
      this.#spill()
      this.#pairs = new Int32Array(0)
      this.#words = [...ids.keys()].sort()
      this.#wordIds = Int32Array.from(this.#words, (word) => ids.get(word) ?? -1)
      this.#ids = undefined
    }
    return this
  }

  /** The words, sorted (as `Array.prototype.sort` sorts strings). */
  keys(): Iterable<string> {
    return this.done().#words
  }

  /** A word's postings, from every run that has some, in the order they were added. */
  get(word: string): Int32Array | undefined {
    const words = this.done().#words
    const at = lowerBound(words.length, (i) => (words[i] as string) < word)
    if (words[at] !== word) return undefined
    const id = this.#wordIds[at] ?? -1
    const list = new Int32Array(this.#counts[id] ?? 0)
    let filled = 0
    for (const run of this.#runs) {
      const k = find(run.words, id)
      if (k < 0) continue
      const from = run.starts[k] ?? 0
      const to = run.starts[k + 1] ?? 0
      const into = bytes(list, filled, filled + to - from)
      for (let done = 0; done < into.length;) {
        const read = readSync(
          this.#fd ?? -1,
          into,
          done,
          into.length - done,
          run.at + from * 4 + done,
        )
        if (read === 0) throw new Error(`${this.file} ends before the postings of "${word}"`)
        done += read
      }
      filled += to - from
    }
    return list
  }

  /** Closes and removes the file; again does nothing. */
  close() {
    if (this.#fd !== undefined) closeSync(this.#fd)
    this.#fd = undefined
    process.off('exit', this.#remove)
    this.#remove()
  }
}
