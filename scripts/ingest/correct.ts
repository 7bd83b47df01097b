// Adds a correction to a published story without retyping it: the correction goes at the end of
// the story's list with its time, and the story's `updatedAt` moves to it.
import path from 'node:path'
import * as v from 'valibot'
import { ArticleSchema, LIMITS, type Article } from '../../src/content/schema'
import { issuePath } from '../../src/content/issuePath'
import { readFile, writeWhole } from '../lib/fs'
import { publishedStory } from './batch'
import { noteChanged } from '../content/changeLog'
import { inContractOrder, serializeArticle, updateTime } from './ingest'

export async function addCorrection(
  contentDir: string,
  slug: string,
  words: string,
  at: Date,
): Promise<{ file: string; article: Article }> {
  const file = path.join(contentDir, 'articles', `${slug}.json`)
  const bytes = await readFile(file, 'utf8').catch((error: unknown) => {
    const { code, message } = error as NodeJS.ErrnoException
    throw new Error(code === 'ENOENT' ? `no story at ${file}` : `${file}: ${message}`, {
      cause: error,
    })
  })
  const story = publishedStory(bytes, file)
  const text = words.trim().replace(/\s+/gu, ' ')
  if (!text) throw new Error('the correction is empty: say what was wrong and what is right')
  if (text.length > LIMITS.correction) {
    throw new Error(`the correction is ${text.length} characters; at most ${LIMITS.correction}`)
  }
  if (story.corrections?.some((c) => c.text === text)) {
    throw new Error(`${file} already carries this correction`)
  }
  const when = updateTime(story.publishedAt, at)
  const latest =
    story.updatedAt !== undefined && Date.parse(story.updatedAt) > Date.parse(when)
      ? story.updatedAt
      : when
  const article = inContractOrder({
    ...story,
    updatedAt: latest,
    corrections: [...(story.corrections ?? []), { at: when, text }],
  })
  const checked = v.safeParse(ArticleSchema, article)
  if (!checked.success) {
    const [issue] = checked.issues
    throw new Error(
      `${file}: the correction would break the story: ${issuePath(issue)}: ${issue.message}`,
    )
  }
  await writeWhole(file, serializeArticle(article))
  await noteChanged(contentDir, [file])
  return { file, article }
}
