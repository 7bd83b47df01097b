import { toJsonSchema } from '@valibot/to-json-schema'
import { ArticleSchema, GazetteerSchema } from '../../src/content/schema'

/** The contract's JSON Schemas, derived from the valibot schema (the one source of truth). */
export function contractJsonSchemas() {
  return {
    article: { title: 'Dispatch article', ...toJsonSchema(ArticleSchema) },
    entities: { title: 'Dispatch entities (gazetteer)', ...toJsonSchema(GazetteerSchema) },
  }
}
