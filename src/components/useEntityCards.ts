import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useNavigate, type NavigateFunction } from 'react-router'
import { entityQueryOptions, entityStoriesQueryOptions } from '../queries/entities'

/**
 * What a card takes from the app: the query cache the link prefetched into, the queries and the
 * router. Handed over, not imported: a card chunk that imported the app's data layer made the
 * bundler split that layer out of the story page's script (docs/decisions/018).
 */
export interface CardApp {
  queryClient: QueryClient
  navigate: NavigateFunction
  entityQuery: typeof entityQueryOptions
  storiesQuery: typeof entityStoriesQueryOptions
}

/** How long a mouse, pen or keyboard focus rests on an entity link before its card shows. */
export const CARD_DELAY_MS = 450

// Every byte here is in every story page's first script (docs/decisions/018): the card, and all
// it does once shown, is a chunk fetched when a rest on an entity link first lasts the delay.
let app: CardApp
let installed = false
let timer: ReturnType<typeof setTimeout> | undefined
/** Where the mouse or pen last went; a finger never counts. */
let pointer: Node | null = null
/** The links EntityLink rendered: only these have cards (not, say, pages of an entity's stories). */
const entityLinks = new WeakSet<Element>()

// A mouse or pen over an entity link, or focus on one; pointer and focus events target elements.
function rest(event: Event) {
  const target = event.target as Element
  if (event instanceof PointerEvent) {
    if (event.pointerType !== 'mouse' && event.pointerType !== 'pen') return
    pointer = target
  }
  const link = target.closest('a')
  if (!link || !entityLinks.has(link)) return
  clearTimeout(timer)
  timer = setTimeout(() => {
    // Still resting there: under the mouse or pen, or focused from the keyboard (not by a click
    // or a tap, which `:focus-visible` leaves out).
    if (link.contains(pointer) || link.matches(':focus-visible'))
      void import('./entityCardPopover').then((card) => card.showEntityCard(link, app))
  }, CARD_DELAY_MS)
}

/** EntityLink's ref: marks its element as one that has a card. */
function markEntityLink(element: HTMLAnchorElement | null) {
  if (element) entityLinks.add(element)
}

/**
 * Entity cards for every entity link on the page: one pair of listeners on the document, put there
 * by the first link that mounts. A finger on a link just follows it.
 */
export function useEntityCards() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  useEffect(() => {
    app = {
      queryClient,
      navigate,
      entityQuery: entityQueryOptions,
      storiesQuery: entityStoriesQueryOptions,
    }
    if (installed) return
    installed = true
    document.addEventListener('pointerover', rest)
    document.addEventListener('focusin', rest)
  }, [queryClient, navigate])
  return markEntityLink
}
