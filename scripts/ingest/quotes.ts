// Finds a paragraph that is one quoted statement plus its attribution ("'…,' Trump added",
// "Taking to Truth Social, Trump wrote, '…'", "According to … BELTA, '…'") and works out who said
// it and where. Anything less certain stays a paragraph: a wrong speaker is worse than no callout.
import type { Mention, MentionFinder } from './gazetteer'

const PAIRS = [
  ["'", "'"],
  ['"', '"'],
  ['‘', '’'],
  ['“', '”'],
  ['«', '»'],
] as const
const QUOTE_CHARS = /['"‘’“”«»]/u
const escape = (ch: string) => ch.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')
// For each pair of marks, the two shapes a quote paragraph takes.
const SHAPES = PAIRS.map(([open, close]) => {
  const o = escape(open)
  const c = escape(close)
  return {
    // Lead: 'Words,' Trump added.
    lead: new RegExp(String.raw`^${o}([^${o}${c}]+?[,?!.…]?)${c},?\s+([^'"‘’“”«»]+?)\.?$`, 'du'),
    // Trailing: Taking to Truth Social, Trump wrote, 'Words.'
    trail: new RegExp(String.raw`^([^'"‘’“”«»]+?)[,:]\s+${o}([^${o}${c}]+)${c}\.?$`, 'du'),
  }
})
const SPEECH_VERBS =
  'said|says|wrote|writes|added|adds|told|tells|posted|tweeted|stated|declared|announced|explained|warned|insisted|argued|replied|responded|asked|continued|noted|recalled|claimed|admitted|urged|conceded|joked|shouted|remarked|quipped|promised|predicted|acknowledged'
const VERB = new RegExp(String.raw`(?<![\p{L}\p{N}])(${SPEECH_VERBS})(?![\p{L}\p{N}])`, 'u')
const CONTINUATION = /^(added|adds|continued|went on)$/
const VENUE = /^,?\s*((?:on|in|at|to|during|via|from)\s.+)$/u
// "said on Tuesday" says when, not where.
const WHEN =
  /^(?:on|in|at|during|from) (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|the (?:morning|afternoon|evening|weekend)|(?:last|this|next) |\d)/iu
const PRONOUN = /^(he|she|they|it|we|i)\s/i
const MAX_ATTRIBUTION_WORDS = 25

// Apostrophes inside words (don't, Estrela's) and plural possessives (workers' rights) are not
// quote marks; hide them before looking for quotes. Same length, so indexes still line up.
export function maskApostrophes(text: string): string {
  let masked = text
    .replace(/(?<=[\p{L}\p{N}])['’](?=[\p{L}\p{N}])/gu, '\uE000')
    .replace(/(?<=[\p{L}]s)['’](?= [\p{Ll}])/gu, '\uE000')
  // A plural possessive before a name ("the Islanders' Association") looks like a closing mark;
  // while the marks do not pair up, the first such one is taken for the apostrophe it likely is.
  const unpaired = () =>
    (masked.match(/'/gu) ?? []).length % 2 === 1 ||
    (masked.match(/’/gu) ?? []).length > (masked.match(/‘/gu) ?? []).length
  while (unpaired()) {
    const next = masked.replace(/(?<=[\p{L}]s)['’](?= \p{Lu})/u, '\uE000')
    if (next === masked) break
    masked = next
  }
  return masked
}

export interface FoundQuote {
  /** The words, without their quote marks; a trailing comma that belonged to the sentence is dropped. */
  text: string
  /** The copy's attribution words, e.g. "Taking to Truth Social, Trump wrote". */
  attribution: string
  speaker: Mention
  /** Where it was said: "on Truth Social", "Belarus state news agency"; absent when unsaid. */
  source?: string
  /** "Trump added": carries on from the speaker's previous quote, and its source. */
  continues: boolean
  /** Every name in the attribution, the speaker's among them. */
  mentions: Mention[]
}

export type QuoteResult =
  { kind: 'quote'; quote: FoundQuote } | { kind: 'unattributed'; reason: string } | { kind: 'none' }

interface Shape {
  words: string
  attribution: string
}

function matchShape(text: string): Shape | undefined {
  const shadow = maskApostrophes(text)
  for (const shape of SHAPES) {
    const lead = shape.lead.exec(shadow)
    if (lead?.[1] && lead[2]) {
      return { words: unmask(text, lead, 1), attribution: unmask(text, lead, 2) }
    }
    const trail = shape.trail.exec(shadow)
    if (trail?.[1] && trail[2]) {
      return { words: unmask(text, trail, 2), attribution: unmask(text, trail, 1) }
    }
  }
  return undefined
}

function unmask(text: string, match: RegExpExecArray, group: number): string {
  const value = match[group] ?? ''
  const start = match.indices?.[group]?.[0] ?? match.index + match[0].indexOf(value)
  return text.slice(start, start + value.length).trim()
}

export function findQuote(paragraph: string, finder: MentionFinder): QuoteResult {
  if (!QUOTE_CHARS.test(paragraph)) return { kind: 'none' }
  const shape = matchShape(paragraph)
  if (!shape) return { kind: 'none' }
  const words = shape.words.replace(/,$/, '').trim()
  if (words.split(/\s+/).length < 2) return { kind: 'none' }
  const attribution = shape.attribution
  // More story after the attribution ("Quill said. She left.") means it is not just a quote.
  if (
    attribution.split(/\s+/).length > MAX_ATTRIBUTION_WORDS ||
    /[.!?]\s+\p{Lu}/u.test(attribution)
  ) {
    return { kind: 'none' }
  }

  const taking = /^Taking to (.+?), (.+)$/u.exec(attribution)
  const according = /^According to (?:the )?(.*)$/u.exec(attribution)
  const verb = VERB.exec(attribution)
  if (!taking && !according && !verb) return { kind: 'none' }

  const mentions = finder.find(attribution)
  let speaker: Mention | undefined
  let source: string | undefined
  let continues = false
  if (taking?.[1] && taking[2]) {
    const offset = attribution.length - taking[2].length
    speaker = speakerAround(
      attribution,
      mentions.filter((m) => m.start >= offset),
    )
    source = `on ${taking[1]}`
  } else if (according) {
    speaker = mentions.at(-1)
    if (speaker && speaker.end === attribution.length) {
      const descriptor = attribution
        .slice(attribution.length - (according[1] ?? '').length, speaker.start)
        .trim()
      if (SOMEONE_ELSE.test(descriptor)) speaker = undefined
      else if (descriptor) source = descriptor.replace(/,$/, '')
    } else speaker = undefined
  } else if (verb) {
    speaker = speakerAround(attribution, mentions)
    const after =
      speaker && speaker.start > verb.index
        ? attribution.slice(speaker.end)
        : attribution.slice(verb.index + verb[0].length)
    const told = /^told\s(.+)$/u.exec(attribution.slice(verb.index))
    const venue = told?.[1] ? `to ${told[1]}` : VENUE.exec(after)?.[1]
    source = venue && !WHEN.test(venue) ? venue : undefined
    continues = CONTINUATION.test(verb[0]) && !source
  }
  if (!speaker) {
    const reason = PRONOUN.test(attribution)
      ? `attributed to a pronoun ("${attribution}"): kept as a paragraph`
      : `no speaker from the gazetteer in "${attribution}": kept as a paragraph`
    return { kind: 'unattributed', reason }
  }
  return {
    kind: 'quote',
    quote: {
      text: words,
      attribution,
      speaker,
      ...(source ? { source } : {}),
      continues,
      mentions,
    },
  }
}

/** "Trump wrote" or "said Mara Quill": the name right beside the speech verb. */
function speakerAround(attribution: string, mentions: Mention[]): Mention | undefined {
  const verb = VERB.exec(attribution)
  if (!verb) return undefined
  const before = mentions.filter((m) => m.end <= verb.index).at(-1)
  if (
    before &&
    /^(?:\s|,[^,]*,\s)*$/u.test(attribution.slice(before.end, verb.index)) &&
    !SOMEONE_ELSE.test(attribution.slice(0, before.start))
  )
    return before
  const after = mentions.find((m) => m.start >= verb.index + verb[0].length)
  if (
    after &&
    /^\s*$/u.test(attribution.slice(verb.index + verb[0].length, after.start)) &&
    /^(?:$|,|\s+(?:on|in|at|to|during|via|from)\s)/u.test(attribution.slice(after.end))
  )
    return after
  return undefined
}

// "a spokesman for Quill said", "a source close to Quill": the name is not the speaker.
const SOMEONE_ELSE = /(?:\b(?:for|to|of|with|from|by|near|behind|against)|['’]s)\s*$/iu
