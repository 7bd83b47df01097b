// The first line of wire copy says when the story was captured: relative to the capture ("2 days
// ago", "yesterday") or absolute ("15 August 2025", "15 August 2025 14:30", ISO 8601, all UTC).

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const
const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
}

export type CaptureTime = { kind: 'relative'; ms: number } | { kind: 'absolute'; date: Date }

export function parseCaptureTime(line: string): CaptureTime | undefined {
  const text = line.trim().toLowerCase().replace(/\.$/, '')
  if (text === 'just now' || text === 'now') return { kind: 'relative', ms: 0 }
  if (text === 'yesterday') return { kind: 'relative', ms: UNIT_MS.day }
  const rel =
    /^(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten) (min(?:ute)?|hour|hr|day|week)s? ago$/.exec(
      text,
    )
  if (rel?.[1] && rel[2]) {
    const n = WORD_NUMBERS[rel[1]] ?? Number(rel[1])
    const unit = rel[2].startsWith('min')
      ? 'minute'
      : rel[2] === 'hr'
        ? 'hour'
        : (rel[2] as keyof typeof UNIT_MS)
    return { kind: 'relative', ms: n * UNIT_MS[unit] }
  }
  const date = parseAbsolute(line.trim())
  return date ? { kind: 'absolute', date } : undefined
}

function utc(y: number, m: number, d: number, hh = 0, mm = 0): Date | undefined {
  const date = new Date(Date.UTC(y, m, d, hh, mm))
  // Reject 31 February and 25:00 rather than letting Date roll them over.
  const ok =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m &&
    date.getUTCDate() === d &&
    hh < 24 &&
    mm < 60
  return ok ? date : undefined
}

function parseAbsolute(text: string): Date | undefined {
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text)
  if (iso) {
    const [, y, m, d, hh = '00', mm = '00', ss = '00', zone = 'Z'] = iso
    if (!utc(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm))) return undefined
    const date = new Date(`${y}-${m}-${d}T${hh}:${mm}:${ss}${zone}`)
    return Number.isNaN(date.getTime()) ? undefined : date
  }
  const time = String.raw`(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?:\s*(?:utc|gmt|z))?)?`
  const dmy = new RegExp(
    String.raw`^(?:[a-z]+,?\s+)?(\d{1,2})\s+([a-z]+)\s+(\d{4})${time}$`,
    'i',
  ).exec(text)
  const mdy = new RegExp(
    String.raw`^(?:[a-z]+,?\s+)?([a-z]+)\s+(\d{1,2}),?\s+(\d{4})${time}$`,
    'i',
  ).exec(text)
  const parts = dmy
    ? { d: dmy[1], m: dmy[2], y: dmy[3], hh: dmy[4], mm: dmy[5] }
    : mdy
      ? { d: mdy[2], m: mdy[1], y: mdy[3], hh: mdy[4], mm: mdy[5] }
      : undefined
  if (!parts?.m) return undefined
  const month = MONTHS.findIndex(
    (name) =>
      name === parts.m?.toLowerCase() ||
      (parts.m?.length === 3 && name.startsWith(parts.m.toLowerCase())),
  )
  if (month < 0) return undefined
  return utc(Number(parts.y), month, Number(parts.d), Number(parts.hh ?? 0), Number(parts.mm ?? 0))
}

/** Publication time for a capture line, given when the copy was captured. Seconds are dropped. */
export function resolveCaptureTime(time: CaptureTime, capturedAt: Date): Date {
  if (time.kind === 'absolute') return time.date
  const at = new Date(capturedAt.getTime() - time.ms)
  at.setUTCSeconds(0, 0)
  return at
}

/** `2025-08-15T12:00:00Z`: the form the content files use. */
export const toIsoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')
