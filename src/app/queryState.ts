// The dehydrated query cache travels in the prerendered page as inert JSON, not as script.
export const QUERY_STATE_ID = 'dispatch-query-state'

/** JSON safe to place inside a <script> element. */
export function serializeForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'))
}
