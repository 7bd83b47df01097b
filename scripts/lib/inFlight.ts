/**
 * A window of work in flight: `add` starts waiting only once `limit` are running, for the first of
 * them to finish, so the caller keeps working (rendering, serialising) while earlier writes run in
 * libuv's pool. A failure stays in the window: the next `add` that waits, or `all`, throws it.
 */
export function inFlight(limit: number) {
  const running = new Set<Promise<unknown>>()
  return {
    async add(work: Promise<unknown>) {
      running.add(work)
      work.then(
        () => running.delete(work),
        () => undefined,
      )
      if (running.size >= limit) await Promise.race(running)
    },
    /** Waits for everything started; throws if any of it failed. */
    all: () => Promise.all(running),
    /** Waits for everything started, failed or not. */
    settled: () => Promise.allSettled(running),
  }
}
