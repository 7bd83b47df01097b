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

  it('keeps only the files `named` keeps, in folders of any size, and still walks every folder', async () => {
    // More entries than the walk reads at a time.
    await mkdir(path.join(dir, 'articles/harbour'), { recursive: true })
    const slugs = Array.from({ length: 700 }, (_, i) => `story-${i}`)
    for (const slug of slugs)
      for (const file of [`${slug}.json`, `${slug}.json.gz`, `${slug}.json.br`])
        await writeFile(path.join(dir, 'articles', file), '{}')
    await writeFile(path.join(dir, 'articles/harbour/front.json'), '{}')

    const json = filesUnder(dir, { named: (name) => name.endsWith('.json') })
    expect(json.map((f) => path.relative(dir, f)).sort()).toEqual(
      [...slugs.map((slug) => `articles/${slug}.json`), 'articles/harbour/front.json'].sort(),
    )
    expect(filesUnder(dir)).toHaveLength(3 * 700 + 1)
  })

  it('names each file relative to the folder with `/` between folders, with `relative`', async () => {
    await mkdir(path.join(dir, 'api/articles/index'), { recursive: true })
    for (const file of [
      'api/front.json',
      'api/articles/index/1.json',
      'api/articles/index/1.json.gz',
    ])
      await writeFile(path.join(dir, file), '{}')

    const named = (name: string) => name.endsWith('.json')
    expect(filesUnder(path.join(dir, 'api'), { relative: true, named }).sort()).toEqual([
      'articles/index/1.json',
      'front.json',
    ])
    expect(filesUnder(`${dir}/api/`, { relative: true }).sort()).toEqual([
      'articles/index/1.json',
      'articles/index/1.json.gz',
      'front.json',
    ])
  })

  it('fails for a folder that is not there', () => {
    expect(() => filesUnder(path.join(dir, 'missing'))).toThrow(/ENOENT/)
  })
})
