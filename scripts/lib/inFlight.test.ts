import { describe, expect, it } from 'vitest'
import { inFlight } from './inFlight'

/** A promise and the functions that settle it. */
function deferred() {
  const settle: { resolve?: () => void; reject?: (error: Error) => void } = {}
  const promise = new Promise<void>((resolve, reject) => Object.assign(settle, { resolve, reject }))
  return {
    promise,
    resolve: () => settle.resolve?.(),
    reject: (error: Error) => settle.reject?.(error),
  }
}

describe('a window of work in flight', () => {
  it('lets the caller go on until the window is full, then waits for the first to finish', async () => {
    const window = inFlight(2)
    const [a, b] = [deferred(), deferred()]
    await window.add(a.promise)
    let waited = false
    const adding = window.add(b.promise).then(() => (waited = true))
    // A turn of the event loop: every promise that could settle has.
    await new Promise((done) => setImmediate(done))
    expect(waited).toBe(false)
    a.resolve()
    await adding
    expect(waited).toBe(true)
    b.resolve()
    await window.all()
  })

  it('throws a failure at the end, and settles everything first when asked', async () => {
    const window = inFlight(4)
    const [a, b] = [deferred(), deferred()]
    await window.add(a.promise)
    await window.add(b.promise)
    a.reject(new Error('disk full'))
    b.resolve()
    await expect(window.all()).rejects.toThrow('disk full')
    const results = await window.settled()
    expect(results.map((r) => r.status)).toEqual(['rejected'])
  })
})
