// @vitest-environment node
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { compileTemplate, inlineStylesheet } from './site'

const template =
  '<html><head><!--app-head--></head><body><div id="root"><!--app-html--></div><!--app-state--></body></html>'

describe('filling the page template', () => {
  it('keeps dollar signs in story text literally', () => {
    const html = compileTemplate(template).fill({
      status: 200,
      head: '<title>Costs $$ and $& more</title>',
      html: "<p>Prices rose $' and $&amp; then $1.</p>",
      queryState: '{"text":"$\'"}',
      structuredData: null,
    })
    expect(html).toContain('<title>Costs $$ and $& more</title>')
    expect(html).toContain('<div id="root"><p>Prices rose $\' and $&amp; then $1.</p></div>')
    expect(html).toContain('{"text":"$\'"}</script></body></html>')
  })

  it('fills each slot once, even when a story quotes the slots themselves', () => {
    const { start, fill } = compileTemplate(template)
    const html = fill({
      status: 200,
      head: '<title>About <!--app-html--></title>',
      html: '<p>Typed <!--app-head--> and <!--app-state--></p>',
      queryState: null,
      structuredData: null,
    })
    expect(html).toBe(
      '<html><head><title>About <!--app-html--></title></head><body><div id="root">' +
        '<p>Typed <!--app-head--> and <!--app-state--></p></div></body></html>',
    )
    // Every page starts with the template up to its own head.
    expect(start).toBe('<html><head>')
  })

  it("gives a page's bytes as its start's bytes and its own part, the same as its text", () => {
    const { start, fill, bytes } = compileTemplate(template)
    const page = {
      status: 200,
      head: '<title>Ellery’s café — Škerrin 🚢</title>',
      html: '<p>Ærvik, Łóvel and Vålen</p>',
      queryState: '{"text":"Ærvik"}',
      structuredData: '{"headline":"Café"}',
    }
    expect(bytes(page, Buffer.from(start)).toString('utf8')).toBe(fill(page))
    expect(bytes(page, Buffer.from(start))).toEqual(Buffer.from(fill(page)))
  })

  it('refuses a template that lacks a slot, naming it', () => {
    expect(() => compileTemplate('<html><head><!--app-head--></head><body></body></html>')).toThrow(
      'the page template has no <!--app-html-->',
    )
  })
})

describe('inlining the stylesheet', () => {
  async function built(css: string) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-inline-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    await mkdir(path.join(dir, 'assets'))
    await writeFile(path.join(dir, 'assets/index-abc.css'), css)
    return dir
  }
  const page = '<head><link rel="stylesheet" crossorigin href="/assets/index-abc.css"></head>'

  it('replaces the link with the CSS itself, so the first paint needs no second request', async () => {
    const dir = await built('body{color:#111}\n/*$vite$:1*/\n')
    expect(await inlineStylesheet(page, dir)).toBe('<head><style>body{color:#111}</style></head>')
  })

  it("puts the CSS before the page's own head, so that every page starts with it", async () => {
    const dir = await built('body{color:#111}')
    const html = await inlineStylesheet(
      '<head><meta charset="UTF-8" /><!--app-head--><link rel="stylesheet" crossorigin href="/assets/index-abc.css"></head>',
      dir,
    )
    expect(html).toBe(
      '<head><meta charset="UTF-8" /><style>body{color:#111}</style>\n    <!--app-head--></head>',
    )
    expect(
      compileTemplate(`${html}<div id="root"><!--app-html--></div><!--app-state-->`).start,
    ).toBe('<head><meta charset="UTF-8" /><style>body{color:#111}</style>\n    ')
  })

  it('refuses CSS that would close the style element early', async () => {
    const dir = await built('a::after{content:"</style><script>"}')
    await expect(inlineStylesheet(page, dir)).rejects.toThrow('index-abc.css contains "</"')
  })

  it('refuses a page with no stylesheet link', async () => {
    await expect(inlineStylesheet('<head></head>', os.tmpdir())).rejects.toThrow(
      'no stylesheet link',
    )
  })
})
