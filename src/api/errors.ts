export interface ContractIssue {
  /** Where in the payload, e.g. `article.body[2].speakerId`. */
  path: string
  message: string
}

/** The server answered, but not with a success status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`The server answered ${status} for ${url}`)
    this.name = 'HttpError'
  }
}

/**
 * No whole answer came: none at all (offline, DNS, CORS), none in time (a stalled server), or one
 * cut off part-way. Each is worth trying again.
 */
export class NetworkError extends Error {
  constructor(
    readonly url: string,
    readonly reason: 'unreachable' | 'timeout' | 'cut-off' = 'unreachable',
  ) {
    super(
      reason === 'timeout'
        ? `No answer from ${url} in time.`
        : reason === 'cut-off'
          ? `The answer from ${url} stopped part-way.`
          : `No answer from ${url}. Check your connection.`,
    )
    this.name = 'NetworkError'
  }
}

/** The answer does not match the article contract: retrying will not help. */
export class ContractError extends Error {
  constructor(
    readonly url: string,
    readonly issues: ContractIssue[],
  ) {
    const first = issues[0]
    super(first ? `${first.path}: ${first.message}` : `Unexpected data from ${url}`)
    this.name = 'ContractError'
  }
}

/** Errors worth retrying automatically: no answer, or a server-side failure. */
export function isTransient(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof HttpError && error.status >= 500)
}
