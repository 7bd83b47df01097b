// Reads wire copy: a capture-time line, the headline, the standfirst, an optional "By …" line,
// one paragraph per line with
// "STORY CONTINUES BELOW THIS AD" markers and "Correction: …" lines, and a closing credit line.
// See README "Wire format".
// Lengths are checked against the contract's limits: copy that passes here passes the build too.
import { LIMITS } from '../../src/content/schema'

export class WireError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`)
    this.name = 'WireError'
  }
}

/** A picture the copy names: "Image: file | alt | caption | credit" (README "Wire format"). */
export interface WireImage {
  file: string
  /** Empty for a decorative picture, written "(decorative)". */
  alt: string
  decorative: boolean
  caption: string | undefined
  credit: string
  focus: { x: number; y: number } | undefined
}

export type WireItem =
  | { kind: 'paragraph'; text: string; line: number }
  | ({ kind: 'image'; line: number } & WireImage)
  | { kind: 'ad'; line: number }
  | { kind: 'correction'; text: string; line: number }

export interface WireStory {
  captured: { text: string; line: number }
  headline: { text: string; line: number }
  standfirst: { text: string; line: number }
  /** The authors' names from a "By …" line after the standfirst, as written; none for agency copy. */
  byline?: { names: string[]; line: number }
  items: WireItem[]
  credit: { text: string; line: number }
}

const AD_MARKER =
  /^[^\p{L}\p{N}]*story continues below (?:this|the) ad(?:vert(?:isement)?)?[^\p{L}\p{N}]*$/iu
// Control characters other than tab mean a binary or mangled file, not copy.
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u

// A correction the desk appends to the copy: "Correction: An earlier version of this story…".
const CORRECTION = /^correction\s*:\s*/iu

export const isAdMarker = (line: string) => AD_MARKER.test(line)

const IMAGE = /^image\s*:\s*/iu
const FOCUS = /^focus\s+(\d{1,3})%\s+(\d{1,3})%$/iu

/** An "Image:" line's fields, or a WireError that says which is wrong. */
function parseImage(text: string, file: string, line: number): WireImage {
  const fields = text
    .replace(IMAGE, '')
    .split('|')
    .map((field) => field.trim())
  const [name = '', alt = '', caption = '', credit = '', focus, ...extra] = fields
  const fail = (problem: string): never => {
    throw new WireError(
      file,
      line,
      `${problem} (an image line is "Image: file | alt text | caption | credit", optionally "| focus 50% 40%")`,
    )
  }
  if (extra.length > 0 || fields.length < 4) fail(`the image line has ${fields.length} fields`)
  if (!/^[a-z0-9][a-z0-9-]*\.(?:svg|png|jpe?g|webp)$/u.test(name))
    fail(`"${name}" is not an image file name like "harbour-map.svg"`)
  if (!alt) fail('the image needs alt text saying what it shows, or "(decorative)"')
  if (!credit) fail('the image needs a credit')
  let point: WireImage['focus']
  if (focus) {
    const found = FOCUS.exec(focus)
    const [x, y] = [Number(found?.[1]), Number(found?.[2])]
    if (!found || x > 100 || y > 100) fail(`"${focus}" is not a focus like "focus 50% 40%"`)
    point = { x: x / 100, y: y / 100 }
  }
  const decorative = alt.toLowerCase() === '(decorative)'
  for (const [what, value, limit] of [
    ['alt text', alt, LIMITS.alt],
    ['caption', caption, LIMITS.caption],
    ['credit', credit, LIMITS.credit],
  ] as const) {
    if (value.length > limit)
      fail(`the image's ${what} is ${value.length} characters; at most ${limit}`)
  }
  return {
    file: name,
    alt: decorative ? '' : alt,
    decorative,
    caption: caption || undefined,
    credit,
    focus: point,
  }
}

