// Publication times, formatted with the platform's Intl for the site's locale.
const LOCALE = 'en-GB'

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' })

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/** "2 days ago", "yesterday", "5 minutes ago"; "just now" under a minute. */
export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000)
  const magnitude = Math.abs(seconds)
  if (magnitude < 60) return 'just now'
  for (const [unit, size] of UNITS) {
    // Whole units, rounded down, so "47 hours ago" reads "yesterday" only after a full day.
    if (magnitude >= size) return relative.format(Math.trunc(seconds / size), unit)
  }
  return 'just now'
}

/** "15 August 2025 at 12:00 UTC"; in the reader's own time zone when none is given. */
export function formatExact(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date)
}

/** "15 Aug 2025": compact date for lists. */
export function formatShortDate(date: Date): string {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' }).format(date)
}
