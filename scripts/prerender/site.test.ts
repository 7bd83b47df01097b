// @vitest-environment node
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fillTemplate, inlineStylesheet } from './site'

const template =
  '<html><head><!--app-head--></head><body><div id="root"><!--app-html--></div><!--app-state--></body></html>'

describe('filling the page template', () => {
  it('keeps dollar signs in story text literally', () => {
    const html = fillTemplate(template, {
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
})

describe('inlining the stylesheet', () => {
  async function built(css: string) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-inline-'))
    await mkdir(path.join(dir, 'assets'))
    await writeFile(path.join(dir, 'assets/index-abc.css'), css)
    return dir
  }
  const page = '<head><link rel="stylesheet" crossorigin href="/assets/index-abc.css"></head>'

  it('replaces the link with the CSS itself, so the first paint needs no second request', async () => {
    const dir = await built('body{color:#111}\n/*$vite$:1*/\n')
    expect(await inlineStylesheet(page, dir)).toBe('<head><style>body{color:#111}</style></head>')
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
