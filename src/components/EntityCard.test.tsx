import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryRouter, RouterProvider } from 'react-router'
import type { Entity, EntityDocument, EntityStoriesPage } from '../content/schema'
import { testGazetteer } from '../test/gazetteer'
import { CARD_HIDE_DELAY_MS } from './entityCardPopover'
import { EntityLink } from './EntityLink'
import { CARD_DELAY_MS } from './useEntityCards'

function entity(id: string): Entity {
  const found = testGazetteer.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`the test gazetteer has no ${id}`)
  return found
}
const quill = entity('mara-quill')

const stories: EntityStoriesPage = {
  page: 1,
  totalItems: 1,
  items: [
    {
      slug: 'harbour-reopens',
      headline: 'Port Ellery harbour reopens',
      standfirst: 'Boats are back.',
      section: 'Local',
      publishedAt: '2025-08-12T09:00:00Z',
    },
  ],
  quotes: [],
  totalQuotes: 0,
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })

/** The API, as far as these tests need it; `found: false` makes the entity's own file a 404. */
function serveApi({ found = true } = {}) {
  const document: EntityDocument | undefined = found ? { entity: quill } : undefined
  const fetchMock = vi.fn<typeof fetch>((url) => {
    const path = new URL(url instanceof Request ? url.url : url).pathname
    if (path.endsWith('/entities/mara-quill.json') && document)
      return Promise.resolve(json(document))
    if (path.endsWith('/entities/mara-quill/stories/1.json')) return Promise.resolve(json(stories))
    return Promise.resolve(new Response('Not found', { status: 404 }))
  })
  vi.stubGlobal('fetch', fetchMock)
}

