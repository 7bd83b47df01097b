// How well ingest links names and credits quotes, against what an editor expects: the trap stories
// in this folder (fictional wire copy full of names that mislead, each with its `.expected.json`)
// and the built-in samples (content/wire/, expectations beside each file). Printed by
// `npm run bench:content`; held to its goal by score.test.ts.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as v from 'valibot'
import { GazetteerSchema, type Article, type GazetteerEntry } from '../../../src/content/schema'
import { checkGazetteer, type ContentProblem } from '../../content/build'
import { EntityMatcher, entriesNamedIn } from '../gazetteer'
import { loadRegisters } from '../batch'
import { ingestWire } from '../ingest'
import { sampleJobs } from '../samples'

export const TRAPS_DIR = path.dirname(fileURLToPath(import.meta.url))

/** What an editor expects of one story: each link a reader sees, and each quote's speaker. */
const ExpectedSchema = v.object({
  /** What the story tries to trick the linker with, for the person reading a failure. */
  traps: v.optional(v.array(v.string())),
  /** [words, entity id] for every link, in reading order: each entity's first clear mention, and
   * each quote's speaker. */
  links: v.array(v.tuple([v.string(), v.string()])),
  /** [the quote's first words, its speaker's entity id], for every quote callout. */
  quotes: v.array(v.tuple([v.string(), v.string()])),
})
export type Expected = v.InferOutput<typeof ExpectedSchema>

export interface StoryCase {
  file: string
  article: Article
  expected: Expected
}

export interface LinkingScore {
  stories: number
  links: { expected: number; found: number; right: number }
  precision: number
  recall: number
  f1: number
  quotes: { expected: number; found: number; right: number }
  /** Quotes credited to someone other than the expected speaker, or made from words nobody said. */
  wrongSpeakers: string[]
  /** Every difference, for the person reading a failure. */
  mistakes: string[]
}

/** Every link a reader sees in the story, in order: [words, entity id]. */
export function linksOf(article: Article): [string, string][] {
  return article.body.flatMap((block) => {
    const runs =
      block.type === 'paragraph'
        ? block.content
        : block.type === 'quote'
          ? (block.attribution ?? [])
          : []
    return runs.flatMap((run): [string, string][] =>
      run.type === 'entity' ? [[run.text, run.entityId]] : [],
    )
  })
}

/** Takes `item` from `pool` if it is there (each expected link or quote counts once). */
function take(pool: string[], item: string): boolean {
  const at = pool.indexOf(item)
  if (at < 0) return false
  pool.splice(at, 1)
  return true
}

export function scoreLinking(cases: readonly StoryCase[]): LinkingScore {
  const links = { expected: 0, found: 0, right: 0 }
  const quotes = { expected: 0, found: 0, right: 0 }
  const wrongSpeakers: string[] = []
  const mistakes: string[] = []
  for (const { file, article, expected } of cases) {
    const name = path.basename(file)
    const wanted = expected.links.map(([text, id]) => `${text} → ${id}`)
    const found = linksOf(article).map(([text, id]) => `${text} → ${id}`)
    links.expected += wanted.length
    links.found += found.length
    for (const link of found) {
      if (take(wanted, link)) links.right++
      else mistakes.push(`${name}: linked ${link}, not expected`)
    }
    for (const link of wanted) mistakes.push(`${name}: expected ${link}, not linked`)

    const said = article.body.flatMap((b) => (b.type === 'quote' ? [b] : []))
    quotes.expected += expected.quotes.length
    quotes.found += said.length
    const open = [...expected.quotes]
    for (const quote of said) {
      const at = open.findIndex(([words]) => quote.text.startsWith(words))
      const match = open[at]
      if (!match) {
        wrongSpeakers.push(
          `${name}: "${quote.text}" is not a quote, credited to ${quote.speakerId}`,
        )
        continue
      }
      open.splice(at, 1)
      if (match[1] === quote.speakerId) quotes.right++
      else
        wrongSpeakers.push(
          `${name}: "${match[0]}…" credited to ${quote.speakerId}, said by ${match[1]}`,
        )
    }
    for (const [words, id] of open)
      mistakes.push(`${name}: "${words}…" (${id}) left a paragraph, not a quote`)
  }
  const precision = links.found ? links.right / links.found : 1
  const recall = links.expected ? links.right / links.expected : 1
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  return {
    stories: cases.length,
    links,
    precision,
    recall,
    f1,
    quotes,
    wrongSpeakers,
    mistakes: [...mistakes, ...wrongSpeakers],
  }
}

