// Words as search compares them, the same in the build that writes the index and in the browser
// that queries it: Unicode letters and digits, lower case, without accents. "Żarnowiec",
// "ZARNOWIEC" and "Zarnowiec" are one word; scripts without Latin letters stay as written (the
// index also holds their Latin spellings: scripts/search/index.ts).

// Latin letters with no decomposition into a base letter and a mark.
const UNDECOMPOSED: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
}

/** A word folded for comparison: lower case, compatibility forms unified, accents removed. */
export function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđðħıßæœþ]/g, (c) => UNDECOMPOSED[c] ?? c)
}

// An apostrophe inside a word keeps it whole ("don't" is "dont", "Ellery's" is "ellery"); a hyphen
// parts two words ("Port-Ellery" is found by "ellery").
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu

/**
 * Words too common to tell stories apart: the index leaves them out, and so does a query (a search
 * for "the seawall" is a search for "seawall").
 */
const STOPWORDS = new Set(
  'a also an and are as at be been but by can for from had has have he her his in is it its more not of on or said says she than that the their there they this to was were which who will with would'.split(
    ' ',
  ),
)

/**
 * An English plural as its singular, roughly (ferries: ferry, talks: talk, crosses: cross), so a
 * search for either finds both. Index and query are cut alike, so a rough cut does no harm.
 */
function singular(word: string): string {
  if (word.length < 4 || !/^[a-z]+$/.test(word) || /(ss|us|is)$/.test(word)) return word
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (/(ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2)
  return word.endsWith('s') ? word.slice(0, -1) : word
}

/** A word as the index holds it. */
const term = (word: string) => singular(fold(word).replace(/['’]/g, ''))

/** A stretch of text, and whether it is a word a search matched. */
export interface Run {
  text: string
  match: boolean
}

/**
 * A text cut into runs, marking each word that is one of `found` or starts with one (a search
 * for "strike" finds "strikes"): for highlighting results. The text is kept exactly as written.
 */
export function highlight(text: string, found: readonly string[]): Run[] {
  const runs: Run[] = []
  let at = 0
  for (const m of text.matchAll(WORD)) {
    const word = term(m[0])
    if (!found.some((f) => word.startsWith(f))) continue
    if (m.index > at) runs.push({ text: text.slice(at, m.index), match: false })
    runs.push({ text: m[0], match: true })
    at = m.index + m[0].length
  }
  if (at < text.length) runs.push({ text: text.slice(at), match: false })
  return runs
}

/** The folded words of a text that search tells apart, in order. */
export function words(text: string): string[] {
  // Folded whole, then cut: one normalisation per text, not per word (the build folds millions).
  const found: string[] = []
  for (const [match] of fold(text).matchAll(WORD)) {
    const word = match.replace(/['’]/g, '')
    if (word.length > 1 && !STOPWORDS.has(word)) found.push(singular(word))
  }
  return found
}

/**
 * The words around the first match in a text, about `span` words either side, with ellipses where
 * it was cut; undefined when nothing in it matches.
 */
export function excerpt(text: string, found: readonly string[], span = 12): string | undefined {
  const all = [...text.matchAll(WORD)]
  const hit = all.findIndex((m) => found.some((f) => term(m[0]).startsWith(f)))
  if (hit < 0) return undefined
  const first = all[Math.max(0, hit - span)]
  const last = all[Math.min(all.length - 1, hit + span)]
  if (!first || !last) return undefined
  const start = first.index === all[0]?.index ? 0 : first.index
  const end = last === all.at(-1) ? text.length : last.index + last[0].length
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
}
