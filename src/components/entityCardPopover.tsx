// The entity card's lazy half (docs/decisions/018): one popover for the whole page, showing the
// card of the link the reader rests on. useEntityCards.ts decides when; this does all the rest.
import { paths } from '../app/paths'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { isLive } from '../app/live'
import { pageTypeOf } from '../app/siteMap'
import { EntityCard, type CardData } from './EntityCard'
import { placeCard } from './placeCard'
import type { CardApp } from './useEntityCards'

/** How long the card stays once the pointer has left both the link and the card. */
export const CARD_HIDE_DELAY_MS = 300

const NAME_ID = 'entity-card-name'
const SUMMARY_ID = 'entity-card-summary'

// Where the Popover API is missing (browsers before 2024) the card is a fixed box shown by
// `hidden`, and comes at the end of the page in tab order instead of after its link.
const popovers = 'showPopover' in HTMLElement.prototype

let card: { element: HTMLElement; root: Root } | undefined
let open: { link: HTMLAnchorElement; listening: AbortController } | undefined
let hideTimer: ReturnType<typeof setTimeout> | undefined
/** The link whose card the reader dismissed with Escape: it stays shut until they leave it. */
let dismissed: HTMLAnchorElement | undefined

function cardElement(link: HTMLAnchorElement) {
  if (!card) {
    const element = document.createElement('div')
    element.className = 'entity-card'
    // A group named by the entity: tabbing into it says whose card it is.
    element.setAttribute('role', 'group')
    element.setAttribute('aria-labelledby', NAME_ID)
    if (popovers) element.popover = 'manual'
    else element.hidden = true
    card = { element, root: createRoot(element) }
  }
  // In the link's landmark (the story's main), so nothing on the page sits outside one; shown in
  // the top layer, the card is drawn above everything wherever it is in the document.
  const landmark = link.closest('main, header, footer, aside, nav') ?? document.body
  if (card.element.parentElement !== landmark) landmark.append(card.element)
  return card
}

/** Whether a node is the open card's link or inside the card. */
function within(node: EventTarget | null): boolean {
  if (!(node instanceof Node) || !open || !card) return false
  return open.link.contains(node) || card.element.contains(node)
}

/** Whether the reader's keyboard focus (not a click's) is on the link or in the card. */
function keyboardWithin() {
  const focused = document.activeElement
  return within(focused) && !!focused?.matches(':focus-visible')
}

/** Hides the card; focus inside it goes back to its link, unless the reader is going elsewhere. */
function hide(returnFocus: boolean) {
  clearTimeout(hideTimer)
  if (!open || !card) return
  const { link, listening } = open
  open = undefined
  listening.abort()
  const { element } = card
  const focusInside = element.contains(document.activeElement)
  // Older browsers throw on hiding a popover that is not showing.
  if (!popovers) element.hidden = true
  else if (element.matches(':popover-open')) element.hidePopover()
  link.removeAttribute('aria-describedby')
  if (focusInside && returnFocus) link.focus()
}

function dismiss() {
  if (!open) return
  const { link } = open
  dismissed = link
  const reopen = () => {
    if (dismissed === link) dismissed = undefined
  }
  link.addEventListener('pointerleave', reopen, { once: true })
  link.addEventListener('focusout', reopen, { once: true })
  hide(true)
}

function place() {
  if (!open || !card) return
  const { clientWidth, clientHeight } = document.documentElement
  const { top, left } = placeCard(
    open.link.getBoundingClientRect(),
    card.element.getBoundingClientRect(),
    { width: clientWidth, height: clientHeight },
  )
  card.element.style.top = `${top}px`
  card.element.style.left = `${left}px`
}

