import { useEffect, useState } from 'react'
import { adConfig, adEvents } from './config'
import type { AdEvent } from './types'

/**
 * `?debug=ads`: every ad event of the visit, live, for the ad-ops desk and QA. Loaded only when
 * asked for, so readers never download it.
 */
export function AdDebugPanel() {
  const [events, setEvents] = useState<readonly AdEvent[]>(() => [...adEvents.recent()])
  useEffect(() => adEvents.subscribe(() => setEvents([...adEvents.recent()])), [])
  const count = (type: AdEvent['type']) => events.filter((e) => e.type === type).length
  return (
    <section className="ad-debug" aria-label="Ad debug">
      <h2>Ads: {adConfig.provider} provider</h2>
      <p>
        {count('request')} requests, {count('fill')} fills, {count('impression')} impressions,{' '}
        {count('viewable')} viewable
      </p>
      <ol>
        {events.map((event, i) => (
          <li key={i}>
            {(event.at / 1000).toFixed(1)} s {event.slotId} {event.type}
            {event.creativeId ? ` ${event.creativeId}` : ''}
          </li>
        ))}
      </ol>
    </section>
  )
}
