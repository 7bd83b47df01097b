import { describe, expect, it, vi } from 'vitest'
import { createAdEvents, forwardToWindow } from './events'

const event = (slotId: string) => ({ type: 'fill' as const, slotId, page: '/a', at: 1 })

describe('the ad events API', () => {
  it('tells subscribers of every event until they unsubscribe', () => {
    const events = createAdEvents()
    const listener = vi.fn()
    const unsubscribe = events.subscribe(listener)
    events.emit(event('ad1'))
    unsubscribe()
    events.emit(event('ad2'))
    expect(listener.mock.calls).toEqual([[event('ad1')]])
  })

  it('forwards every event to the page as a dispatch:ad event, until stopped', () => {
    const events = createAdEvents()
    const target = new EventTarget()
    const seen: unknown[] = []
    target.addEventListener('dispatch:ad', (e) => seen.push((e as CustomEvent).detail))
    const stop = forwardToWindow(events, target)
    events.emit(event('ad1'))
    stop()
    events.emit(event('ad2'))
    expect(seen).toEqual([event('ad1')])
  })

  it('keeps the most recent events for the debug panel', () => {
    const events = createAdEvents(2)
    for (const id of ['ad1', 'ad2', 'ad3']) events.emit(event(id))
    expect(events.recent().map((e) => e.slotId)).toEqual(['ad2', 'ad3'])
  })
})
