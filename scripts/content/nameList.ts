// A full build's story files' names, in their sorted order, in a file of records (`RecordFile`)
// rather than its memory: a string each was about 100 bytes of a full build's heap a story, the
// largest thing it still held for each story once its facts were in a file (docs/decisions/075).
import { lowerBound } from '../lib/lowerBound'
import type { RecordFile } from './recordFile'

/** Names in an order, each asked for by its place: an array, or a full build's `NameList`. */
export interface Names extends Iterable<string> {
  readonly length: number
  at(place: number): string | undefined
}

/** One name in this many is kept in memory, to find the few to read from the file. */
const SAMPLE = 64

/**
 * Sorted names, each read from the file as it is asked for (a few microseconds), and found by a
 * binary search of one name in every 64, kept in memory, then of those between two of them, read.
 */
export class NameList implements Names {
  readonly length: number
  /** Where each name starts in the file, and where the last ends. */
  readonly #starts: Float64Array
  readonly #samples: string[] = []

  /** `names` sorted as strings sort; each is put in `records`, which nothing else writes. */
  constructor(
    names: readonly string[],
    readonly records: RecordFile,
  ) {
    this.length = names.length
    this.#starts = new Float64Array(names.length + 1)
    names.forEach((name, place) => {
      const [at, length] = records.append(name)
      this.#starts[place] = at
      this.#starts[place + 1] = at + length
      // Copied (flattened), not the given string: the array's strings are let go.
      if (place % SAMPLE === 0) this.#samples.push(Buffer.from(name).toString())
    })
  }

  at(place: number): string | undefined {
    if (!(place >= 0 && place < this.length)) return undefined
    const at = this.#starts[place] as number
    return this.records.read([at, (this.#starts[place + 1] as number) - at])
  }

  /** The place of `name`, or -1. */
  find(name: string): number {
    const samples = this.#samples
    const block = lowerBound(samples.length, (k) => (samples[k] as string) < name)
    if (samples[block] === name) return block * SAMPLE
    if (block === 0) return -1
    const from = (block - 1) * SAMPLE + 1
    const to = Math.min(this.length, block * SAMPLE)
    const place = from + lowerBound(to - from, (i) => (this.at(from + i) as string) < name)
    return place < to && this.at(place) === name ? place : -1
  }

  *[Symbol.iterator]() {
    for (let place = 0; place < this.length; place++) yield this.at(place) as string
  }
}
