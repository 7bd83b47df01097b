// @vitest-environment node
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { publishedQuayStory } from './fixtures'
import { restoreStory, withdrawStory } from './unpublish'
import { takeChanged } from '../content/changeLog'

let content: string
const story = publishedQuayStory
const bytes = `${JSON.stringify(story, null, 2)}\n`
const published = () => path.join(content, 'articles', 'quay-reopens.json')
const withdrawn = () => path.join(content, 'withdrawn', 'quay-reopens.json')
const listing = async () => ({
  articles: await readdir(path.join(content, 'articles')),
  withdrawn: await readdir(path.join(content, 'withdrawn')).catch(() => []),
})

beforeEach(async () => {
  content = await mkdtemp(path.join(os.tmpdir(), 'dispatch-unpublish-'))
  await mkdir(path.join(content, 'articles'))
  await writeFile(published(), bytes)
})
afterEach(() => rm(content, { recursive: true, force: true }))

describe('withdrawing a story', () => {
  it('moves the whole story into a record of when and why, and back again on restore', async () => {
    const at = new Date('2026-11-28T10:00:00.500Z')
    await withdrawStory(content, 'quay-reopens', '  Withdrawn on legal advice. ', at)
    expect(await listing()).toEqual({ articles: [], withdrawn: ['quay-reopens.json'] })
    expect(JSON.parse(await readFile(withdrawn(), 'utf8'))).toEqual({
      withdrawnAt: '2026-11-28T10:00:00Z',
      reason: 'Withdrawn on legal advice.',
      article: story,
    })

    // Noted for the next refresh, which publishes it first (docs/decisions/036).
    expect((await takeChanged(content))?.names).toEqual(['quay-reopens.json'])

    await restoreStory(content, 'quay-reopens')
    expect(await listing()).toEqual({ articles: ['quay-reopens.json'], withdrawn: [] })
    expect(await readFile(published(), 'utf8')).toBe(bytes)
  })

  it('needs a reason and a published story, and never overwrites a withdrawal or a story', async () => {
    const at = new Date('2026-11-28T10:00:00Z')
    await expect(withdrawStory(content, 'quay-reopens', ' ', at)).rejects.toThrow('say why')
    await expect(withdrawStory(content, 'no-such-story', 'Why.', at)).rejects.toThrow(
      'no published story at',
    )
    await withdrawStory(content, 'quay-reopens', 'First.', at)
    // A new story at the same address, withdrawn too: the first record stays as it was.
    await writeFile(published(), bytes)
    const first = await readFile(withdrawn(), 'utf8')
    await expect(withdrawStory(content, 'quay-reopens', 'Second.', at)).rejects.toThrow(
      'already exists: a story at this address was withdrawn before',
    )
    expect(await readFile(withdrawn(), 'utf8')).toBe(first)
    // Restoring over the new story is refused; both stay.
    await expect(restoreStory(content, 'quay-reopens')).rejects.toThrow(
      'another story is published at this address',
    )
    expect(await listing()).toEqual({
      articles: ['quay-reopens.json'],
      withdrawn: ['quay-reopens.json'],
    })
  })
})