/** While the card is open: what moves it and what hides it. Aborting the result stops them all. */
function listen(link: HTMLAnchorElement, element: HTMLElement) {
  const listening = new AbortController()
  const { signal } = listening
  let pointerInside = false
  const on = <K extends keyof DocumentEventMap>(
    type: K,
    handler: (event: DocumentEventMap[K]) => void,
  ) => {
    // Capture: a scroll inside any scrolling box moves the link too.
    document.addEventListener(type, handler, { signal, capture: true, passive: true })
  }
  on('keydown', (event) => {
    if (event.key === 'Escape') dismiss()
  })
  on('pointerover', (event) => {
    pointerInside = within(event.target)
    if (pointerInside) clearTimeout(hideTimer)
  })
  on('pointerout', (event) => {
    if (!within(event.target) || within(event.relatedTarget)) return
    pointerInside = false
    // A reader whose keyboard focus is on the link or in the card keeps it.
    if (!keyboardWithin()) hideTimer = setTimeout(() => hide(true), CARD_HIDE_DELAY_MS)
  })
  on('focusout', (event) => {
    if (within(event.target) && !within(event.relatedTarget) && !pointerInside) hide(false)
  })
  on('scroll', place)
  window.addEventListener('resize', place, { signal })
  const resized = new ResizeObserver(place)
  resized.observe(element)
  // The link went (the reader moved to another page, by whatever means): so does its card.
  const gone = new MutationObserver(() => {
    if (!link.isConnected) hide(false)
  })
  gone.observe(document.body, { childList: true, subtree: true })
  signal.addEventListener('abort', () => {
    resized.disconnect()
    gone.disconnect()
  })
  return listening
}

/** The link's own words; a chip's are its first text, before the kind it shows beside them. */
const wordsOf = (link: HTMLAnchorElement) => (link.firstChild ?? link).textContent?.trim() ?? ''

/**
 * The entity and its latest story, from the query cache the link prefetched into (or fetched now,
 * with the app's retries). Not React Query's hooks: they too made the bundler split React Query
 * out of the story page's script (docs/decisions/018).
 */
async function load(app: CardApp, id: string): Promise<CardData> {
  const [entity, stories] = await Promise.allSettled([
    app.queryClient.ensureQueryData(app.entityQuery(id)),
    app.queryClient.ensureQueryData(app.storiesQuery(id, 1)),
  ])
  if (entity.status === 'rejected') return { status: 'failed' }
  // The latest story besides the one being read: a card pointing at this very page is no help.
  const latest =
    stories.status === 'fulfilled'
      ? stories.value.items.find((story) => paths.article(story.slug) !== window.location.pathname)
      : undefined
  return { status: 'ready', entity: entity.value.entity, latest }
}

function render(link: HTMLAnchorElement, app: CardApp, data: CardData) {
  if (!card) return
  const { root } = card
  flushSync(() => {
    root.render(
      <EntityCard
        name={wordsOf(link)}
        data={data}
        nameId={NAME_ID}
        summaryId={SUMMARY_ID}
        onNavigate={(to) => {
          hide(false)
          void app.navigate(to)
        }}
      />,
    )
  })
  place()
}

/** Shows the card of the entity `link` goes to, and keeps it while the reader stays with either. */
export function showEntityCard(link: HTMLAnchorElement, app: CardApp) {
  clearTimeout(hideTimer)
  const { id } = pageTypeOf(link.pathname).params
  if (!id || !isLive() || open?.link === link || link === dismissed || !link.isConnected) return
  // A reader tabbing through the open card keeps it, wherever the mouse wanders.
  if (open && card?.element.contains(document.activeElement)) return
  hide(false)
  const { element } = cardElement(link)
  render(link, app, { status: 'loading' })
  // `source` makes the link the card's invoker: the card comes right after it in tab order.
  if (popovers) element.showPopover({ source: link })
  else element.hidden = false
  link.setAttribute('aria-describedby', SUMMARY_ID)
  open = { link, listening: listen(link, element) }
  place()
  void load(app, id).then((data) => {
    if (open?.link === link) render(link, app, data)
  })
}
