import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderInApp } from '../test/renderInApp'
import type { Block } from '../content/schema'
import { testGazetteer } from '../test/gazetteer'
import { ArticleBody } from './ArticleBody'

// Only the people and places this body links.
const entities = testGazetteer.filter((e) => ['mara-quill', 'port-ellery'].includes(e.id))

const body: Block[] = [
  {
    type: 'paragraph',
    id: 'p1',
    content: [
      { type: 'text', text: 'Boats returned to ' },
      { type: 'entity', entityId: 'port-ellery', text: 'the town' },
      { type: 'text', text: ' on Monday, ' },
      { type: 'entity', entityId: 'mara-quill', text: 'the harbourmaster' },
      { type: 'text', text: ' said. Read the ' },
      { type: 'link', href: 'https://example.org/tides', text: 'tide tables' },
      { type: 'text', text: '.' },
    ],
  },
  {
    type: 'quote',
    id: 'q1',
    text: 'We are open.',
    speakerId: 'mara-quill',
    source: 'at the quay',
  },
  { type: 'ad', id: 'ad-1', label: 'Advertisement' },
  {
    type: 'paragraph',
    id: 'p2',
    content: [{ type: 'text', text: 'Fishermen typed <b>bold</b> into the <script>log</script>.' }],
  },
]

describe('ArticleBody', () => {
  it('renders a paragraph’s text runs as text and entity runs as links with the run’s words', () => {
    const { container } = renderInApp(<ArticleBody body={body} entities={entities} />)
    const p1 = container.querySelector('p#block-p1')
    expect(p1).toHaveTextContent(
      'Boats returned to the town on Monday, the harbourmaster said. Read the tide tables.',
    )
    expect(screen.getByRole('link', { name: 'the town' })).toHaveAttribute(
      'href',
      '/entities/port-ellery',
    )
    expect(screen.getByRole('link', { name: 'the harbourmaster' })).toHaveAttribute(
      'href',
      '/entities/mara-quill',
    )
    expect(screen.queryByRole('link', { name: /Boats returned/ })).toBeNull()
  })

  it('renders link runs as external links that do not leak the opener', () => {
    renderInApp(<ArticleBody body={body} entities={entities} />)
    const link = screen.getByRole('link', { name: 'tide tables' })
    expect(link).toHaveAttribute('href', 'https://example.org/tides')
    expect(link.getAttribute('rel')).toContain('noopener')
  })

  it('renders the blocks in order, with the slot moved off the quote to between paragraphs', () => {
    const more: Block = { type: 'paragraph', id: 'p3', content: [{ type: 'text', text: 'More.' }] }
    const { container } = renderInApp(<ArticleBody body={[...body, more]} entities={entities} />)
    const blocks = Array.from(container.querySelector('.article-body')?.children ?? [])
    expect(blocks.map((el) => el.tagName)).toEqual(['P', 'FIGURE', 'P', 'ASIDE', 'P'])
    expect(screen.getByRole('figure')).toHaveTextContent('Mara Quill, at the quay')
    expect(screen.getByRole('complementary', { name: 'Advertisement' })).toBeInTheDocument()
  })

  it('shows no slot where it could only sit beside a quote callout', () => {
    const { container } = renderInApp(<ArticleBody body={body} entities={entities} />)
    const blocks = Array.from(container.querySelector('.article-body')?.children ?? [])
    expect(blocks.map((el) => el.tagName)).toEqual(['P', 'FIGURE', 'P'])
  })

  it('shows markup in a text run literally instead of injecting it', () => {
    const { container } = renderInApp(<ArticleBody body={body} entities={entities} />)
    const p2 = container.querySelector('p#block-p2')
    expect(p2).toHaveTextContent('Fishermen typed <b>bold</b> into the <script>log</script>.')
    expect(p2?.querySelector('b, script')).toBeNull()
    expect(p2?.children).toHaveLength(0)
  })

  it('keeps block ids in their own namespace, so content cannot take the app’s ids', () => {
    const clashing: Block[] = ['root', 'main', 'dispatch-query-state'].map((id) => ({
      type: 'paragraph',
      id,
      content: [{ type: 'text', text: `A block called ${id}.` }],
    }))
    const { container } = renderInApp(<ArticleBody body={clashing} entities={entities} />)
    const ids = Array.from(container.querySelectorAll('.article-body [id]'), (el) => el.id)
    expect(ids).toEqual(['block-root', 'block-main', 'block-dispatch-query-state'])
  })

  it('shows a notice in place of a block that fails, renders the rest, and reports it once', () => {
    const reported = vi.fn()
    vi.stubGlobal('reportError', reported)
    // Keep React's own console report of the caught error out of the test's output.
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const broken = {
      type: 'paragraph',
      id: 'p-broken',
      // Not an array: rendering its runs throws, as data the app does not expect would.
      content: { type: 'text', text: 'Not a list of runs.' },
    } as unknown as Block
    const { container } = renderInApp(
      <ArticleBody body={[body[0] as Block, broken, body[3] as Block]} entities={entities} />,
    )
    const blocks = Array.from(container.querySelector('.article-body')?.children ?? [])
    expect(blocks.map((el) => el.textContent)).toEqual([
      expect.stringContaining('Boats returned to the town'),
      'This part of the story could not be shown.',
      expect.stringContaining('Fishermen typed'),
    ])
    expect(screen.getByRole('note')).toHaveTextContent('could not be shown')
    expect(reported).toHaveBeenCalledTimes(1)
    vi.unstubAllGlobals()
  })
})
