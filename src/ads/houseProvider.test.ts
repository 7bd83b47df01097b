import { readFileSync } from 'node:fs'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHouseProvider, pickCreative } from './houseProvider'
import { InventorySchema, type Inventory } from './inventory'
import type { AdRequest } from './types'

const inventory: Inventory = {
  creatives: [
    { id: 'a', width: 300, height: 250, src: '/ads/a.html', clickUrl: '/', weight: 3 },
    { id: 'b', width: 300, height: 250, src: '/ads/b.html', clickUrl: '/', weight: 1 },
    { id: 'c', width: 336, height: 280, src: '/ads/c.html', clickUrl: '/', weight: 1 },
  ],
}
const request = (slotId: string, sizes = [{ width: 300, height: 250 }]): AdRequest => ({
  slotId,
  sizes,
  page: { path: '/articles/harbour-reopens' },
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the house ad provider', () => {
  it('serves only creatives of a size the slot reserved', () => {
    expect(pickCreative(inventory, request('ad1', [{ width: 336, height: 280 }]))?.id).toBe('c')
    expect(pickCreative(inventory, request('ad1', [{ width: 728, height: 90 }]))).toBeNull()
  })

  it('falls back to the next size the slot accepts', () => {
    const sizes = [
      { width: 728, height: 90 },
      { width: 336, height: 280 },
    ]
    expect(pickCreative(inventory, request('ad1', sizes))?.id).toBe('c')
  })

  it('shares fills by weight', () => {
    const ids = Array.from(
      { length: 400 },
      (_, i) => pickCreative(inventory, request(`ad${i}`))?.id,
    )
    const a = ids.filter((id) => id === 'a').length
    expect(a / ids.length).toBeGreaterThan(0.65)
    expect(a / ids.length).toBeLessThan(0.85)
  })

  it('gives a slot the same creative on every page load, whatever the random numbers', () => {
    const random = vi.spyOn(Math, 'random')
    const picksWith = (value: number) => {
      random.mockReturnValue(value)
      return Array.from({ length: 20 }, (_, i) => pickCreative(inventory, request(`ad${i}`))?.id)
    }
    const first = picksWith(0)
    expect(picksWith(0.5)).toEqual(first)
    expect(picksWith(0.999)).toEqual(first)
    // The same every time, yet not one creative for every slot.
    expect(new Set(first)).toEqual(new Set(['a', 'b']))
  })

  it('loads the inventory once and checks it against its schema', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response(JSON.stringify(inventory)))
    vi.stubGlobal('fetch', fetch)
    const provider = createHouseProvider('/ads/inventory.json')
    const signal = new AbortController().signal
    expect((await provider.request(request('ad1'), signal))?.width).toBe(300)
    await provider.request(request('ad2'), signal)
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('rejects an inventory that breaks the schema, and tries again next time', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response(JSON.stringify({ creatives: [{ id: 'x' }] })))
      .mockResolvedValueOnce(new Response(JSON.stringify(inventory)))
    vi.stubGlobal('fetch', fetch)
    const provider = createHouseProvider()
    const signal = new AbortController().signal
    await expect(provider.request(request('ad1'), signal)).rejects.toThrow()
    expect((await provider.request(request('ad1'), signal))?.id).toMatch(/^[ab]$/)
  })

  it('ships an inventory that meets the schema, with creatives for both reserved sizes', () => {
    const shipped = v.parse(
      InventorySchema,
      JSON.parse(readFileSync('public/ads/inventory.json', 'utf8')),
    )
    for (const size of [
      { width: 300, height: 250 },
      { width: 336, height: 280 },
    ]) {
      expect(pickCreative(shipped, request('ad1', [size]))).not.toBeNull()
    }
    for (const creative of shipped.creatives) {
      expect(readFileSync(`public${creative.src}`, 'utf8')).toContain('<html lang="en-GB">')
    }
  })
})
