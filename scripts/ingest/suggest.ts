// Proper names the gazetteer does not know, found by compromise's tagger, offered to the newsroom
// as suggested entities. They are only reported: nothing is linked or added without a person.
import { isCommonWord, tagger, TITLE_AND_CALENDAR_WORDS } from './words'

/** `name` when the tagger sees a proper name but not what it names. */
export type SuggestionKind = 'person' | 'place' | 'organisation' | 'name'
export interface Suggestion {
  name: string
  kind: SuggestionKind
}

interface Span {
  text: string
  terms: { tags: string[] }[]
}

function kindOf(span: Span): SuggestionKind {
  const tags = new Set(span.terms.flatMap((t) => t.tags))
  if (tags.has('Organization')) return 'organisation'
  if (tags.has('Person')) return 'person'
  if (tags.has('Place')) return 'place'
  return 'name'
}

const CAPITALISED = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}'’-]*/gu
const clean = (name: string) =>
  name
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/['’]s$/u, '')
    .trim()

/** "Commerce Minister Orla Tamsin" is Orla Tamsin: the words up to the last title go. */
function withoutTitles(span: string): string {
  const words = span.trim().split(/\s+/u)
  const last = words.findLastIndex((word) => TITLE_AND_CALENDAR_WORDS.has(word))
  return words.slice(last + 1).join(' ')
}

/**
 * The tagger leaves out a first name that opens the sentence ("Oona Brackwater, who leads…" gives
 * "Brackwater"): a capitalised first word right before the span that is no ordinary word is put back.
 */
function withFirstName(sentence: string, span: string): string {
  const at = sentence.indexOf(span.trim())
  const before = /^[\s"“‘'(]*(\p{Lu}[\p{L}\p{M}'’-]*) $/u.exec(sentence.slice(0, Math.max(at, 0)))
  const first = before?.[1]
  if (at <= 0 || !first || isCommonWord(first) || TITLE_AND_CALENDAR_WORDS.has(first)) return span
  return `${first} ${span.trim()}`
}

/** Whether the sentence begins with the word (after any opening quote mark). */
function opens(sentence: string, word: string): boolean {
  const text = sentence.replace(/^[\s"“‘'(]+/u, '')
  return text.startsWith(word) && !/[\p{L}\p{M}\p{N}]/u.test(text[word.length] ?? '')
}

/**
 * `known` are the spans already matched to gazetteer entities; sentences whose capitalised words
 * are all known (or only open the sentence) are skipped, which keeps the tagger off most text.
 */
export type Suggester = typeof suggestEntities

export function suggestEntities(
  texts: { text: string; known: { start: number; end: number }[] }[],
  knownNames: ReadonlySet<string>,
): Suggestion[] {
  const found = new Map<string, Suggestion>()
  for (const { text, known } of texts) {
    const sentences = text.match(/[^.!?]+[.!?]*(?:\s+|$)/gu) ?? [text]
    let offset = 0
    for (const sentence of sentences) {
      const start = offset
      offset += sentence.length
      const unknown = [...sentence.matchAll(CAPITALISED)].some((m) => {
        const at = start + m.index
        if (m.index === sentence.search(/\S/u)) return false
        return !known.some((k) => at >= k.start && at < k.end)
      })
      if (!unknown) continue
      for (const span of tagger()(sentence)
        .match('#ProperNoun+')
        .not('(#Honorific|#Date)')
        .json() as Span[]) {
        // The tagger can run a span across punctuation ("June, Lukashenko"): take each part.
        for (const part of withFirstName(sentence, span.text).split(/[,;:—–]/u)) {
          const name = clean(withoutTitles(part))
          if (
            name.length < 2 ||
            !/^\p{Lu}/u.test(name) ||
            found.has(name) ||
            TITLE_AND_CALENDAR_WORDS.has(name)
          )
            continue
          // "We", "Commerce": one ordinary word, capitalised because it opens the sentence.
          if (!/\s/u.test(name) && opens(sentence, name) && isCommonWord(name)) continue
          if ([...knownNames].some((k) => k.includes(name))) continue
          found.set(name, { name, kind: kindOf(span) })
        }
      }
    }
  }
  return [...found.values()]
}
