import type { ContractError } from '../api/errors'
import { ErrorView } from '../components/ErrorView'
import { PageMeta } from '../components/PageMeta'

/** A page whose data arrived but breaks the contract: what is wrong, field by field. */
export function ContractErrorView({ error }: { error: ContractError }) {
  return (
    <ErrorView title="This page’s data is not in the expected format">
      <PageMeta title="Content error" description="This page could not be shown." />
      <p>
        We received this page, but its data does not match the article contract, so we will not show
        it half-broken. The newsroom has the details below.
      </p>
      <ul className="error-view__issues">
        {error.issues.map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            <code>{issue.path}</code>: {issue.message}
          </li>
        ))}
      </ul>
    </ErrorView>
  )
}
