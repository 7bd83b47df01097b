// @vitest-environment node
import fs from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { writeWholeSync } from './fs'
import { copyPublic } from './publicCopy'

let root = ''
const pub = (...parts: string[]) => path.join(root, 'public', ...parts)
const dist = (...parts: string[]) => path.join(root, 'dist', ...parts)
const put = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
}
const sameFile = (a: string, b: string) => fs.statSync(a).ino === fs.statSync(b).ino

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dispatch-public-'))
  put(pub('favicon.svg'), '<svg/>')
  put(pub('icons', 'icon-192.png'), 'png')
  put(pub('api', 'front.json'), '{"lead":"harbour"}')
  put(pub('api', 'articles', 'harbour-vote.json'), '{"headline":"Harbour vote"}')
})
afterEach(async () => {
  vi.restoreAllMocks()
  await rm(root, { recursive: true, force: true })
})

describe("public/ copied into the app's build", () => {
  it('gives the build every file, the API as links to the same bytes and the rest as copies', () => {
    expect(copyPublic(pub(), dist(), new Set(['api']))).toEqual({ copied: 2, linked: 2 })
    for (const file of ['favicon.svg', 'icons/icon-192.png', 'api/front.json'])
      expect(fs.readFileSync(dist(file), 'utf8'), file).toBe(fs.readFileSync(pub(file), 'utf8'))
    expect(
      sameFile(
        dist('api', 'articles', 'harbour-vote.json'),
        pub('api', 'articles', 'harbour-vote.json'),
      ),
    ).toBe(true)
    expect(sameFile(dist('favicon.svg'), pub('favicon.svg'))).toBe(false)
  })

  it("leaves public/'s file as it was when the build's is replaced, as every writer of the API does", () => {
    copyPublic(pub(), dist(), new Set(['api']))
    writeWholeSync(dist('api', 'front.json'), '{"lead":"ferry"}')
    expect(fs.readFileSync(dist('api', 'front.json'), 'utf8')).toBe('{"lead":"ferry"}')
    expect(fs.readFileSync(pub('api', 'front.json'), 'utf8')).toBe('{"lead":"harbour"}')
  })

  it("keeps the bundle's own files where public/ has one of the same name", () => {
    put(dist('favicon.svg'), '<svg id="bundled"/>')
    put(dist('api', 'front.json'), '{"lead":"bundled"}')
    expect(copyPublic(pub(), dist(), new Set(['api']))).toEqual({ copied: 1, linked: 1 })
    expect(fs.readFileSync(dist('favicon.svg'), 'utf8')).toBe('<svg id="bundled"/>')
    expect(fs.readFileSync(dist('api', 'front.json'), 'utf8')).toBe('{"lead":"bundled"}')
  })

  it('copies where the file system cannot link, and stops on any other failure', () => {
    const refuse = (code: string) =>
      vi.spyOn(fs, 'linkSync').mockImplementation(() => {
        throw Object.assign(new Error(`link: ${code}`), { code })
      })
    refuse('EXDEV')
    expect(copyPublic(pub(), dist(), new Set(['api']))).toEqual({ copied: 4, linked: 0 })
    expect(fs.readFileSync(dist('api', 'front.json'), 'utf8')).toBe('{"lead":"harbour"}')
    expect(sameFile(dist('api', 'front.json'), pub('api', 'front.json'))).toBe(false)

    refuse('EIO')
    expect(() => copyPublic(pub(), path.join(root, 'other'), new Set(['api']))).toThrow('link: EIO')
  })
})
