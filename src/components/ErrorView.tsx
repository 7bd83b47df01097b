import type { ReactNode } from 'react'

interface Props {
  title: string
  children: ReactNode
  /** Shown as a "Try again" button when retrying can help. */
  onRetry?: () => void
  retrying?: boolean
}

export function ErrorView({ title, children, onRetry, retrying = false }: Props) {
  return (
    <section className="error-view" aria-labelledby="error-title">
      <h1 id="error-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Trying again…' : 'Try again'}
        </button>
      )}
    </section>
  )
}
