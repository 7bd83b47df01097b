// Synthetic wire copy and gazetteer for the content benchmark: fictional names built from
// syllables, a fixed seed, so every run measures the same archive.
import type { Entity } from '../../src/content/schema'

function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ONSETS = [
  'B',
  'Br',
  'C',
  'Cr',
  'D',
  'Dr',
  'F',
  'G',
  'H',
  'K',
  'L',
  'M',
  'N',
  'P',
  'R',
  'S',
  'St',
  'T',
  'Th',
  'V',
  'W',
  'Z',
]
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ae', 'ei', 'ou']
const CODAS = ['n', 'r', 'l', 'm', 'ck', 'th', 'sk', 'v', 'nd', 'rt', '']
const ORG_KINDS = [
  'Shipping',
  'Union',
  'Council',
  'Institute',
  'Rovers',
  'Gazette',
  'Bank',
  'Cooperative',
]
const PLACE_KINDS = ['Harbour', 'Bay', 'Ford', 'Vale', 'Point']

export function syntheticGazetteer(count: number, seed = 7): Entity[] {
  const rand = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T
  const word = () => {
    const w = pick(ONSETS) + pick(VOWELS) + pick(CODAS) + pick(VOWELS).slice(0, 1) + pick(CODAS)
    return w.charAt(0).toUpperCase() + w.slice(1)
  }
  const taken = new Set<string>()
  const entities: Entity[] = []
  while (entities.length < count) {
    const kind = (['person', 'place', 'organisation'] as const)[entities.length % 3] ?? 'person'
    const name =
      kind === 'person'
        ? `${word()} ${word()}`
        : kind === 'place'
          ? `${word()} ${pick(PLACE_KINDS)}`
          : `${word()} ${pick(ORG_KINDS)}`
    const [first = '', last = ''] = name.split(' ')
    const alias = kind === 'person' ? last : kind === 'place' ? first : ''
    if (taken.has(name) || (alias && taken.has(alias))) continue
    taken.add(name)
    if (alias) taken.add(alias)
    const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
    entities.push({
      id,
      name,
      kind,
      aliases: alias ? [alias] : [],
      description: `${name}, a fictional ${kind} made up for the content benchmark.`,
    })
  }
  return entities
}

const FILLER = [
  'The decision followed weeks of talks between the two sides, according to people familiar with the discussions.',
  'Officials said the figures would be reviewed again in the spring, when the new budget is published.',
  'Residents have complained for years about the state of the roads leading down to the quay.',
  'The plan still needs the approval of the regional assembly, which meets again next month.',
  'Local businesses said they had been given little notice and would need time to adapt.',
  'Opposition members called the proposal rushed and said they would seek changes at the committee stage.',
]

/** One wire story; `index` makes the headline, and so the address, unique. */
/**
 * A wire story; with `picture` (a file in content/images/), its lead picture's line, the way a
 * desk would send one.
 */
export function syntheticWire(
  index: number,
  entities: readonly Entity[],
  seed = 11,
  picture?: string,
): string {
  const rand = random(seed + index * 7919)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T
  const cast = Array.from({ length: 4 + Math.floor(rand() * 5) }, () => pick(entities))
  const people = cast.filter((e) => e.kind === 'person')
  const speaker = people[0] ?? pick(entities.filter((e) => e.kind === 'person'))
  const place =
    cast.find((e) => e.kind === 'place') ?? pick(entities.filter((e) => e.kind === 'place'))
  const mentionOf = (e: Entity, later: boolean) => (later ? (e.aliases[0] ?? e.name) : e.name)
  const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 3 * 365) * 86_400_000)
  const date = `${day.getUTCDate()} ${day.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${day.getUTCFullYear()}`

  const paragraphs: string[] = []
  const count = 8 + Math.floor(rand() * 9)
  for (let p = 0; p < count; p++) {
    const e = cast[p % cast.length] ?? speaker
    const later = p >= cast.length
    switch (p % 5) {
      case 2:
        paragraphs.push(
          `'We don't intend to let ${place.name}'s harbour fall behind, and we said so plainly,' ${mentionOf(speaker, true)} said.`,
        )
        break
      case 4:
        paragraphs.push(
          `${mentionOf(speaker, true)} told reporters in ${place.name}, "The work starts next week. Nobody should be surprised by it."`,
        )
        break
      default:
        paragraphs.push(
          `${mentionOf(e, later)} was among those named in the report. ${pick(FILLER)} ${pick(FILLER)}`,
        )
    }
    if (rand() < 0.08 && p > 2 && p < count - 1) paragraphs.push('STORY CONTINUES BELOW THIS AD')
  }
  return [
    date,
    `${place.name} agrees ${index + 1} new berths after talks with ${speaker.name}`,
    `${speaker.name} said the agreement would secure the harbour's future. ${pick(FILLER)}`,
    ...(picture
      ? [
          `Image: ${picture} | A drawing for the story of the berths at ${place.name} | | Illustration: Dispatch benchmark desk`,
        ]
      : []),
    ...paragraphs,
    'Reporting by Dispatch benchmark desk',
  ].join('\n')
}
