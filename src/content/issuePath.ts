import type * as v from 'valibot'

/** A validation issue's location as a JSON path, e.g. `$.body[3].content[0].entityId`. */
export function issuePath(issue: Pick<v.BaseIssue<unknown>, 'path'>): string {
  let out = '$'
  for (const item of issue.path ?? []) {
    const key: unknown = item.key
    out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`
  }
  return out
}
