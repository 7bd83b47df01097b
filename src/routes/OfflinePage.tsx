import { Link } from '../components/Link'
import { paths } from '../app/paths'
import { ErrorView } from '../components/ErrorView'
import { PageMeta } from '../components/PageMeta'

interface Props {
  /** Shown as "Try again" where the app can retry the page itself. */
  onRetry?: () => void
  retrying?: boolean
}

/**
 * What a reader sees offline for a page this device has not kept: the service worker answers such
 * a page with `/offline` (docs/decisions/021), and the app shows the same when a navigation fails
 * for want of a connection.
 */
export function OfflinePage({ onRetry, retrying = false }: Props) {
  return (
    <ErrorView
      title="You’re offline"
      onRetry={onRetry ?? (() => window.location.reload())}
      retrying={retrying}
    >
      <PageMeta
        title="Offline"
        description="This page is not kept on this device for offline reading."
      />
      <p>This page isn’t kept on this device, so it can’t be shown without a connection.</p>
      <p>
        Your <Link to={paths.saved()}>saved stories</Link>, the stories you opened lately and the
        front page can still be read.
      </p>
    </ErrorView>
  )
}