/** A paragraph with an entity link, in an app that also has the story page its card links to. */
function renderParagraph() {
  const router = createMemoryRouter([
    {
      path: '/',
      element: (
        <p>
          Boats are back, said <EntityLink id="mara-quill">the harbourmaster</EntityLink>.
        </p>
      ),
    },
    { path: '/articles/:slug', element: <h1>The story page</h1> },
  ])
  render(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
  return screen.getByRole('link', { name: 'the harbourmaster' })
}

// The card is shown by toggling `hidden` here (the test DOM has no Popover API), so a card that
// is not shown has no role to find.
const shownCard = () => screen.queryByRole('group')

// Until the card shows, time runs on a fake clock and events are fired by hand (user-event awaits
// a timer after each step, which a fake clock never runs); then the real clock takes over for the
// card's data to arrive.
const mouseOver = (element: Element, pointerType = 'mouse') =>
  fireEvent.pointerOver(element, { pointerType })
const keyboardFocus = (element: HTMLElement) => {
  // The test DOM counts any focus as `:focus-visible`, as a browser does focus by Tab.
  act(() => {
    element.focus()
  })
}

/** Lets the rest last `ms` on the fake clock, then hands timing back to the real one. */
async function restFor(ms: number) {
  await vi.advanceTimersByTimeAsync(ms)
  vi.useRealTimers()
}

beforeEach(() => {
  document.documentElement.dataset.live = ''
  vi.useFakeTimers()
})

afterEach(async () => {
  vi.useRealTimers()
  delete document.documentElement.dataset.live
  vi.unstubAllGlobals()
  // Whatever card a test left open goes with its link (the popover watches for that).
  cleanup()
  await waitFor(() => {
    expect(shownCard()).toBeNull()
  })
})

describe('Entity cards', () => {
  it('shows the card once a mouse has rested on the link for the delay, not before', async () => {
    serveApi()
    const link = renderParagraph()
    mouseOver(link)
    await vi.advanceTimersByTimeAsync(CARD_DELAY_MS - 50)
    expect(shownCard()).toBeNull()
    await restFor(50)
    expect(await screen.findByRole('group', { name: 'Mara Quill' })).toBeVisible()
  })

  it('shows the entity’s name, kind, description and latest story, and describes the link by them', async () => {
    serveApi()
    const link = renderParagraph()
    mouseOver(link)
    await restFor(CARD_DELAY_MS)
    const card = await screen.findByRole('group', { name: 'Mara Quill' })
    expect(card).toHaveTextContent('Person')
    expect(card).toHaveTextContent('Harbourmaster of Port Ellery.')
    expect(card).toHaveTextContent('Latest story')
    expect(within(card).getByRole('link', { name: 'Port Ellery harbour reopens' })).toHaveAttribute(
      'href',
      '/articles/harbour-reopens',
    )
    expect(link).toHaveAccessibleDescription(/Mara Quill\s*Person\s*Harbourmaster of Port Ellery\./)
  })

  it('follows the latest story inside the app, closing the card', async () => {
    serveApi()
    const link = renderParagraph()
    mouseOver(link)
    await restFor(CARD_DELAY_MS)
    const card = await screen.findByRole('group', { name: 'Mara Quill' })
    await userEvent.click(within(card).getByRole('link', { name: 'Port Ellery harbour reopens' }))
    expect(await screen.findByRole('heading', { name: 'The story page' })).toBeInTheDocument()
    expect(shownCard()).toBeNull()
  })

  it('stays while the pointer moves onto the card, and goes once it leaves both', async () => {
    serveApi()
    const link = renderParagraph()
    mouseOver(link)
    await restFor(CARD_DELAY_MS)
    const card = await screen.findByRole('group', { name: 'Mara Quill' })
    vi.useFakeTimers()
    fireEvent.pointerOut(link, { pointerType: 'mouse', relatedTarget: document.body })
    mouseOver(document.body)
    fireEvent.pointerOut(document.body, { pointerType: 'mouse', relatedTarget: card })
    mouseOver(card)
    await vi.advanceTimersByTimeAsync(CARD_HIDE_DELAY_MS * 3)
    expect(card).toBeVisible()
    fireEvent.pointerOut(card, { pointerType: 'mouse', relatedTarget: document.body })
    mouseOver(document.body)
    await vi.advanceTimersByTimeAsync(CARD_HIDE_DELAY_MS - 50)
    expect(card).toBeVisible()
    await vi.advanceTimersByTimeAsync(50)
    expect(shownCard()).toBeNull()
    expect(link).not.toHaveAttribute('aria-describedby')
  })

  it('shows nothing for a finger: a tap just follows the link', async () => {
    serveApi()
    const link = renderParagraph()
    mouseOver(link, 'touch')
    fireEvent.pointerDown(link, { pointerType: 'touch' })
    await vi.advanceTimersByTimeAsync(CARD_DELAY_MS * 3)
    await vi.dynamicImportSettled()
    expect(shownCard()).toBeNull()
  })

  it('shows nothing before the app is live', async () => {
    serveApi()
    delete document.documentElement.dataset.live
    const link = renderParagraph()
    mouseOver(link)
    await vi.advanceTimersByTimeAsync(CARD_DELAY_MS * 3)
    await vi.dynamicImportSettled()
    expect(shownCard()).toBeNull()
  })

  it('shows the card for keyboard focus, and Escape closes it with focus still on the link', async () => {
    serveApi()
    const link = renderParagraph()
    keyboardFocus(link)
    await restFor(CARD_DELAY_MS)
    expect(await screen.findByRole('group', { name: 'Mara Quill' })).toBeVisible()
    expect(link).toHaveAttribute('aria-describedby')
    await userEvent.keyboard('{Escape}')
    expect(shownCard()).toBeNull()
    expect(link).toHaveFocus()
    expect(link).not.toHaveAttribute('aria-describedby')
  })

  it('hands focus back to the link when Escape closes the card from inside it', async () => {
    serveApi()
    const link = renderParagraph()
    keyboardFocus(link)
    await restFor(CARD_DELAY_MS)
    const card = await screen.findByRole('group', { name: 'Mara Quill' })
    within(card).getByRole('link', { name: 'Port Ellery harbour reopens' }).focus()
    await userEvent.keyboard('{Escape}')
    expect(shownCard()).toBeNull()
    expect(link).toHaveFocus()
  })

  it('closes when focus leaves the link and the card', async () => {
    serveApi()
    const link = renderParagraph()
    keyboardFocus(link)
    await restFor(CARD_DELAY_MS)
    await screen.findByRole('group', { name: 'Mara Quill' })
    link.blur()
    expect(shownCard()).toBeNull()
  })

  it('shows the link’s words and “Details unavailable” when the entity cannot be loaded', async () => {
    serveApi({ found: false })
    const link = renderParagraph()
    mouseOver(link)
    await restFor(CARD_DELAY_MS)
    const card = await screen.findByRole('group', { name: 'the harbourmaster' })
    expect(await within(card).findByText('Details unavailable')).toBeVisible()
    expect(within(card).queryByRole('link')).toBeNull()
  })
})
