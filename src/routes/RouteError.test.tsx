import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider, useLoaderData } from 'react-router'
import { describe, expect, it, vi } from 'vitest'
import { ContractError, HttpError, NetworkError } from '../api/errors'
import { RouteError } from './RouteError'

function Story() {
  const { headline } = useLoaderData<{ headline: string }>()
  return <h1>{headline}</h1>
}

function renderRoute(loader: () => Promise<{ headline: string }>) {
  const router = createMemoryRouter(
    [
      {
        path: '/',
        loader,
        element: <Story />,
        errorElement: <RouteError />,
        HydrateFallback: () => null,
      },
    ],
    { initialEntries: ['/'] },
  )
  render(<RouterProvider router={router} />)
  return router
}

const url = 'http://localhost/api/articles/harbour-reopens.json'

describe('RouteError', () => {
  it('explains a contract error and lists each bad field path, without offering a retry', async () => {
    renderRoute(() =>
      Promise.reject(
        new ContractError(url, [
          { path: '$.article.headline', message: 'Invalid type: Expected string but received 42' },
          { path: '$.article.body[2].speakerId', message: 'Invalid key' },
        ]),
      ),
    )
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'This page’s data is not in the expected format',
      }),
    ).toBeInTheDocument()
    // The fields at fault come with the view's own code, loaded when first needed.
    const items = await screen.findAllByRole('listitem')
    expect(items.map((li) => li.textContent)).toEqual([
      '$.article.headline: Invalid type: Expected string but received 42',
      '$.article.body[2].speakerId: Invalid key',
    ])
    expect(screen.getByText('$.article.headline').tagName).toBe('CODE')
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
  })

  it('offers "Try again" after a server error, and shows the page once the retry succeeds', async () => {
    const user = userEvent.setup()
    const loader = vi
      .fn<() => Promise<{ headline: string }>>()
      .mockRejectedValueOnce(new HttpError(500, url))
      .mockResolvedValue({ headline: 'Port Ellery harbour reopens' })
    renderRoute(loader)

    expect(
      await screen.findByRole('heading', { level: 1, name: 'We couldn’t load this page' }),
    ).toBeInTheDocument()
    expect(screen.getByText(/error 500/)).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Try again' }))

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Port Ellery harbour reopens' }),
    ).toBeInTheDocument()
    expect(loader).toHaveBeenCalledTimes(2)
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
  })

  it('tells the reader to check their connection after a network error', async () => {
    renderRoute(() => Promise.reject(new NetworkError(url)))
    expect(await screen.findByText(/Check your connection, then try again/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled()
  })
})
