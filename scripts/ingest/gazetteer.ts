// Finds mentions of known entities (names and aliases, case- and accent-exact) in text.
import type { Entity } from '../../src/content/schema'

export interface Mention {
  start: number
  end: number
  entityId: string
  text: string
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{M}\p{N}]/u.test(ch)

export class EntityMatcher {
  // First word of a name -> names starting with it, longest first.
  private readonly byFirstWord = new Map<string, { name: string; entityId: string }[]>()
  readonly entities: ReadonlyMap<string, Entity>
  /** Every name and alias in the gazetteer. */
  readonly names: ReadonlySet<string>
  // Words that can start a name: any capitalised word, plus the few first words that are not
  // ("the" in "the White House"). Scanning only these skips most of the text.
  private readonly starts: RegExp

  constructor(gazetteer: readonly Entity[]) {
    this.entities = new Map(gazetteer.map((e) => [e.id, e]))
    this.names = new Set(gazetteer.flatMap((e) => [e.name, ...e.aliases]))
    for (const entity of gazetteer) {
      for (const raw of [entity.name, ...entity.aliases]) {
        const name = raw.normalize('NFC')
        const first = name.match(WORD)?.[0]
        if (!first) continue
        const list = this.byFirstWord.get(first) ?? []
        list.push({ name, entityId: entity.id })
        this.byFirstWord.set(first, list)
      }
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.name.length - a.name.length)
    const uncapitalised = [...this.byFirstWord.keys()]
      .filter((w) => !/^\p{Lu}/u.test(w))
      .map((w) => w.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&'))
    this.starts = new RegExp(
      String.raw`(?<![\p{L}\p{M}\p{N}])(?:\p{Lu}[\p{L}\p{M}\p{N}]*${uncapitalised.map((w) => `|${w}`).join('')})(?![\p{L}\p{M}\p{N}])`,
      'gu',
    )
  }

  /**
   * Non-overlapping mentions in reading order. Where names overlap ("the Lanthorn" and "Lanthorn
   * Theatre" in "the Lanthorn Theatre") the longest wins, then the leftmost.
   */
  find(text: string): Mention[] {
    const candidates: Mention[] = []
    for (const word of text.matchAll(this.starts)) {
      const start = word.index
      const hit = this.byFirstWord
        .get(word[0])
        ?.find(({ name }) => text.startsWith(name, start) && !isWordChar(text[start + name.length]))
      if (hit)
        candidates.push({
          start,
          end: start + hit.name.length,
          entityId: hit.entityId,
          text: hit.name,
        })
    }
    if (candidates.length < 2) return candidates
    const chosen: Mention[] = []
    for (const c of [...candidates].sort(
      (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start,
    )) {
      if (!chosen.some((m) => c.start < m.end && m.start < c.end)) chosen.push(c)
    }
    return chosen.sort((a, b) => a.start - b.start)
  }
}
