import { Link } from '../components/Link'
import { paths } from '../app/paths'
import { PageMeta } from '../components/PageMeta'

export function NotFoundPage() {
  return (
    <section className="error-view" aria-labelledby="error-title">
      <PageMeta title="Page not found" description="There is no story or page at this address." />
      <h1 id="error-title" tabIndex={-1}>
        We can’t find that page
      </h1>
      <p>
        There is no story, person, place or organisation at this address. It may have moved, or the
        link may be mistyped.
      </p>
      <p>
        <Link to={paths.front()} className="button">
          Go to the latest stories
        </Link>
      </p>
    </section>
  )
}
