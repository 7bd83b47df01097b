import type { ParagraphBlock } from '../content/schema'
import { InlineRuns } from './InlineRuns'

export function Paragraph({ block }: { block: ParagraphBlock }) {
  return (
    <p id={block.id}>
      <InlineRuns runs={block.content} />
    </p>
  )
}
