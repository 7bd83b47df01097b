import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ShareButton } from './ShareButton'

const url = 'https://news.example/articles/harbour-reopens'

// The test DOM has neither: give the page what a device would have.
function device(features: { share?: unknown; clipboard?: unknown }) {
  for (const [key, value] of Object.entries(features)) {
    Object.defineProperty(navigator, key, { value, configurable: true })
  }
}

afterEach(() => {
  for (const key of ['share', 'clipboard']) Reflect.deleteProperty(navigator, key)
})

describe('ShareButton', () => {
  it('opens the device share sheet where there is one', async () => {
    const share = vi.fn().mockResolvedValue(undefined)
    device({ share })
    render(<ShareButton title="Harbour reopens" url={url} />)
    await userEvent.click(screen.getByRole('button', { name: 'Share this story' }))
    expect(share).toHaveBeenCalledWith({ title: 'Harbour reopens', url })
    expect(screen.getByRole('status')).toHaveTextContent('')
  })

  it('copies the link where there is no share sheet, and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    device({ clipboard: { writeText } })
    render(<ShareButton title="Harbour reopens" url={url} />)
    await userEvent.click(screen.getByRole('button', { name: 'Share this story' }))
    expect(writeText).toHaveBeenCalledWith(url)
    expect(screen.getByRole('status')).toHaveTextContent('Link copied')
  })

  it('shows the link to copy by hand when the clipboard refuses', async () => {
    const writeText = vi.fn().mockRejectedValue(new Error('denied'))
    device({ clipboard: { writeText } })
    render(<ShareButton title="Harbour reopens" url={url} />)
    await userEvent.click(screen.getByRole('button', { name: 'Share this story' }))
    expect(screen.getByRole('status')).toHaveTextContent(`Copy this link: ${url}`)
  })

  it('does nothing more when the reader closes the share sheet', async () => {
    const share = vi.fn().mockRejectedValue(new DOMException('closed', 'AbortError'))
    const writeText = vi.fn()
    device({ share, clipboard: { writeText } })
    render(<ShareButton title="Harbour reopens" url={url} />)
    await userEvent.click(screen.getByRole('button', { name: 'Share this story' }))
    expect(writeText).not.toHaveBeenCalled()
  })
})
