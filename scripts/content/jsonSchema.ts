import { toJsonSchema } from '@valibot/to-json-schema'
import { ArticleSchema, GazetteerSchema } from '../../src/content/schema'

// Checks JSON Schema cannot express (that a date exists, such as 31 February; a paragraph's total
// length) are left out of the export; the content build applies them all.
const options = { errorMode: 'ignore' } as const

/** The contract's JSON Schemas, derived from the valibot schema (the one source of truth). */
export function contractJsonSchemas() {
  return {
    article: { title: 'Dispatch article', ...toJsonSchema(ArticleSchema, options) },
    entities: {
      title: 'Dispatch entities (gazetteer)',
      ...toJsonSchema(GazetteerSchema, options),
    },
  }
}
