import { Link } from './Link'

interface Props {
  page: number
  totalPages: number
  hrefFor: (page: number) => string
  label: string
}

export function Pagination({ page, totalPages, hrefFor, label }: Props) {
  if (totalPages <= 1) return null
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="pagination__status">
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <Link to={hrefFor(page + 1)} rel="next">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
