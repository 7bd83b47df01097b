// @vitest-environment node
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../src/content/schema'
import { publishedQuayStory } from './fixtures'
import { addCorrection } from './correct'
import { takeChanged } from '../content/changeLog'

let content: string
const published = publishedQuayStory
const file = () => path.join(content, 'articles', 'quay-reopens.json')
const onDisk = async () => JSON.parse(await readFile(file(), 'utf8')) as Article

beforeEach(async () => {
  content = await mkdtemp(path.join(os.tmpdir(), 'dispatch-correct-'))
  await mkdir(path.join(content, 'articles'))
  await writeFile(file(), `${JSON.stringify(published, null, 2)}\n`)
})
afterEach(() => rm(content, { recursive: true, force: true }))

describe('adding a correction to a published story', () => {
  it("appends it with its time and moves the story's update to it, changing nothing else", async () => {
    await addCorrection(
      content,
      'quay-reopens',
      ' The quay is in   Port Ellery. ',
      new Date('2026-11-27T10:00:00Z'),
    )
    await addCorrection(
      content,
      'quay-reopens',
      'It reopened on Tuesday.',
      new Date('2026-11-28T10:00:00Z'),
    )
    const story = await onDisk()
    expect(story).toEqual({
      ...published,
      updatedAt: '2026-11-28T10:00:00Z',
      corrections: [
        { at: '2026-11-27T10:00:00Z', text: 'The quay is in Port Ellery.' },
        { at: '2026-11-28T10:00:00Z', text: 'It reopened on Tuesday.' },
      ],
    })
    // Written whole: no temp file is left beside it.
    expect(await readdir(path.join(content, 'articles'))).toEqual(['quay-reopens.json'])
    // Noted for the next refresh, which publishes it first (docs/decisions/036).
    expect((await takeChanged(content))?.names).toEqual(['quay-reopens.json'])
  })

  it('refuses an empty or repeated correction and an unknown story, leaving the file as it was', async () => {
    const before = await readFile(file(), 'utf8')
    const at = new Date('2026-11-27T10:00:00Z')
    await expect(addCorrection(content, 'quay-reopens', '  ', at)).rejects.toThrow(
      'the correction is empty',
    )
    await expect(addCorrection(content, 'no-such-story', 'Text.', at)).rejects.toThrow(
      `no story at ${path.join(content, 'articles', 'no-such-story.json')}`,
    )
    await expect(addCorrection(content, 'quay-reopens', 'x'.repeat(1001), at)).rejects.toThrow(
      'the correction is 1001 characters; at most 1000',
    )
    expect(await readFile(file(), 'utf8')).toBe(before)
    await addCorrection(content, 'quay-reopens', 'The quay is in Port Ellery.', at)
    await expect(
      addCorrection(content, 'quay-reopens', 'The quay is in Port Ellery.', at),
    ).rejects.toThrow('already carries this correction')
  })

  it('never dates a correction before the story was published', async () => {
    await addCorrection(content, 'quay-reopens', 'A fix.', new Date('2026-11-01T00:00:00Z'))
    expect((await onDisk()).corrections?.[0]?.at).toBe(published.publishedAt)
  })
})
