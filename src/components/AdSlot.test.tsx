import { isInaccessible, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderInApp } from '../test/renderInApp'
import { AdSlot } from './AdSlot'

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
    expect(region.querySelector('.house-ad')).toHaveAttribute('inert')
    expect(region.querySelector('.ad-slot__creative')).toHaveAttribute('aria-hidden', 'true')
  })
})
