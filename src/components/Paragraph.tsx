import type { ParagraphBlock } from '../content/schema'
import { InlineRuns } from './InlineRuns'
import { blockAnchor } from '../app/paths'

export function Paragraph({ block }: { block: ParagraphBlock }) {
  return (
    <p id={blockAnchor(block.id)}>
      <InlineRuns runs={block.content} />
    </p>
  )
}
