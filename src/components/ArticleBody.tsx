import { assertNever } from '../app/assertNever'
import type { Block, Entity } from '../content/schema'
import { AdSlot } from './AdSlot'
import { Paragraph } from './Paragraph'
import { QuoteCallout } from './QuoteCallout'

interface Props {
  body: Block[]
  entities: Entity[]
}

/** One component per block type, chosen by an exhaustive switch. */
export function ArticleBody({ body, entities }: Props) {
  const byId = new Map(entities.map((entity) => [entity.id, entity]))
  return (
    <div className="article-body">
      {body.map((block) => {
        switch (block.type) {
          case 'paragraph':
            return <Paragraph key={block.id} block={block} />
          case 'quote':
            return <QuoteCallout key={block.id} block={block} speaker={byId.get(block.speakerId)} />
          case 'ad':
            return <AdSlot key={block.id} block={block} />
          default:
            return assertNever(block)
        }
      })}
    </div>
  )
}
