import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { trackViewability } from './viewability'

// A stand-in IntersectionObserver that the test drives by hand.
class FakeObserver {
  static last: FakeObserver | undefined
  disconnected = false
  constructor(readonly callback: IntersectionObserverCallback) {
    FakeObserver.last = this
  }
  observe() {}
  disconnect() {
    this.disconnected = true
  }
  show(ratio: number) {
    const entry = {
      isIntersecting: ratio > 0,
      intersectionRatio: ratio,
    } as IntersectionObserverEntry
    this.callback([entry], this as unknown as IntersectionObserver)
  }
}
const Observer = FakeObserver as unknown as typeof IntersectionObserver
const observer = () => {
  if (!FakeObserver.last) throw new Error('no observer')
  return FakeObserver.last
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('viewable impressions', () => {
  it('counts a slot half on screen for one continuous second, once', () => {
    const onViewable = vi.fn()
    trackViewability(document.body, { onViewable, Observer })
    observer().show(0.6)
    vi.advanceTimersByTime(999)
    expect(onViewable).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onViewable).toHaveBeenCalledTimes(1)
    expect(observer().disconnected).toBe(true)
    observer().show(1)
    vi.advanceTimersByTime(5000)
    expect(onViewable).toHaveBeenCalledTimes(1)
  })

  it('does not count half a second, or less than half the slot', () => {
    const onViewable = vi.fn()
    trackViewability(document.body, { onViewable, Observer })
    observer().show(0.6)
    vi.advanceTimersByTime(500)
    observer().show(0)
    vi.advanceTimersByTime(5000)
    observer().show(0.4)
    vi.advanceTimersByTime(5000)
    expect(onViewable).not.toHaveBeenCalled()
  })

  it('restarts the second when the slot leaves and comes back', () => {
    const onViewable = vi.fn()
    trackViewability(document.body, { onViewable, Observer })
    observer().show(0.6)
    vi.advanceTimersByTime(700)
    observer().show(0.2)
    observer().show(0.6)
    vi.advanceTimersByTime(700)
    expect(onViewable).not.toHaveBeenCalled()
    vi.advanceTimersByTime(300)
    expect(onViewable).toHaveBeenCalledTimes(1)
  })

  it('stops cleanly when the slot goes away', () => {
    const onViewable = vi.fn()
    const stop = trackViewability(document.body, { onViewable, Observer })
    observer().show(0.6)
    stop()
    vi.advanceTimersByTime(5000)
    expect(onViewable).not.toHaveBeenCalled()
    expect(observer().disconnected).toBe(true)
  })
})
