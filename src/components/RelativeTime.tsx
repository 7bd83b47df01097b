import { formatExact, formatRelative, formatShortDate } from '../app/time'
import { useNow } from '../app/useNow'

interface Props {
  iso: string
  /** Also show the exact date and time beside the relative one (story pages). */
  withExact?: boolean
}

/** "2 days ago" in a `<time>`, kept current; the exact time is in the static HTML and the title. */
export function RelativeTime({ iso, withExact = false }: Props) {
  const now = useNow()
  const date = new Date(iso)
  // Prerendered HTML cannot know the reader's clock or zone: it shows the exact time in UTC.
  const exact = formatExact(date, now === null ? 'UTC' : undefined)
  if (withExact) {
    // Two lines that keep their size when the page comes alive: the short date becomes "2 days
    // ago", and the exact time moves from UTC to the reader's zone. Nothing below them moves.
    return (
      <span className="when">
        <time dateTime={iso} title={exact}>
          {now === null ? formatShortDate(date) : formatRelative(date, new Date(now))}
        </time>
        <span className="exact-time">{exact}</span>
      </span>
    )
  }
  return (
    <time dateTime={iso} title={exact}>
      {now === null ? exact : formatRelative(date, new Date(now))}
    </time>
  )
}

/** "15 August 2025 at 12:00 UTC" in a `<time>`: in UTC in the static HTML, the reader's zone live. */
export function ExactTime({ iso }: { iso: string }) {
  const now = useNow()
  return <time dateTime={iso}>{formatExact(new Date(iso), now === null ? 'UTC' : undefined)}</time>
}
