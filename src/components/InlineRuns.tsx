import type { InlineRun } from '../content/schema'
import { assertNever } from '../app/assertNever'
import { EntityLink } from './EntityLink'

/** Renders structured inline runs as text and links: content is never parsed as HTML. */
export function InlineRuns({ runs }: { runs: InlineRun[] }) {
  return runs.map((run, i) => {
    switch (run.type) {
      case 'text':
        return run.text
      case 'entity':
        return (
          <EntityLink key={i} id={run.entityId}>
            {run.text}
          </EntityLink>
        )
      case 'link':
        return (
          <a key={i} href={run.href} rel="noopener noreferrer" className="external-link">
            {run.text}
          </a>
        )
      default:
        return assertNever(run)
    }
  })
}
