// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { fillTemplate } from './site'

const template =
  '<html><head><!--app-head--></head><body><div id="root"><!--app-html--></div><!--app-state--></body></html>'

describe('filling the page template', () => {
  it('keeps dollar signs in story text literally', () => {
    const html = fillTemplate(
      template,
      {
        status: 200,
        head: '<title>Costs $$ and $& more</title>',
        html: "<p>Prices rose $' and $&amp; then $1.</p>",
        queryState: '{"text":"$\'"}',
        structuredData: null,
      },
      'route',
    )
    expect(html).toContain('<title>Costs $$ and $& more</title>')
    expect(html).toContain(
      '<div id="root" data-prerendered="route"><p>Prices rose $\' and $&amp; then $1.</p></div>',
    )
    expect(html).toContain('{"text":"$\'"}</script></body></html>')
  })
})
