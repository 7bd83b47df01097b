// Writes the feeds for a built site from its static API.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import { apiPaths } from '../../src/api/apiPaths'
import { ArticlePageSchema, type ArticleSummary } from '../../src/content/schema'
import { readFile, writeFile } from '../lib/fs'
import { mkdir, rm } from 'node:fs/promises'
import { buildFeeds } from './feeds'

export async function writeFeeds(distDir: string, origin: string, now = new Date()) {
  const api = path.join(distDir, 'api')
  const read = async (file: string) =>
    v.parse(ArticlePageSchema, JSON.parse(await readFile(path.join(api, file), 'utf8')))
  const first = await read(apiPaths.articleIndex(1))
  const stories: ArticleSummary[] = [...first.items]
  for (let n = 2; n <= first.totalPages; n++)
    stories.push(...(await read(apiPaths.articleIndex(n))).items)
  const entityIds = (await readdir(path.join(api, 'entities')))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort()
  return writeFeedFiles(distDir, stories, entityIds, origin, now)
}

/** Writes the feeds from stories already in memory (newest first), as a rebuild has them. */
export async function writeFeedFiles(
  distDir: string,
  stories: ArticleSummary[],
  entityIds: string[],
  origin: string,
  now = new Date(),
) {
  const { files } = buildFeeds(stories, entityIds, origin, now)
  // Parts of a bigger sitemap from an earlier build must not linger.
  await rm(path.join(distDir, 'sitemaps'), { recursive: true, force: true })
  for (const [name, text] of files) {
    await mkdir(path.dirname(path.join(distDir, name)), { recursive: true })
    await writeFile(path.join(distDir, name), text)
  }
  return { files: files.size, stories: stories.length }
}
