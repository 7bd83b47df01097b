/** A command-line date-time flag's value, or undefined when it was not given; anything else stops. */
export function dateFlag(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined
  const parsed = new Date(value)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(parsed.getTime())) {
    throw new Error(
      `${flag} needs an ISO 8601 date-time such as 2025-08-15T12:00:00Z, not "${value}"`,
    )
  }
  return parsed
}
