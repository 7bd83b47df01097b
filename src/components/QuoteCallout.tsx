import type { Entity, QuoteBlock } from '../content/schema'
import { EntityLink } from './EntityLink'
import { InlineRuns } from './InlineRuns'
import { blockAnchor } from '../app/paths'

interface Props {
  block: QuoteBlock
  speaker: Entity | undefined
}

/**
 * A quote set apart from the text. It stands in for the paragraph that carried it (see
 * docs/decisions/002-quote-callouts.md), so the words are read once.
 */
export function QuoteCallout({ block, speaker }: Props) {
  return (
    <figure className="quote" id={blockAnchor(block.id)}>
      <blockquote className="quote__words">
        <span className="quote__mark" aria-hidden="true">
          “
        </span>
        <p>{block.text}</p>
      </blockquote>
      <figcaption className="quote__caption">
        {block.attribution ? (
          <InlineRuns runs={block.attribution} />
        ) : (
          <>
            <EntityLink id={block.speakerId}>{speaker?.name ?? block.speakerId}</EntityLink>
            {block.source && `, ${block.source}`}
          </>
        )}
      </figcaption>
    </figure>
  )
}
