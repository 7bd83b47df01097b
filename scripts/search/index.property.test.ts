// @vitest-environment node
// The search index patched for random edits, additions and withdrawals equals the index built
// afresh, file for file. The stories' words crowd a few prefixes around the size at which a terms
// file is split (SHARD_LIMIT), so edits split prefixes, merge them again, and keep them split with
// their sizes read from the files' sizes on disk. With a small layout, the commonest words' lists
// are in parts, and edits move words between the terms files and parts, both ways.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../src/content/schema'
import { documents, timeLimit } from '../../src/test/arbitraries'
import { testGazetteer } from '../../src/test/gazetteer'
import {
  LAYOUT,
  patchSearchIndex,
  searchFiles,
  type DocChange,
  type SearchLayout,
  type WithdrawnPlace,
} from './index'

// 300 words under the prefix zq, some a letter longer than others: with 70 stories of up to 220
// of them each, the prefix is within a few KB of the limit (over it in half the archives), and a
// few edits move it either way.
const POOL = Array.from({ length: 300 }, (_, i) => `zq${i % 7 ? i : `${i}k`}`)
const STORIES = 70

const publishedAt = (i: number) =>
  new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString().replace('.000', '')

/** Stories alternate between two sections at first; an edit may move one to the other. */
const sectionOf = (i: number) => (i % 2 ? 'World' : 'Cities')

const story = (i: number, words: readonly number[], section = sectionOf(i)): Article => ({
  slug: `s${i}`,
  headline: `Story ${i}`,
  standfirst: 'A story from the Skerrin coast.',
  section,
  publishedAt: publishedAt(i),
  credit: 'Dispatch staff',
  body: [
    {
      type: 'paragraph',
      id: 'p1',
      content: [{ type: 'text', text: words.map((w) => POOL[w] ?? '').join(' ') || 'quiet' }],
    },
  ],
})

const wordsOf = fc.array(fc.nat({ max: POOL.length - 1 }), { maxLength: 220, size: 'max' })
/** What happens to one story: its words change (and maybe its section), or it is withdrawn. */
const change = fc.record({
  at: fc.nat({ max: STORIES - 1 }),
  to: fc.oneof(wordsOf, fc.constant('withdrawn' as const)),
  section: fc.constantFrom('World', 'Cities'),
})

/** The long words of an index's files. */
const longWords = (files: Map<string, unknown>) =>
  new Set(
    (files.get('search/index.json') as { long?: { words: string[] } } | undefined)?.long?.words,
  )

describe.each([
  { name: 'with lists whole', layout: LAYOUT },
  // Words in a third of the stories or more are long: many, and edits cross it.
  {
    name: 'with the common words in parts',
    layout: { longDocs: 24, partSize: 16, groupsSize: 16 },
  },
])('the search index patched $name', ({ layout }: { layout: SearchLayout }) => {
  it(
    `equals the index built afresh, for ${documents(60)} archives edited`,
    { timeout: timeLimit(60_000) },
    async () => {
      let joined = 0
      let left = 0
      await fc.assert(
        fc.asyncProperty(
          fc.array(wordsOf, { minLength: STORIES, maxLength: STORIES }),
          fc.array(change, { minLength: 1, maxLength: 6 }),
          fc.array(wordsOf, { maxLength: 2 }),
          async (archive, changes, added) => {
            const before = archive.map((words, i) => story(i, words))
            const files = searchFiles(testGazetteer, before, [], layout)
            const after = new Map<number, Article | WithdrawnPlace>()
            for (const { at, to, section } of changes)
              after.set(
                at,
                to === 'withdrawn'
                  ? { slug: `s${at}`, publishedAt: publishedAt(at), section: sectionOf(at) }
                  : story(at, to, section),
              )
            added.forEach((words, n) => after.set(STORIES + n, story(STORIES + n, words)))
            const docs = testGazetteer.length
            const patch = await patchSearchIndex(
              (file) => Promise.resolve(files.get(file)),
              [...after].map(([i, next]): DocChange => ({
                doc: docs + i,
                before: before[i],
                after: next,
              })),
              (file) => Promise.resolve(Buffer.byteLength(JSON.stringify(files.get(file)))),
              layout,
            )
            const stories = [...before, ...added.map((_, n) => story(STORIES + n, []))].map(
              (old, i) => after.get(i) ?? old,
            )
            const expected = searchFiles(
              testGazetteer,
              stories.filter((s): s is Article => 'body' in s),
              stories.filter((s): s is WithdrawnPlace => !('body' in s)),
              layout,
            )
            expect(patch).toBeDefined()
            const patched = new Map(
              patch?.all.map((file) => [file, patch.files.get(file) ?? files.get(file)]),
            )
            // File by file, as text: a diff of the whole index would take minutes to print.
            expect([...patched.keys()].sort()).toEqual([...expected.keys()].sort())
            for (const [file, value] of expected)
              expect(JSON.stringify(patched.get(file)), file).toBe(JSON.stringify(value))
            const [was, is] = [longWords(files), longWords(expected)]
            joined += [...is].filter((word) => !was.has(word)).length
            left += [...was].filter((word) => !is.has(word)).length
          },
        ),
        // No shrinking: the archives are big, and a failing file is named.
        { numRuns: documents(60), endOnFailure: true },
      )
      // The small layout's archives have words that became long, and words that no longer are.
      if (layout !== LAYOUT) expect(Math.min(joined, left)).toBeGreaterThan(0)
    },
  )
})
