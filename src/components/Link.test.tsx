import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router'
import { afterEach, describe, expect, it } from 'vitest'
import { Link, NavLink } from './Link'

function Where() {
  const { pathname } = useLocation()
  return <p data-testid="where">{pathname}</p>
}

function Nav() {
  return (
    <nav aria-label="Sections">
      <NavLink to="/latest">Latest</NavLink>
      <NavLink to="/sections/world">World</NavLink>
      <NavLink to="/sections/worldwide">Worldwide</NavLink>
      <Link to="/sections/world">World, as a plain link</Link>
      <Where />
    </nav>
  )
}

function renderAt(url: string) {
  const router = createMemoryRouter([{ path: '*', Component: Nav }], { initialEntries: [url] })
  render(<RouterProvider router={router} />)
  return router
}

afterEach(cleanup)

describe('Link', () => {
  it('is an anchor to the path, and a click moves the router there', async () => {
    const router = renderAt('/')
    const link = screen.getByRole('link', { name: 'World, as a plain link' })
    expect(link).toHaveAttribute('href', '/sections/world')
    await userEvent.click(link)
    expect(screen.getByTestId('where')).toHaveTextContent('/sections/world')
    expect(router.state.location.pathname).toBe('/sections/world')
  })

  it('leaves a modified click (a new tab) to the browser', () => {
    renderAt('/')
    const link = screen.getByRole('link', { name: 'World, as a plain link' })
    // Not cancelled: the browser opens the link in a new tab; the page stays where it was.
    expect(fireEvent.click(link, { ctrlKey: true })).toBe(true)
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/$/)
    expect(fireEvent.click(link)).toBe(false)
  })

  it('leaves another button, and a link that opens elsewhere, to the browser', () => {
    render(
      <RouterProvider
        router={createMemoryRouter(
          [
            {
              path: '*',
              element: (
                <>
                  <Link to="/sections/world">World</Link>
                  <Link to="/sections/world" target="_blank">
                    World, in a new tab
                  </Link>
                  <Where />
                </>
              ),
            },
          ],
          { initialEntries: ['/'] },
        )}
      />,
    )
    // What the app left to the browser, seen after the app's handlers; then cancelled here, as
    // the test's document has no tabs to open.
    const leftToBrowser: boolean[] = []
    const record = (event: Event) => {
      leftToBrowser.push(!event.defaultPrevented)
      event.preventDefault()
    }
    window.addEventListener('click', record)
    window.addEventListener('auxclick', record)
    try {
      fireEvent.click(screen.getByRole('link', { name: 'World' }), { button: 1 })
      fireEvent.click(screen.getByRole('link', { name: 'World, in a new tab' }))
    } finally {
      window.removeEventListener('click', record)
      window.removeEventListener('auxclick', record)
    }
    expect(leftToBrowser).toEqual([true, true])
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/$/)
  })

  it('adds a history entry for another page, and replaces it for the page the reader is on', async () => {
    const router = renderAt('/latest')
    await userEvent.click(screen.getByRole('link', { name: 'World, as a plain link' }))
    expect(router.state.historyAction).toBe('PUSH')
    await userEvent.click(screen.getByRole('link', { name: 'World, as a plain link' }))
    expect(router.state.location.pathname).toBe('/sections/world')
    expect(router.state.historyAction).toBe('REPLACE')
  })

  it('keeps a fragment in its address and follows it', async () => {
    const router = createMemoryRouter(
      [{ path: '*', element: <Link to="/articles/a-story#block-q1">The quote</Link> }],
      { initialEntries: ['/'] },
    )
    render(<RouterProvider router={router} />)
    const link = screen.getByRole('link', { name: 'The quote' })
    expect(link).toHaveAttribute('href', '/articles/a-story#block-q1')
    await userEvent.click(link)
    expect(router.state.location).toMatchObject({
      pathname: '/articles/a-story',
      hash: '#block-q1',
    })
  })
})

describe('NavLink', () => {
  const current = () =>
    screen
      .getAllByRole('link')
      .filter((link) => link.getAttribute('aria-current') === 'page')
      .map((link) => link.textContent)

  it('marks the link of the page the reader is on', () => {
    renderAt('/sections/world')
    expect(current()).toEqual(['World'])
  })

  it('marks a list’s link on its later pages, and not on a page whose path only starts alike', () => {
    renderAt('/latest/page/2')
    expect(current()).toEqual(['Latest'])
    cleanup()
    renderAt('/sections/worldwide')
    expect(current()).toEqual(['Worldwide'])
  })

  it('marks nothing on a page outside the list', () => {
    renderAt('/search')
    expect(current()).toEqual([])
  })
})
