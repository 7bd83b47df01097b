// The ad-delivery contract: what a slot asks for, what a provider answers, and the events a site
// can forward to its analytics. A site with its own ad server implements AdProvider; article code
// never changes. (Issue: ad delivery. The slots that use this are wired in a later step.)

export interface AdSize {
  width: number
  height: number
}

export interface AdRequest {
  /** The slot's block id within the story, e.g. "ad1". */
  slotId: string
  /** Sizes the slot has reserved at the current width, best first: a fill never resizes it. */
  sizes: AdSize[]
  /** Where the slot is, for targeting: the story's slug and section. */
  page: { path: string; section?: string }
}

export interface AdCreative {
  id: string
  width: number
  height: number
  /** A document rendered in a sandboxed iframe: it can neither read nor steer the story page. */
  src: string
  /** Where a click on the creative goes (opened in a new tab, only on a click). */
  clickUrl: string
}

export interface AdProvider {
  readonly name: string
  /** A creative of one of the requested sizes, or null when there is nothing to show. */
  request(request: AdRequest, signal: AbortSignal): Promise<AdCreative | null>
}

/**
 * `timeout`: the provider did not answer in time. `creative-timeout`: a creative was given, but
 * never said it rendered in time (its document failed or stalled).
 */
export type AdEventType =
  | 'request'
  | 'fill'
  | 'empty'
  | 'error'
  | 'timeout'
  | 'creative-timeout'
  | 'impression'
  | 'viewable'

export interface AdEvent {
  type: AdEventType
  slotId: string
  page: string
  creativeId?: string
  /** Milliseconds since the page started (performance.now()). */
  at: number
}
