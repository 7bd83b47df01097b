import { formatShortDate } from '../app/time'
import { Link } from './Link'

interface Props {
  /** The list's page as its API file has it: its number, its neighbours and its stories. */
  list: {
    page: number
    older?: number | undefined
    newer?: number | undefined
    items: readonly { publishedAt: string }[]
  }
  hrefFor: (page: number) => string
  label: string
}

/**
 * Links to a list's newer and older stories. Page 1 has the newest; the pages after it are
 * numbered from the oldest and never change once full, so a page says what it holds by its dates
 * rather than by a count of pages from the newest, which every story published would change.
 */
export function Pagination({ list, hrefFor, label }: Props) {
  const { page, older, newer, items } = list
  if (older === undefined && newer === undefined) return null
  const newest = items[0]
  const oldest = items[items.length - 1]
  const span =
    page > 1 && newest && oldest
      ? [oldest, newest].map((story) => formatShortDate(new Date(story.publishedAt)))
      : undefined
  return (
    <nav className="pagination" aria-label={label}>
      {newer !== undefined ? (
        <Link to={hrefFor(newer)} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="pagination__status">
        {span && (span[0] === span[1] ? span[0] : `${span[0]} to ${span[1]}`)}
      </span>
      {older !== undefined ? (
        <Link to={hrefFor(older)} rel="next">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
