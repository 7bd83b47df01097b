// Columns of values by place (0 to size - 1), for a build that knows something of every story of the
// archive: typed arrays and buffers, which V8's collector neither walks nor copies, where an object,
// an array or a string for each story was a dozen objects a story to mark at each full collection
// (docs/decisions/064). Set in any order: stories are read a few at a time, and finish out of turn.

/** A Uint32Array, Int32Array… grown to hold `needed` items, keeping what it held. */
function grown<T extends Int32Array | Uint8Array>(
  array: T,
  needed: number,
  make: (n: number) => T,
) {
  if (needed <= array.length) return array
  const bigger = make(Math.max(needed, array.length * 2, 1024))
  bigger.set(array)
  return bigger
}

/**
 * A string for each place, its UTF-8 bytes one after another in one buffer. A place set again
 * leaves its old bytes where they were.
 */
export class TextColumn {
  #bytes = Buffer.alloc(0)
  #end = 0
  readonly #at: Float64Array
  readonly #length: Uint32Array

  constructor(size: number) {
    this.#at = new Float64Array(size).fill(-1)
    this.#length = new Uint32Array(size)
  }

  set(place: number, text: string) {
    const length = Buffer.byteLength(text)
    this.#bytes = grown(this.#bytes, this.#end + length, (n) => Buffer.alloc(n))
    this.#bytes.write(text, this.#end)
    this.#at[place] = this.#end
    this.#length[place] = length
    this.#end += length
  }

  /** Its string, made anew; undefined where none was set. */
  get(place: number): string | undefined {
    const at = this.#at[place] ?? -1
    if (at < 0) return undefined
    return this.#bytes.toString('utf8', at, at + (this.#length[place] ?? 0))
  }
}

/**
 * A list of whole numbers for each place, the lists one after another in one array. A place set
 * again leaves its old list where it was.
 */
export class NumberLists {
  #values = new Int32Array(0)
  #end = 0
  readonly #at: Float64Array
  readonly #length: Uint32Array

  constructor(size: number) {
    this.#at = new Float64Array(size)
    this.#length = new Uint32Array(size)
  }

  set(place: number, values: ArrayLike<number>) {
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
}
