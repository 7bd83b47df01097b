import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { isInaccessible, render, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { describe, expect, it } from 'vitest'
import { AdSlot } from './AdSlot'

function renderInApp(element: ReactNode) {
  const router = createMemoryRouter([{ path: '/', element }])
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
}

const focusable = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'

describe('AdSlot', () => {
  it('is a complementary landmark named by its label', () => {
    renderInApp(<AdSlot block={{ type: 'ad', id: 'ad-1', label: 'Advertisement' }} />)
    const region = screen.getByRole('complementary', { name: 'Advertisement' })
    expect(region).toHaveAttribute('data-ad-slot', 'ad-1')
  })

  it('shows "Story continues below this ad" but keeps it out of the accessibility tree', () => {
    renderInApp(<AdSlot block={{ type: 'ad', id: 'ad-1', label: 'Advertisement' }} />)
    const notice = screen.getByText('Story continues below this ad')
    expect(notice).toBeVisible()
    expect(isInaccessible(notice)).toBe(true)
    // Nothing inside the landmark is exposed except the landmark itself.
    const region = screen.getByRole('complementary', { name: 'Advertisement' })
    for (const child of Array.from(region.children)) {
      expect(isInaccessible(child)).toBe(true)
    }
  })

  it('has nothing a keyboard user can tab into', () => {
    renderInApp(<AdSlot block={{ type: 'ad', id: 'ad-1', label: 'Advertisement' }} />)
    const region = screen.getByRole('complementary', { name: 'Advertisement' })
    expect(region.querySelectorAll(focusable)).toHaveLength(0)
    expect(region.querySelector('.ad-slot__creative')).toHaveAttribute('inert')
  })
})
