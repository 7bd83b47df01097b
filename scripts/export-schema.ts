// `npm run schema`: writes the article contract as JSON Schema to docs/schema/, for CMS teams.
// A unit test fails when the committed files differ from what this would write.
import { mkdir, writeFile } from 'node:fs/promises'
import { contractJsonSchemas } from './content/jsonSchema'

await mkdir('docs/schema', { recursive: true })
for (const [name, schema] of Object.entries(contractJsonSchemas())) {
  await writeFile(`docs/schema/${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`)
  console.log(`docs/schema/${name}.schema.json`)
}
