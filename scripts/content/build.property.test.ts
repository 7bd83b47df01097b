// @vitest-environment node
// The content build on generated stories (src/test/arbitraries.ts), each the one file of a content
// folder: a valid story is taken as it is; a broken one, in one field or across fields (a repeated
// block id, an unknown entity), stops the build naming the file and the field, and only those.
// Documents here: 250 valid + 750 broken = 1,000.
import fc from 'fast-check'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as v from 'valibot'
import {
  brokenForBuild,
  counted,
  documents,
  timeLimit,
  validArticle,
} from '../../src/test/arbitraries'
import { testGazetteer } from '../../src/test/gazetteer'
import { TEST_SECTION_NAMES, testSections, writeRegisters } from '../../src/test/registers'
import { SectionSchema } from '../../src/content/schema'
import { ContentError, loadContent } from './build'

let contentDir = ''
let storyFile = ''

beforeAll(async () => {
  contentDir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-content-property-'))
  await mkdir(path.join(contentDir, 'articles'))
  await writeFile(path.join(contentDir, 'entities.json'), JSON.stringify(testGazetteer))
})
afterAll(async () => {
  await rm(contentDir, { recursive: true, force: true })
})

/** Makes `doc` the folder's only story, `articles/<slug>.json`; returns the file as the build names it. */
async function onlyStory(slug: string, doc: unknown): Promise<string> {
  if (storyFile) await rm(storyFile, { force: true })
  storyFile = path.join(contentDir, 'articles', `${slug}.json`)
  await writeFile(storyFile, JSON.stringify(doc))
  // The story's section is a registered one, unless it is what is broken.
  const section = (doc as { section?: unknown } | null)?.section
  const sections = v.is(SectionSchema.entries.name, section) ? [section] : []
  await writeRegisters(contentDir, { sections: testSections([...TEST_SECTION_NAMES, ...sections]) })
  return path.relative(process.cwd(), storyFile)
}

describe('the content build, on generated stories', () => {
  it(
    `takes every valid story as it is (${counted(250)})`,
    async () => {
      await fc.assert(
        fc.asyncProperty(validArticle, async (article) => {
          await onlyStory(article.slug, article)
          const { articles } = await loadContent(contentDir)
          expect(articles).toEqual([article])
        }),
        { numRuns: documents(250) },
      )
    },
    timeLimit(60_000),
  )

  it(
    `stops on every broken story, naming its file and the broken field (${counted(750)})`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          brokenForBuild,
          async ({ slug, doc, path: field, fault, message, alsoPath }) => {
            const file = await onlyStory(slug, doc)
            const error = await loadContent(contentDir).then(
              () => undefined,
              (e: unknown) => e,
            )
            expect(error, fault).toBeInstanceOf(ContentError)
            const { problems } = error as ContentError
            expect([...new Set(problems.map((p) => `${p.file}: ${p.path}`))], fault).toEqual(
              [field, ...(alsoPath ? [alsoPath] : [])].map((at) => `${file}: ${at}`),
            )
            // As a person reads it: `content/articles/x.json: $.body[3].id: duplicate block id "p1"`.
            expect((error as ContentError).message, fault).toContain(`\n  ${file}: ${field}: `)
            if (message)
              expect(
                problems.map((p) => p.message),
                fault,
              ).toContainEqual(expect.stringContaining(message))
          },
        ),
        { numRuns: documents(750) },
      )
    },
    timeLimit(120_000),
  )
})
