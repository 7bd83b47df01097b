import { isRouteErrorResponse, useRevalidator, useRouteError } from 'react-router'
import { ContractError, HttpError, NetworkError } from '../api/errors'
import { ErrorView } from '../components/ErrorView'
import { PageMeta } from '../components/PageMeta'
import { NotFoundPage } from './NotFoundPage'
import { OfflinePage } from './OfflinePage'
import { WithdrawnPage } from './WithdrawnPage'
import type { Withdrawal } from '../content/schema'
import { useOptionalModule } from '../app/useOptionalModule'

// Data that breaks the contract is the newsroom's problem, and rare: its page loads when needed
// (and where it cannot, the title alone says what happened).
const contractErrorView = () => import('./ContractErrorView')

function ContractErrorPage({ error }: { error: ContractError }) {
  const View = useOptionalModule(contractErrorView)?.ContractErrorView
  return View ? (
    <View error={error} />
  ) : (
    <ErrorView title="This page’s data is not in the expected format">{null}</ErrorView>
  )
}

/** What a reader sees when a page cannot be shown: not found, bad data, or a failed request. */
export function RouteError() {
  const error = useRouteError()
  const revalidator = useRevalidator()

  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />
  if (isRouteErrorResponse(error) && error.status === 410)
    return <WithdrawnPage withdrawal={error.data as Withdrawal} />

  if (error instanceof ContractError) return <ContractErrorPage error={error} />

  const retry = () => void revalidator.revalidate()
  const retrying = revalidator.state === 'loading'
  // No connection at all: say so, and what can still be read.
  if (error instanceof NetworkError && error.reason === 'unreachable' && !navigator.onLine)
    return <OfflinePage onRetry={retry} retrying={retrying} />

  const detail =
    error instanceof NetworkError
      ? {
          unreachable: 'We could not reach the server. Check your connection, then try again.',
          timeout: 'The server took too long to answer. It may be busy; try again.',
          'cut-off':
            'The page’s data stopped arriving part-way. Check your connection, then try again.',
        }[error.reason]
      : error instanceof HttpError
        ? `The server had a problem (error ${error.status}). It may be temporary.`
        : 'Something went wrong while loading this page.'
  return (
    <ErrorView title="We couldn’t load this page" onRetry={retry} retrying={retrying}>
      <PageMeta title="Loading failed" description="This page could not be loaded." />
      <p>{detail}</p>
    </ErrorView>
  )
}
