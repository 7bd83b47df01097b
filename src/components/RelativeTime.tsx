import { formatExact, formatRelative } from '../app/time'
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
  if (now === null) {
    return (
      <time dateTime={iso} title={exact}>
        {exact}
      </time>
    )
  }
  return (
    <>
      <time dateTime={iso} title={exact}>
        {formatRelative(date, new Date(now))}
      </time>
      {withExact && <span className="exact-time">{exact}</span>}
    </>
  )
}
