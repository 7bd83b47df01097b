// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { parseCaptureTime, resolveCaptureTime, toIsoSeconds } from './captureTime'

const capturedAt = new Date('2026-11-27T09:41:27Z')
const resolve = (line: string) => {
  const time = parseCaptureTime(line)
  return time && toIsoSeconds(resolveCaptureTime(time, capturedAt))
}

describe('capture-time line', () => {
  it('counts relative times back from the capture', () => {
    expect(resolve('2 days ago')).toBe('2026-11-25T09:41:00Z')
    expect(resolve('yesterday')).toBe('2026-11-26T09:41:00Z')
    expect(resolve('5 hours ago')).toBe('2026-11-27T04:41:00Z')
    expect(resolve('an hour ago')).toBe('2026-11-27T08:41:00Z')
    expect(resolve('45 minutes ago')).toBe('2026-11-27T08:56:00Z')
    expect(resolve('10 mins ago')).toBe('2026-11-27T09:31:00Z')
    expect(resolve('1 week ago')).toBe('2026-11-20T09:41:00Z')
    expect(resolve('Just now')).toBe('2026-11-27T09:41:00Z')
  })

  it('reads absolute dates, in UTC, ignoring the capture', () => {
    expect(resolve('15 August 2025')).toBe('2025-08-15T00:00:00Z')
    expect(resolve('15 August 2025 14:30')).toBe('2025-08-15T14:30:00Z')
    expect(resolve('Friday, 15 August 2025')).toBe('2025-08-15T00:00:00Z')
    expect(resolve('Aug 15, 2025')).toBe('2025-08-15T00:00:00Z')
    expect(resolve('2025-08-15')).toBe('2025-08-15T00:00:00Z')
    expect(resolve('2025-08-15T14:30:00+02:00')).toBe('2025-08-15T12:30:00Z')
  })

  it('rejects what is not a time', () => {
    for (const line of [
      'Trump speaks with Putin ally',
      '31 February 2026',
      '2026-13-01',
      '15 Smarch 2025',
      'some days ago',
      '',
    ]) {
      expect(parseCaptureTime(line), line).toBeUndefined()
    }
  })
})
