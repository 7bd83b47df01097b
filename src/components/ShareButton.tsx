import { useState } from 'react'
import { useLive } from '../app/useLive'

interface Props {
  title: string
  url: string
}

/**
 * Shares the story with the device's share sheet (Web Share API) where there is one, and copies
 * the link otherwise. It needs JavaScript, so it keeps its place but stays hidden until the page
 * is live: no dead button without JavaScript, and no text moving when it appears.
 */
export function ShareButton({ title, url }: Props) {
  const live = useLive()
  const [status, setStatus] = useState('')

  async function share() {
    setStatus('')
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url })
        return
      } catch (error) {
        // The reader closed the share sheet: nothing to do. Anything else: copy instead.
        if (error instanceof DOMException && error.name === 'AbortError') return
      }
    }
    try {
      await navigator.clipboard.writeText(url)
      setStatus('Link copied')
    } catch {
      setStatus(`Copy this link: ${url}`)
    }
  }

  return (
    <span className={live ? 'share' : 'share share--pending'}>
      <button
        type="button"
        className="share__button"
        aria-label="Share this story"
        onClick={() => void share()}
        disabled={!live}
      >
        Share
      </button>
      <span role="status" className="share__status">
        {status}
      </span>
    </span>
  )
}
