import { Component, type ReactNode } from 'react'
import { assertNever } from '../app/assertNever'
import { settleAds } from '../content/adPlacement'
import type { Block, Entity } from '../content/schema'
import { ImageFigure } from './ImageFigure'
import { AdSlot } from './AdSlot'
import { Paragraph } from './Paragraph'
import { QuoteCallout } from './QuoteCallout'

interface Props {
  body: Block[]
  entities: Entity[]
}

/** Stands in for a block that failed to render: the rest of the story still reads. */
function BlockFailed() {
  return (
    <p className="block-failed" role="note">
      This part of the story could not be shown.
    </p>
  )
}

/**
 * Each block renders on its own: one that fails shows a notice in its place, reported once. React
 * catches render errors only in a class with getDerivedStateFromError; this is that class, about
 * 200 bytes, where react-error-boundary would add some 500 to every page (decision 014).
 */
class BlockBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override componentDidCatch(error: unknown) {
    reportError(error)
  }
  override render() {
    return this.state.failed ? <BlockFailed /> : this.props.children
  }
}

/** The story's blocks in order, each rendered on its own behind its own boundary. */
export function ArticleBody({ body: blocks, entities }: Props) {
  const byId = new Map(entities.map((entity) => [entity.id, entity]))
  // Slots are never shown beside a quote callout or each other (docs/decisions/006).
  const body = settleAds(blocks)
  // Several slots get distinct names, so each landmark can be told apart: "Advertisement 2 of 3".
  const ads = body.filter((block) => block.type === 'ad')
  return (
    <div className="article-body">
      {body.map((block) => (
        <BlockBoundary key={block.id}>
          <BodyBlock
            block={block}
            speaker={block.type === 'quote' ? byId.get(block.speakerId) : undefined}
            position={
              block.type === 'ad' && ads.length > 1
                ? { index: ads.indexOf(block) + 1, of: ads.length }
                : undefined
            }
          />
        </BlockBoundary>
      ))}
    </div>
  )
}

interface BlockProps {
  block: Block
  speaker: Entity | undefined
  position: { index: number; of: number } | undefined
}

/** One component per block type, chosen by an exhaustive switch. */
function BodyBlock({ block, speaker, position }: BlockProps) {
  switch (block.type) {
    case 'paragraph':
      return <Paragraph block={block} />
    case 'quote':
      return <QuoteCallout block={block} speaker={speaker} />
    case 'image':
      return <ImageFigure image={block} />
    case 'ad':
      return <AdSlot block={block} position={position} />
    default:
      return assertNever(block)
  }
}
