import { describe, expect, it } from 'vitest'
import { formatExact, formatRelative } from './time'

const published = new Date('2025-08-15T12:00:00Z')
const after = (ms: number) => new Date(published.getTime() + ms)
const HOUR = 3600_000

describe('formatRelative', () => {
  it.each([
    [20_000, 'just now'],
    [5 * 60_000, '5 minutes ago'],
    [3 * HOUR, '3 hours ago'],
    [30 * HOUR, 'yesterday'],
    [2 * 24 * HOUR + 5 * HOUR, '2 days ago'],
    [9 * 24 * HOUR, 'last week'],
    [45 * 24 * HOUR, 'last month'],
    [400 * 24 * HOUR, 'last year'],
  ])('reads %d ms after publication as "%s"', (elapsed, expected) => {
    expect(formatRelative(published, after(elapsed))).toBe(expected)
  })

  it('never says "yesterday" before a full day has passed', () => {
    expect(formatRelative(published, after(23 * HOUR))).toBe('23 hours ago')
  })
})

describe('formatExact', () => {
  it('gives the date, time and zone', () => {
    expect(formatExact(published, 'UTC')).toBe('15 August 2025 at 12:00 UTC')
  })

  it('uses the given time zone', () => {
    expect(formatExact(published, 'Europe/London')).toBe('15 August 2025 at 13:00 BST')
  })
})