async function readExpected(file: string): Promise<Expected> {
  const json: unknown = JSON.parse(await readFile(file, 'utf8'))
  const result = v.safeParse(ExpectedSchema, json)
  if (!result.success) {
    throw new Error(`${file}: ${result.issues.map((i) => i.message).join('; ')}`)
  }
  return result.output
}

async function readGazetteer(file: string): Promise<GazetteerEntry[]> {
  const json: unknown = JSON.parse(await readFile(file, 'utf8'))
  return v.parse(GazetteerSchema, json)
}

/**
 * The trap stories' gazetteer: the site's, plus the few entities the traps need (a town sharing
 * its name with a club, two people sharing a surname), checked by the build's own rules.
 */
export async function trapGazetteer(contentDir = 'content') {
  const gazetteer = [
    ...(await readGazetteer(path.join(contentDir, 'entities.json'))),
    ...(await readGazetteer(path.join(TRAPS_DIR, 'entities.json'))),
  ]
  const problems: ContentProblem[] = []
  const warnings: string[] = []
  checkGazetteer(gazetteer, 'trap gazetteer', problems, warnings)
  if (problems.length > 0) {
    throw new Error(problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('\n'))
  }
  return { gazetteer, warnings }
}

// Fixed clocks, so that a story ingested twice reads the same (a correction carries `now`).
const capturedAt = new Date('2026-11-27T09:00:00Z')
const now = new Date('2026-11-28T09:00:00Z')
/**
 * The matcher a story is read with: the whole gazetteer's, or with `own`, one of the entities the
 * story can name (`entriesNamedIn`), as ingest makes for a few stories.
 */
function matching(gazetteer: readonly GazetteerEntry[], own: boolean) {
  const whole = new EntityMatcher(gazetteer)
  return (text: string) =>
    own ? new EntityMatcher(entriesNamedIn(gazetteer, [text]), gazetteer) : whole
}

const ingestCase = async (
  file: string,
  matcherFor: (text: string) => EntityMatcher,
): Promise<StoryCase> => {
  const text = await readFile(file, 'utf8')
  return {
    file,
    article: ingestWire(text, {
      file,
      matcher: matcherFor(text),
      section: 'News',
      capturedAt,
      now,
      authors: (await loadRegisters('content')).authors,
    }).article,
    expected: await readExpected(file.replace(/\.txt$/u, '.expected.json')),
  }
}

/** The trap stories, ingested with the trap gazetteer (each with its own entities', with `own`). */
export async function trapCases(contentDir = 'content', { own = false } = {}) {
  const matcherFor = matching((await trapGazetteer(contentDir)).gazetteer, own)
  const files = (await readdir(TRAPS_DIR)).filter((f) => f.endsWith('.txt')).sort()
  return Promise.all(files.map((f) => ingestCase(path.join(TRAPS_DIR, f), matcherFor)))
}

/** The built-in samples, ingested with the site's gazetteer (likewise). */
export async function sampleCases(contentDir = 'content', { own = false } = {}) {
  const gazetteer = await readGazetteer(path.join(contentDir, 'entities.json'))
  const matcherFor = matching(gazetteer, own)
  const jobs = await sampleJobs(path.join(contentDir, 'wire'))
  return Promise.all(jobs.map((job) => ingestCase(job.file, matcherFor)))
}

/** One line of figures, as the benchmark prints them. */
export const describeScore = (score: LinkingScore) =>
  `P ${score.precision.toFixed(3)} R ${score.recall.toFixed(3)} F1 ${score.f1.toFixed(3)} ` +
  `(${score.links.right} of ${score.links.found} links right, ${score.links.expected} expected; ` +
  `${score.quotes.right} of ${score.quotes.expected} quotes, ${score.wrongSpeakers.length} credited wrongly; ` +
  `${score.stories} stories)`
