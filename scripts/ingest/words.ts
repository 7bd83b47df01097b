// Capitalised words that are not names: titles, days and months, nationalities, and a sentence's
// first word when it is an ordinary English word ("We", "Commerce", "When"). Entity linking and
// the desk's suggestions both ask.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import wordListPath from 'word-list'

type Tagger = typeof import('compromise').default
let loaded: Tagger | undefined
/**
 * compromise, loaded on first use: the newsroom's quick commands (correct, unpublish) import the
 * matcher and never need the tagger, whose load takes longer than the rest of their work.
 */
export function tagger(): Tagger {
  loaded ??= createRequire(import.meta.url)('compromise') as Tagger
  return loaded
}

/** Capitalised by position or as a title, never part of a name by themselves. */
export const TITLE_AND_CALENDAR_WORDS: ReadonlySet<string> = new Set(
  [
    'President Vice Prime Minister Premier Mayor Senator Governor Chancellor King Queen Prince',
    'Princess Pope Dr Mr Mrs Ms Mx Sir Dame Lord Lady Judge Justice Captain Skipper General',
    'Admiral Colonel Major Lieutenant Sergeant Corporal Constable Detective Inspector Chief',
    'Superintendent Commissioner Professor Councillor Alderman Secretary Deputy Chair Chairman',
    'Chairwoman Director Ambassador Bishop Archbishop Father Reverend Rabbi Imam Sheikh Coach',
    'Manager Striker Goalkeeper Defender Midfielder Speaker Leader Head Editor',
    'January February March April May June July August September October November December',
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday',
  ]
    .join(' ')
    .split(' '),
)

let english: ReadonlySet<string> | undefined
/** Ordinary English words, lower case (the word-list package: no proper names). */
function englishWords(): ReadonlySet<string> {
  english ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'))
  return english
}

const demonyms = new Map<string, boolean>()
/** "Russian", "Belarusian": a nationality before a name describes it, and is no part of it. */
function isDemonym(word: string): boolean {
  let known = demonyms.get(word)
  if (known === undefined) {
    known = tagger()(word).has('#Demonym')
    demonyms.set(word, known)
  }
  return known
}

/** Whether the word is an everyday English word, which a sentence capitalises by position. */
export const isCommonWord = (word: string) => englishWords().has(word.toLocaleLowerCase('en'))

/** Whether the text up to `index` ends a sentence (or is the start of the text). */
export const atSentenceStart = (text: string, index: number) =>
  /(?:^|[.!?…]["”’')\]]*\s+)["“‘'(]?$/u.test(text.slice(0, index))

/**
 * Whether a capitalised word can be part of a name: not a title, day, month or nationality, and
 * not an ordinary word that is capitalised only because it opens a sentence.
 */
export function canBeNamePart(word: string, sentenceStart: boolean): boolean {
  if (!/^\p{Lu}/u.test(word) || TITLE_AND_CALENDAR_WORDS.has(word)) return false
  if (sentenceStart && isCommonWord(word)) return false
  return !isDemonym(word)
}
