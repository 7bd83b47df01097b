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
