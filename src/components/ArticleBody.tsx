import { assertNever } from '../app/assertNever'
import { settleAds } from '../content/adPlacement'
import type { Block, Entity } from '../content/schema'
import { AdSlot } from './AdSlot'
import { Paragraph } from './Paragraph'
import { QuoteCallout } from './QuoteCallout'

interface Props {
  body: Block[]
  entities: Entity[]
}

/** One component per block type, chosen by an exhaustive switch. */
export function ArticleBody({ body: blocks, entities }: Props) {
  const byId = new Map(entities.map((entity) => [entity.id, entity]))
  // Slots are never shown beside a quote callout or each other (docs/decisions/006).
  const body = settleAds(blocks)
  // Several slots get distinct names, so each landmark can be told apart: "Advertisement 2 of 3".
  const ads = body.filter((block) => block.type === 'ad')
  return (
    <div className="article-body">
      {body.map((block) => {
        switch (block.type) {
          case 'paragraph':
            return <Paragraph key={block.id} block={block} />
          case 'quote':
            return <QuoteCallout key={block.id} block={block} speaker={byId.get(block.speakerId)} />
          case 'ad':
            return (
              <AdSlot
                key={block.id}
                block={block}
                position={
                  ads.length > 1 ? { index: ads.indexOf(block) + 1, of: ads.length } : undefined
                }
              />
            )
          default:
            return assertNever(block)
        }
      })}
    </div>
  )
}