// "By Ilse Varga", "By Ilse Varga and Jonah Feld", "By A, B and C": a short line that ends without a
// sentence's punctuation, so a first paragraph that opens "By noon, …" is not taken for one.
const BYLINE = /^by\s+(?<names>[^.!?:;"“”]{2,200}?)\s*$/iu
const NAME_SEPARATOR = /\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)/u

/** The names in a byline line, or undefined when the line is not one. */
export function parseByline(line: string): string[] | undefined {
  const names = BYLINE.exec(line)?.groups?.names
  return names?.split(NAME_SEPARATOR).filter((name) => name !== '')
}

export function parseWire(source: string, file: string): WireStory {
  const text = source.replace(/^\uFEFF/, '').normalize('NFC')
  const raw = text.split(/\r\n|\r|\n/)
  // Checked once over the whole text; only a bad file pays for finding the line.
  if (CONTROL.test(text)) {
    const i = raw.findIndex((l) => CONTROL.test(l))
    const at = CONTROL.exec(raw[i] ?? '')
    const code = at?.[0].codePointAt(0) ?? 0
    throw new WireError(
      file,
      i + 1,
      `control character U+${code.toString(16).toUpperCase().padStart(4, '0')} at column ${(at?.index ?? 0) + 1}; is this a text file?`,
    )
  }
  const lines = raw.map((line, i) => {
    const trimmed = line.trim()
    const tidy = /\s\s|[^\S ]/u.test(trimmed) ? trimmed.replace(/\s+/gu, ' ') : trimmed
    return { text: tidy, line: i + 1 }
  })
  const filled = lines.filter((l) => l.text !== '')

  const [captured, headline, standfirst, ...rest] = filled
  const credit = rest.pop()
  // The byline comes after the standfirst; a desk may put the lead picture's line first.
  const at = rest[0] && IMAGE.test(rest[0].text) ? 1 : 0
  const names = rest[at] && parseByline(rest[at].text)
  const bylineLine = names ? rest.splice(at, 1)[0] : undefined
  const byline = names && bylineLine && { names, line: bylineLine.line }
  if (!captured) throw new WireError(file, 1, 'the file is empty')
  if (!headline) {
    throw new WireError(file, captured.line, 'expected the headline after the capture-time line')
  }
  if (!standfirst)
    throw new WireError(file, headline.line, 'expected a standfirst after the headline')
  if (!credit) {
    const problem = 'expected body paragraphs and a credit line after the standfirst'
    throw new WireError(file, standfirst.line, problem)
  }
  if (CORRECTION.test(credit.text)) {
    throw new WireError(
      file,
      credit.line,
      'a correction where the credit line should be: the credit comes last, after any correction',
    )
  }
  const items: WireItem[] = rest.map((l) => {
    if (isAdMarker(l.text)) return { kind: 'ad', line: l.line }
    if (IMAGE.test(l.text))
      return { kind: 'image', line: l.line, ...parseImage(l.text, file, l.line) }
    const correction = CORRECTION.exec(l.text)
    if (!correction) return { kind: 'paragraph', text: l.text, line: l.line }
    const text = l.text.slice(correction[0].length)
    if (!text)
      throw new WireError(file, l.line, 'a correction line with nothing after "Correction:"')
    if (text.length > LIMITS.correction) {
      throw new WireError(
        file,
        l.line,
        `correction is ${text.length} characters; at most ${LIMITS.correction}`,
      )
    }
    return { kind: 'correction', text, line: l.line }
  })
  if (!items.some((item) => item.kind === 'paragraph')) {
    throw new WireError(
      file,
      standfirst.line,
      'the story has no body paragraphs after the standfirst',
    )
  }

  for (const [what, at] of [
    ['headline', headline],
    ['standfirst', standfirst],
    ['credit', credit],
  ] as const) {
    if (isAdMarker(at.text))
      throw new WireError(file, at.line, `an ad marker where the ${what} should be`)
    if (at.text.length > LIMITS[what]) {
      throw new WireError(
        file,
        at.line,
        `${what} is ${at.text.length} characters; at most ${LIMITS[what]} (is a line break missing?)`,
      )
    }
  }
  for (const item of items) {
    if (item.kind === 'paragraph' && item.text.length > LIMITS.paragraph) {
      throw new WireError(
        file,
        item.line,
        `paragraph is ${item.text.length} characters; at most ${LIMITS.paragraph} (are several paragraphs run together?)`,
      )
    }
  }
  return { captured, headline, standfirst, ...(byline ? { byline } : {}), items, credit }
}
