// @vitest-environment node
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { contractJsonSchemas } from './jsonSchema'

describe('the exported JSON Schema', () => {
  it('matches the committed docs/schema files (run `npm run schema` after changing the contract)', async () => {
    for (const [name, schema] of Object.entries(contractJsonSchemas())) {
      const committed = JSON.parse(
        await readFile(`docs/schema/${name}.schema.json`, 'utf8'),
      ) as unknown
      expect(committed).toEqual(JSON.parse(JSON.stringify(schema)))
    }
  })

  it('describes block kinds and required article fields', () => {
    interface Node {
      required?: string[]
      properties?: Record<string, Node & { const?: string }>
      items?: { oneOf?: Node[] }
    }
    const article = contractJsonSchemas().article as Node
    expect(article.required).toEqual(
      expect.arrayContaining(['slug', 'headline', 'standfirst', 'publishedAt', 'credit', 'body']),
    )
    const blocks = article.properties?.body?.items?.oneOf ?? []
    expect(blocks.map((block) => block.properties?.type?.const)).toEqual([
      'paragraph',
      'quote',
      'image',
      'ad',
    ])
    const quote = blocks.find((block) => block.properties?.type?.const === 'quote')
    expect(quote?.required).toEqual(expect.arrayContaining(['text', 'speakerId']))
  })
})
