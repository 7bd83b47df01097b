// What the app waits for and reads from the API. A module of its own, free of build-time settings,
// so the end-to-end tests can move the page's clock by the same figure.

/** How long an answer may take before the request counts as failed, and is tried again. */
export const ANSWER_TIMEOUT_MS = 15_000

/**
 * The largest answer the app reads. The biggest file the build writes is a story with its entities,
 * tens of kilobytes; anything near this is not a story, and would stall a phone to parse.
 */
export const ANSWER_MAX_CHARS = 2_000_000
