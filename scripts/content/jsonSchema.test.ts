// @vitest-environment node
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { contractJsonSchemas } from './jsonSchema'

describe('the exported JSON Schema', () => {
  it('matches the committed docs/schema files (run `npm run schema` after changing the contract)', async () => {
    for (const [name, schema] of Object.entries(contractJsonSchemas())) {
      const committed = JSON.parse(await readFile(`docs/schema/${name}.schema.json`, 'utf8')) as unknown
      expect(committed).toEqual(JSON.parse(JSON.stringify(schema)))
    }
  })

  it('describes block kinds and required article fields', () => {
    const text = JSON.stringify(contractJsonSchemas().article)
    for (const field of ['headline', 'standfirst', 'publishedAt', 'speakerId', 'paragraph', 'quote', 'ad']) {
      expect(text).toContain(field)
    }
  })
})
