// The house inventory: creatives the site serves itself when no paid ad fills a slot.
import * as v from 'valibot'

const size = v.pipe(v.number(), v.integer(), v.minValue(1))

export const InventorySchema = v.object({
  creatives: v.pipe(
    v.array(
      v.object({
        id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and hyphens')),
        width: size,
        height: size,
        /** A creative document on this site, e.g. /ads/house-newsletter.html. */
        src: v.pipe(v.string(), v.startsWith('/ads/', 'must be a file under /ads/')),
        /** A path on this site or an https URL. */
        clickUrl: v.pipe(
          v.string(),
          v.regex(/^(?:\/|https:\/\/)/, 'must be a site path or an https URL'),
        ),
        /** Relative share of fills among creatives of the same size. */
        weight: v.pipe(v.number(), v.integer(), v.minValue(1)),
      }),
    ),
    v.minLength(1, 'the inventory needs at least one creative'),
  ),
})

export type Inventory = v.InferOutput<typeof InventorySchema>
