import * as v from 'valibot'
import { InventorySchema, type Inventory } from './inventory'
import type { AdCreative, AdProvider, AdRequest } from './types'

/** A number in [0, 1) from a string: the same page and slot always get the same creative. */
function unitHash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  // FNV-1a, then a murmur3 finaliser: similar ids ("ad1", "ad2") still spread evenly.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}

/** Picks a creative of the first requested size that has any, by weight. */
export function pickCreative(inventory: Inventory, request: AdRequest): AdCreative | null {
  for (const size of request.sizes) {
    const fits = inventory.creatives.filter(
      (c) => c.width === size.width && c.height === size.height,
    )
    const total = fits.reduce((n, c) => n + c.weight, 0)
    if (total === 0) continue
    let point = unitHash(`${request.page.path}#${request.slotId}`) * total
    for (const creative of fits) {
      point -= creative.weight
      if (point < 0) {
        const { id, width, height, src, clickUrl } = creative
        return { id, width, height, src, clickUrl }
      }
    }
  }
  return null
}

/** The first provider: the site's own house ads, from a JSON inventory it serves itself. */
export function createHouseProvider(inventoryUrl = '/ads/inventory.json'): AdProvider {
  let inventory: Promise<Inventory> | undefined
  const load = (signal: AbortSignal) =>
    (inventory ??= fetch(inventoryUrl, { signal })
      .then((response) => {
        if (!response.ok) throw new Error(`${inventoryUrl}: HTTP ${response.status}`)
        return response.json()
      })
      .then((json) => v.parse(InventorySchema, json))
      .catch((error: unknown) => {
        inventory = undefined // try again for the next slot
        throw error
      }))
  return {
    name: 'house',
    async request(request, signal) {
      return pickCreative(await load(signal), request)
    },
  }
}
