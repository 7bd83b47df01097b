import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderInApp } from '../test/renderInApp'
import type { Entity, QuoteBlock } from '../content/schema'
import { QuoteCallout } from './QuoteCallout'

const mara: Entity = {
  id: 'mara-quill',
  name: 'Mara Quill',
  kind: 'person',
  aliases: ['Quill'],
  description: 'Harbourmaster of Port Ellery.',
}

const words = 'The harbour will be open by the first tide of autumn.'

const plain: QuoteBlock = {
  type: 'quote',
  id: 'q-harbour',
  text: words,
  speakerId: 'mara-quill',
  source: 'at the harbour meeting',
}

const attributed: QuoteBlock = {
  ...plain,
  attribution: [
    { type: 'entity', entityId: 'mara-quill', text: 'Quill' },
    { type: 'text', text: ' told the meeting' },
  ],
}

describe('QuoteCallout', () => {
  it('shows the exact words in a blockquote inside a figure', () => {
    renderInApp(<QuoteCallout block={attributed} speaker={mara} />)
    const figure = screen.getByRole('figure')
    expect(figure).toHaveAttribute('id', 'block-q-harbour')
    const blockquote = within(figure).getByRole('blockquote')
    expect(within(blockquote).getByText(words).tagName).toBe('P')
  })

  it('reads the words without the decorative quote mark', () => {
    renderInApp(<QuoteCallout block={attributed} speaker={mara} />)
    const blockquote = screen.getByRole('blockquote')
    const mark = within(blockquote).getByText('“')
    expect(mark).toHaveAttribute('aria-hidden', 'true')
    expect(blockquote).toHaveTextContent(`“${words}`)
    expect(within(blockquote).getByText(words)).not.toHaveTextContent('“')
  })

  it('captions the quote with the attribution, linking the speaker to their page', () => {
    renderInApp(<QuoteCallout block={attributed} speaker={mara} />)
    const caption = screen.getByRole('figure').querySelector('figcaption')
    expect(caption).not.toBeNull()
    expect(caption).toHaveTextContent(/^Quill told the meeting$/)
    const link = within(caption as HTMLElement).getByRole('link', { name: 'Quill' })
    expect(link).toHaveAttribute('href', '/entities/mara-quill')
  })

  it('without an attribution, captions the quote with the speaker’s name and the source', () => {
    renderInApp(<QuoteCallout block={plain} speaker={mara} />)
    const caption = screen.getByRole('figure').querySelector('figcaption')
    expect(caption).toHaveTextContent(/^Mara Quill, at the harbour meeting$/)
    expect(screen.getByRole('link', { name: 'Mara Quill' })).toHaveAttribute(
      'href',
      '/entities/mara-quill',
    )
  })

  it('falls back to the speaker id when the speaker is not known', () => {
    renderInApp(<QuoteCallout block={plain} speaker={undefined} />)
    expect(screen.getByRole('link', { name: 'mara-quill' })).toHaveAttribute(
      'href',
      '/entities/mara-quill',
    )
  })
})
