// Publication times, formatted with the platform's Intl for the site's locale. Formatters are made
// on first use and kept: making one costs far more than using it, and a page shows many times.
const LOCALE = 'en-GB'

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

const EXACT: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
}

let relative: Intl.RelativeTimeFormat | undefined
let shortDate: Intl.DateTimeFormat | undefined
// By time zone; '' is the reader's own.
const exact = new Map<string, Intl.DateTimeFormat>()

/** "2 days ago", "yesterday", "5 minutes ago"; "just now" under a minute. */
export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000)
  const magnitude = Math.abs(seconds)
  if (magnitude < 60) return 'just now'
  for (const [unit, size] of UNITS) {
    // Whole units, rounded down, so "47 hours ago" reads "yesterday" only after a full day.
    if (magnitude >= size) {
      relative ??= new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' })
      return relative.format(Math.trunc(seconds / size), unit)
    }
  }
  return 'just now'
}

/** "15 August 2025 at 12:00 UTC"; in the reader's own time zone when none is given. */
export function formatExact(date: Date, timeZone?: string): string {
  let format = exact.get(timeZone ?? '')
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, timeZone ? { ...EXACT, timeZone } : EXACT)
    exact.set(timeZone ?? '', format)
  }
  return format.format(date)
}

/** "15 Aug 2025": compact date for lists. */
export function formatShortDate(date: Date): string {
  shortDate ??= new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' })
  return shortDate.format(date)
}

/** Formats one of each kind, so the locale's date data is loaded (see src/app/warmTime.ts). */
export function warmTimeFormats() {
  const date = new Date()
  formatRelative(date, new Date(date.getTime() + 2 * 24 * 3600_000))
  formatExact(date, 'UTC')
  formatExact(date)
  formatShortDate(date)
}
