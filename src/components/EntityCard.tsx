import type { MouseEvent } from 'react'
import { assertNever } from '../app/assertNever'
import { entityKindLabel } from '../app/entityKind'
import { paths } from '../app/paths'
import type { ArticleSummary, Entity } from '../content/schema'

/** What the card knows of its entity: nothing yet, its details, or that they could not be had. */
export type CardData =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'ready'; entity: Entity; latest: ArticleSummary | undefined }

interface Props {
  /** The link's own words: the name shown until the entity's arrives, or if it never does. */
  name: string
  data: CardData
  /** Ids of the name (which names the card) and of the summary (which describes the link). */
  nameId: string
  summaryId: string
  /** Follows a link inside the app: the card is rendered outside the router's tree. */
  onNavigate: (to: string) => void
}

/** A click the browser handles itself: a new tab or window, a download. */
const opensElsewhere = (event: MouseEvent) =>
  event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey

function LatestStory({ story, onNavigate }: { story: ArticleSummary } & Pick<Props, 'onNavigate'>) {
  const to = paths.article(story.slug)
  return (
    <p className="entity-card__latest">
      <span className="entity-card__label">Latest story</span>
      <a
        href={to}
        onClick={(event) => {
          if (opensElsewhere(event)) return
          event.preventDefault()
          onNavigate(to)
        }}
      >
        {story.headline}
      </a>
    </p>
  )
}

function Summary({ data }: Pick<Props, 'data'>) {
  switch (data.status) {
    case 'loading':
      return null
    case 'failed':
      return <p className="entity-card__description">Details unavailable</p>
    case 'ready':
      return (
        <>
          <p className="entity-card__kind">{entityKindLabel[data.entity.kind]}</p>
          <p className="entity-card__description">{data.entity.description}</p>
        </>
      )
    default:
      return assertNever(data)
  }
}

/**
 * An entity link's card: the entity's name, kind and one-line description, then its latest story.
 * While the details load it shows the link's words; if they fail, those and a word saying so.
 */
export function EntityCard({ name, data, nameId, summaryId, onNavigate }: Props) {
  return (
    <>
      <div id={summaryId} className="entity-card__summary">
        <p id={nameId} className="entity-card__name">
          {data.status === 'ready' ? data.entity.name : name}
        </p>
        <Summary data={data} />
      </div>
      {data.status === 'ready' && data.latest && (
        <LatestStory story={data.latest} onNavigate={onNavigate} />
      )}
    </>
  )
}
