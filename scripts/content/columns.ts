// Columns of values by place (0 to size - 1), for a build that knows something of every story of the
// archive: typed arrays and buffers, which V8's collector neither walks nor copies, where an object,
// an array or a string for each story was a dozen objects a story to mark at each full collection
// (docs/decisions/064). Set in any order: stories are read a few at a time, and finish out of turn.
// Where each place's values start is a 32-bit number (4 GB of values a column), and a column lets
// go of the room it kept for more once it is told it is full (`trim`): the room doubled as the
// build read on, up to half of each column spare (docs/decisions/072).

/** Where a place's values start, as each column keeps it: none set yet. */
const UNSET = 0xffffffff

/** A Uint32Array, Int32Array… grown to hold `needed` items, keeping what it held. */
function grown<T extends Int32Array | Uint8Array>(
  array: T,
  needed: number,
  make: (n: number) => T,
) {
  if (needed <= array.length) return array
  if (needed >= UNSET) throw new Error(`a column cannot hold ${needed} values`)
  const bigger = make(Math.min(UNSET - 1, Math.max(needed, array.length * 2, 1024)))
  bigger.set(array)
  return bigger
}

/** The same values in an array of their own, exactly as long (`end`). */
function trimmed<T extends Int32Array | Uint8Array>(array: T, end: number, make: (n: number) => T) {
  if (end === array.length) return array
  const exact = make(end)
  exact.set(array.subarray(0, end))
  return exact
}

/**
 * A string for each place, its UTF-8 bytes one after another in one buffer. A place set again
 * takes its old bytes' room when it fits there, and leaves them where they were when it does not.
 */
export class TextColumn {
  #bytes = Buffer.alloc(0)
  #end = 0
  readonly #at: Uint32Array
  readonly #length: Uint32Array

  constructor(size: number) {
    this.#at = new Uint32Array(size).fill(UNSET)
    this.#length = new Uint32Array(size)
  }

  set(place: number, text: string) {
    const length = Buffer.byteLength(text)
    const at = this.#at[place] ?? UNSET
    if (at !== UNSET && length <= (this.#length[place] ?? 0)) {
      this.#bytes.write(text, at)
      this.#length[place] = length
      return
    }
    this.#bytes = grown(this.#bytes, this.#end + length, (n) => Buffer.alloc(n))
    this.#bytes.write(text, this.#end)
    this.#at[place] = this.#end
    this.#length[place] = length
    this.#end += length
  }

  /** Its string, made anew; undefined where none was set. */
  get(place: number): string | undefined {
    const at = this.#at[place] ?? UNSET
    if (at === UNSET) return undefined
    return this.#bytes.toString('utf8', at, at + (this.#length[place] ?? 0))
  }

  /** Lets go of the room kept for more (a place set after this makes room again). */
  trim() {
    this.#bytes = trimmed(this.#bytes, this.#end, (n) => Buffer.alloc(n))
  }

  /** The bytes the column holds: its text's buffer and its places. */
  get byteLength() {
    return this.#bytes.byteLength + this.#at.byteLength + this.#length.byteLength
  }
}

/**
 * A list of whole numbers for each place, the lists one after another in one array. A place set
 * again takes its old list's room when it fits there (a full build cuts each story's related
 * stories once its page is written), and leaves the old list where it was when it does not.
 */
export class NumberLists {
  #values = new Int32Array(0)
  #end = 0
  readonly #at: Uint32Array
  readonly #length: Uint32Array

  constructor(size: number) {
    this.#at = new Uint32Array(size)
    this.#length = new Uint32Array(size)
  }

  set(place: number, values: ArrayLike<number>) {
    if (values.length <= (this.#length[place] ?? 0)) {
      // Copied first: `values` may be a view of this place's own list.
      this.#values.set(Int32Array.from(values), this.#at[place] ?? 0)
      this.#length[place] = values.length
      return
    }
    this.#values = grown(this.#values, this.#end + values.length, (n) => new Int32Array(n))
    this.#values.set(values, this.#end)
    this.#at[place] = this.#end
    this.#length[place] = values.length
    this.#end += values.length
  }

  /** Keeps the first `length` of its list (fewer, or none, takes nothing). */
  cut(place: number, length: number) {
    this.#length[place] = Math.min(length, this.#length[place] ?? 0)
  }

  /** Its list, a view of the column's own array (empty where none was set): read it, keep none. */
  get(place: number): Int32Array {
    const at = this.#at[place] ?? 0
    return this.#values.subarray(at, at + (this.#length[place] ?? 0))
  }

  /** Lets go of the room kept for more (a place set after this makes room again). */
  trim() {
    this.#values = trimmed(this.#values, this.#end, (n) => new Int32Array(n))
  }

  /** The bytes the column holds: its values and its places. */
  get byteLength() {
    return this.#values.byteLength + this.#at.byteLength + this.#length.byteLength
  }
}

/**
 * A list of strings for each place, drawn from few (ids of entities, authors, sections): each kept
 * once, and each list as their numbers. A list read back holds the same strings it was given.
 */
export class StringLists {
  readonly #lists: NumberLists
  readonly #strings: string[] = []
  readonly #numbers = new Map<string, number>()

  constructor(size: number) {
    this.#lists = new NumberLists(size)
  }

  set(place: number, strings: readonly string[]) {
    this.#lists.set(
      place,
      strings.map((string) => {
        let number = this.#numbers.get(string)
        if (number === undefined) {
          number = this.#strings.push(string) - 1
          this.#numbers.set(string, number)
        }
        return number
      }),
    )
  }

  get(place: number): string[] {
    return Array.from(this.#lists.get(place), (number) => this.#strings[number] as string)
  }

  /** Lets go of the room kept for more (a place set after this makes room again). */
  trim() {
    this.#lists.trim()
  }

  /** The bytes its lists hold (its strings, each kept once, are on the heap). */
  get byteLength() {
    return this.#lists.byteLength
  }
}
