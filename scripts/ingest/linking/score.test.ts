// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Article } from '../../../src/content/schema'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { entriesNamedIn } from '../gazetteer'
import {
  describeScore,
  sampleCases,
  scoreLinking,
  TRAPS_DIR,
  trapCases,
  trapGazetteer,
} from './score'

describe('entity linking against what an editor expects', () => {
  it('links the trap stories and the samples with F1 at least 0.97, crediting no quote wrongly', async () => {
    const traps = scoreLinking(await trapCases())
    const samples = scoreLinking(await sampleCases())
    // The figures, for whoever runs the suite (npm run bench:content prints them too).
    console.log(`trap stories: ${describeScore(traps)}\nsamples: ${describeScore(samples)}`)
    expect(traps.stories).toBeGreaterThanOrEqual(6)
    for (const score of [traps, samples]) {
      expect(score.wrongSpeakers).toEqual([])
      expect(score.f1, score.mistakes.join('\n')).toBeGreaterThanOrEqual(0.97)
    }
  })

  it("links each story the same with a matcher of only the entities the story's words can name", async () => {
    // Ingest makes such a matcher for a few stories: the gazetteer's 10,000 entities are not
    // indexed for one story.
    for (const cases of [trapCases, sampleCases]) {
      const whole = await cases()
      const own = await cases('content', { own: true })
      expect(own.map((c) => c.article)).toEqual(whole.map((c) => c.article))
    }
    const { gazetteer } = await trapGazetteer()
    const text = await readFile(path.join(TRAPS_DIR, '02-kilbray-floods.txt'), 'utf8')
    const named = entriesNamedIn(gazetteer, [text]).map((entry) => entry.id)
    // Those it names, those sharing a name with them, and no other.
    expect(named.length).toBeLessThan(gazetteer.length / 3)
    expect(named).toEqual(expect.arrayContaining(['kilbray']))
  })

  it('sets the traps with names that two entities share, which the build warns of', async () => {
    const { warnings } = await trapGazetteer()
    expect(warnings.map((w) => /"([^"]+)" also names/u.exec(w)?.[1])).toEqual([
      'Kilbray',
      'Tarnwick',
      'Brannock',
      'Quill',
    ])
  })
})

describe('the score', () => {
  const story = (links: [string, string][], quotes: [string, string][] = []): Article => ({
    slug: 'a-story',
    headline: 'A story',
    standfirst: 'Standfirst.',
    section: 'News',
    publishedAt: '2026-11-01T09:00:00Z',
    credit: 'Dispatch staff',
    body: [
      {
        type: 'paragraph',
        id: 'p1',
        content: links.map(([text, entityId]) => ({ type: 'entity', text, entityId })),
      },
      ...quotes.map(([text, speakerId], n) => ({
        type: 'quote' as const,
        id: `q${n + 1}`,
        text,
        speakerId,
      })),
    ],
  })

  it('counts a wrong link against precision and the link it should have been against recall', () => {
    const score = scoreLinking([
      {
        file: 'harbour.txt',
        article: story([
          ['Port Ellery', 'port-ellery'],
          ['Quill', 'osric-quill'],
          ['Skerrin', 'skerrin'],
        ]),
        expected: {
          links: [
            ['Port Ellery', 'port-ellery'],
            ['Quill', 'mara-quill'],
            ['Skerrin', 'skerrin'],
            ['Valdoria', 'valdoria'],
          ],
          quotes: [],
        },
      },
    ])
    expect(score.links).toEqual({ expected: 4, found: 3, right: 2 })
    expect(score.precision).toBeCloseTo(2 / 3)
    expect(score.recall).toBeCloseTo(2 / 4)
    expect(score.f1).toBeCloseTo((2 * (2 / 3) * (2 / 4)) / (2 / 3 + 2 / 4))
    expect(score.mistakes).toEqual([
      'harbour.txt: linked Quill → osric-quill, not expected',
      'harbour.txt: expected Quill → mara-quill, not linked',
      'harbour.txt: expected Valdoria → valdoria, not linked',
    ])
  })

  it('tells a quote credited to the wrong person from one left a paragraph', () => {
    const score = scoreLinking([
      {
        file: 'quotes.txt',
        article: story(
          [],
          [
            ['We sail at dawn.', 'mara-quill'],
            ['Nobody asked us.', 'mara-quill'],
          ],
        ),
        expected: {
          links: [],
          quotes: [
            ['We sail at dawn', 'osric-quill'],
            ['The crossing is shut', 'bridin-fallon'],
          ],
        },
      },
    ])
    expect(score.quotes).toEqual({ expected: 2, found: 2, right: 0 })
    expect(score.wrongSpeakers).toEqual([
      'quotes.txt: "We sail at dawn…" credited to mara-quill, said by osric-quill',
      'quotes.txt: "Nobody asked us." is not a quote, credited to mara-quill',
    ])
    expect(score.mistakes).toContain(
      'quotes.txt: "The crossing is shut…" (bridin-fallon) left a paragraph, not a quote',
    )
  })
})
