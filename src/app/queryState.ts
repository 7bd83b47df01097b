// The page's state travels in the prerendered page as inert JSON, not as script, so the site's
// Content-Security-Policy can forbid inline scripts outright.
import type { DehydratedState } from '@tanstack/react-query'
import type { HydrationState } from 'react-router'

export const QUERY_STATE_ID = 'dispatch-query-state'

export interface PageState {
  /** The query cache the page was rendered from. */
  queries: DehydratedState
  /** What the router needs to hydrate without running loaders again. */
  router: HydrationState
}

/** JSON safe to place inside a <script> element. */
export function serializeForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'))
}
