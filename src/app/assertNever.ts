/** Exhaustiveness guard: a new content kind that nobody renders fails to compile here. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled content: ${JSON.stringify(value)}`)
}
