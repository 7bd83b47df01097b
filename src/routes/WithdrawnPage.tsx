import { Link } from '../components/Link'
import { paths } from '../app/paths'
import type { Withdrawal } from '../content/schema'
import { ErrorView } from '../components/ErrorView'
import { PageMeta } from '../components/PageMeta'
import { ExactTime } from '../components/RelativeTime'

/**
 * A withdrawn story's address (status 410): that the story was withdrawn, when and why. Not what it
 * said: a story is withdrawn because it should no longer be read.
 */
export function WithdrawnPage({ withdrawal }: { withdrawal: Withdrawal }) {
  return (
    <ErrorView title="This story has been withdrawn">
      <PageMeta title="Story withdrawn" description="This story has been withdrawn." />
      <p>
        Dispatch withdrew this story on <ExactTime iso={withdrawal.withdrawnAt} />.
      </p>
      <p className="withdrawn-reason">{withdrawal.reason}</p>
      <p>
        <Link to={paths.front()} className="button">
          Go to the latest stories
        </Link>
      </p>
    </ErrorView>
  )
}
