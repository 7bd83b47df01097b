// Takes a story off the site, and puts one back. The story moves whole into a withdrawal record,
// `content/withdrawn/<slug>.json`, with when and why: nothing of it is lost, and the next build or
// refresh removes it from every list, feed and related block, and makes its address answer 410.
import { randomBytes } from 'node:crypto'
import { link, mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import { LIMITS, WithdrawnStorySchema, type WithdrawnStory } from '../../src/content/schema'
import { issuePath } from '../../src/content/issuePath'
import { readFile, writeFile } from '../lib/fs'
import { publishedStory } from './batch'
import { serializeArticle } from './ingest'
import { toIsoSeconds } from './captureTime'
import { noteChanged } from '../content/changeLog'

const files = (contentDir: string, slug: string) => ({
  published: path.join(contentDir, 'articles', `${slug}.json`),
  withdrawn: path.join(contentDir, 'withdrawn', `${slug}.json`),
})

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

/**
 * Writes a file that must not exist yet, whole: to a temp file, then linked in under its name,
 * which fails if something is there (and is never half there).
 */
async function writeNew(file: string, data: string, exists: string) {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
  )
  await writeFile(temp, data, { flag: 'wx' })
  try {
    await link(temp, file)
  } catch (error) {
    const taken = (error as NodeJS.ErrnoException).code === 'EEXIST'
    throw new Error(taken ? exists : (error as Error).message, { cause: error })
  } finally {
    await rm(temp, { force: true })
  }
}

/**
 * Withdraws the story at `slug`. The record is written first, then the story removed: if that
 * fails, the record is removed again. A story already withdrawn is refused, never overwritten.
 */
export async function withdrawStory(
  contentDir: string,
  slug: string,
  words: string,
  at: Date,
): Promise<{ from: string; to: string; record: WithdrawnStory }> {
  const { published, withdrawn } = files(contentDir, slug)
  const reason = words.trim().replace(/\s+/gu, ' ')
  if (!reason) throw new Error('say why the story is withdrawn: --reason "…"')
  if (reason.length > LIMITS.reason) {
    throw new Error(`the reason is ${reason.length} characters; at most ${LIMITS.reason}`)
  }
  const bytes = await readFile(published, 'utf8').catch((error: unknown) => {
    throw new Error(
      missing(error) ? `no published story at ${published}` : (error as Error).message,
      { cause: error },
    )
  })
  const article = publishedStory(bytes, published)
  const record: WithdrawnStory = { withdrawnAt: toIsoSeconds(at), reason, article }
  await mkdir(path.dirname(withdrawn), { recursive: true })
  // An earlier withdrawal of the same address is kept, not overwritten.
  await writeNew(
    withdrawn,
    `${JSON.stringify(record, null, 2)}\n`,
    `${withdrawn} already exists: a story at this address was withdrawn before; restore or remove that record first`,
  )
  try {
    await rm(published)
  } catch (error) {
    await rm(withdrawn, { force: true })
    throw error
  }
  await noteChanged(contentDir, [published])
  return { from: published, to: withdrawn, record }
}

/** Puts a withdrawn story back as it was when withdrawn, and removes the withdrawal record. */
export async function restoreStory(
  contentDir: string,
  slug: string,
): Promise<{ from: string; to: string }> {
  const { published, withdrawn } = files(contentDir, slug)
  const bytes = await readFile(withdrawn, 'utf8').catch((error: unknown) => {
    throw new Error(
      missing(error) ? `no withdrawn story at ${withdrawn}` : (error as Error).message,
      {
        cause: error,
      },
    )
  })
  const result = v.safeParse(WithdrawnStorySchema, JSON.parse(bytes))
  if (!result.success) {
    const [issue] = result.issues
    throw new Error(`${withdrawn}: ${issuePath(issue)}: ${issue.message}`)
  }
  // A new story published at the address since is kept: the editor chooses.
  await writeNew(
    published,
    serializeArticle(result.output.article),
    `${published} exists: another story is published at this address`,
  )
  await rm(withdrawn)
  await noteChanged(contentDir, [published])
  return { from: withdrawn, to: published }
}
