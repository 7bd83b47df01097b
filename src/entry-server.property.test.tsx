// @vitest-environment node
// The prerender on generated articles (src/test/arbitraries.ts): each is served as the static API
// would serve it, rendered by `render`, the prerender's own entry (same routes, loader, fetch and
// parse), and read back with an HTML parser. In Node, as the prerender runs, so API URLs resolve
// to the prerender origin.
//
// 1,000 of the 10,000 documents come here. A story takes about 6.6 ms through the whole route on
// this 2-core machine: 10,000 took 66 s, longer than the rest of the unit suite together. A
// faster path (ArticleBody alone) would skip what this checks (head, page state, route, loader),
// so the share is smaller instead; the other 9,000 go through the schema, feeds and content build.
import fc from 'fast-check'
import { Window, type Element } from 'happy-dom'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { blockAnchor } from './app/paths'
import { SITE_NAME } from './app/site'
import type { ArticleDocument } from './content/schema'
import { render } from './entry-server'
import { counted, documents, summary, textsOf, timeLimit, validArticle } from './test/arbitraries'
import { testGazetteer } from './test/gazetteer'

const window = new Window()
const { document } = window
afterAll(async () => {
  await window.happyDOM.close()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

/** The document the API serves for a story: it, the entities it names, and related stories. */
const articleDocument: fc.Arbitrary<ArticleDocument> = fc
  .tuple(validArticle, fc.array(summary, { maxLength: 2 }))
  .map(([article, related]) => {
    const named = new Set(
      article.body.flatMap((b) => {
        if (b.type === 'paragraph')
          return b.content.map((r) => (r.type === 'entity' ? r.entityId : ''))
        if (b.type === 'quote')
          return [
            b.speakerId,
            ...(b.attribution ?? []).map((r) => (r.type === 'entity' ? r.entityId : '')),
          ]
        return []
      }),
    )
    return { article, entities: testGazetteer.filter((e) => named.has(e.id)), related, authors: [] }
  })

/** Serves each of `docs` as its story's API file, and nothing else. */
function serve(...docs: ArticleDocument[]) {
  const bodies = new Map(docs.map((doc) => [`/api/articles/${doc.article.slug}.json`, doc]))
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const doc = bodies.get(url.pathname)
    return Promise.resolve(
      doc
        ? new Response(JSON.stringify(doc), { headers: { 'content-type': 'application/json' } })
        : new Response('Not found', { status: 404 }),
    )
  })
}

interface DehydratedState {
  queries: { queries: { queryKey: unknown[]; state: { data: unknown } }[] }
}

// What a reader sees of a text: runs of white space (line breaks, tabs, no-break spaces) read as
// one space, and none at either end. An HTML parser also turns CR and CRLF into LF.
const seen = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

/**
 * The first element under `root`, depth first, that `test` picks. Not querySelector: happy-dom
 * keeps every tree it has cached a query's answer for, and a thousand pages fill the heap.
 */
function find(
  root: Element | null | undefined,
  test: (element: Element) => boolean,
): Element | null {
  for (const child of root?.children ?? []) {
    if (test(child)) return child
    const found = find(child, test)
    if (found) return found
  }
  return null
}
const tag = (name: string) => (element: Element) => element.tagName === name
const withClass = (name: string) => (element: Element) => element.classList.contains(name)

describe('the prerender, on generated articles', () => {
  it(
    `renders every valid story whole: headline, standfirst, paragraphs, quotes, credit (${counted(1_000)})`,
    async () => {
      await fc.assert(
        fc.asyncProperty(articleDocument, async (doc) => {
          serve(doc)
          const page = await render(`/articles/${doc.article.slug}`, 'https://news.example')
          expect(page.status).toBe(200)

          document.head.innerHTML = page.head
          document.body.innerHTML = page.html
          const texts = textsOf(doc.article)
          const description = find(document.head, (e) => e.getAttribute('name') === 'description')
          expect(seen(find(document.head, tag('TITLE'))?.textContent)).toBe(
            seen(`${texts.headline} | ${SITE_NAME}`),
          )
          expect(seen(description?.getAttribute('content'))).toBe(seen(texts.standfirst))
          const story = find(document.body, tag('ARTICLE'))
          expect(seen(find(story, tag('H1'))?.textContent)).toBe(seen(texts.headline))
          expect(seen(find(story, withClass('standfirst'))?.textContent)).toBe(
            seen(texts.standfirst),
          )
          expect(seen(find(story, withClass('credit'))?.textContent)).toBe(seen(texts.credit))
          for (const block of texts.blocks) {
            const element = document.getElementById(blockAnchor(block.id))
            if (block.kind === 'paragraph') {
              expect(seen(element?.textContent), block.id).toBe(seen(block.text))
              continue
            }
            const words = find(find(element, tag('BLOCKQUOTE')), tag('P'))
            expect(seen(words?.textContent), block.id).toBe(seen(block.text))
            if (block.caption !== undefined)
              expect(seen(find(element, tag('FIGCAPTION'))?.textContent), block.id).toBe(
                seen(block.caption),
              )
          }

          // The page state and structured data carry the story as it was, and nothing in them can
          // end their <script> element early.
          for (const json of [page.queryState, page.structuredData]) expect(json).not.toContain('<')
          const state = JSON.parse(page.queryState ?? 'null') as DehydratedState
          expect(state.queries.queries[0]?.state.data).toEqual(doc)
          expect(JSON.parse(page.structuredData ?? 'null')).toMatchObject({
            headline: doc.article.headline,
            description: doc.article.standfirst,
          })
        }),
        { numRuns: documents(1_000) },
      )
    },
    timeLimit(180_000),
  )

  it('gives each page its own data only, whether rendered one after another or at once', async () => {
    const docs = fc
      .sample(articleDocument, 6)
      .filter((doc, i, all) => all.findIndex((d) => d.article.slug === doc.article.slug) === i)
    serve(...docs)
    const render_ = (doc: ArticleDocument) =>
      render(`/articles/${doc.article.slug}`, 'https://news.example', 0)
    const oneByOne = []
    for (const doc of docs) oneByOne.push(await render_(doc))
    for (const [i, page] of oneByOne.entries()) {
      const state = JSON.parse(page.queryState ?? 'null') as DehydratedState
      expect(state.queries.queries.map((query) => query.state.data)).toEqual([docs[i]])
    }
    expect(await Promise.all(docs.map(render_))).toEqual(oneByOne)
  })
})
