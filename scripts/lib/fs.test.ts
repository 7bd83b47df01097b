// @vitest-environment node
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { filesUnder } from './fs'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-fs-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('filesUnder', () => {
  it('lists every file in every folder, deep or empty, and no folder', async () => {
    await mkdir(path.join(dir, 'articles/harbour/terms'), { recursive: true })
    await mkdir(path.join(dir, 'empty'))
    for (const file of ['index.html', 'articles/harbour.json', 'articles/harbour/terms/a.json'])
      await writeFile(path.join(dir, file), '{}')
    await symlink(path.join(dir, 'index.html'), path.join(dir, 'link.html'))

    const relative = (files: string[]) => files.map((f) => path.relative(dir, f)).sort()
    expect(relative(filesUnder(dir))).toEqual([
      'articles/harbour.json',
      'articles/harbour/terms/a.json',
      'index.html',
    ])
    expect(relative(filesUnder(dir, { links: true }))).toEqual([
      'articles/harbour.json',
      'articles/harbour/terms/a.json',
      'index.html',
      'link.html',
    ])
  })

  it('fails for a folder that is not there', () => {
    expect(() => filesUnder(path.join(dir, 'missing'))).toThrow(/ENOENT/)
  })
})
