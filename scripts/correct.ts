// `npm run correct -- <slug> "<correction>" [--at ISO] [--content DIR]`: adds a correction to a
// published story (shown at the end of it, newest first) and sets its updatedAt.
import { parseArgs } from 'node:util'
import { dateFlag } from './lib/cliDate'
import { addCorrection } from './ingest/correct'

const usage = `usage: npm run correct -- <slug> "<what was wrong, and what is right>" [options]
  --at <ISO>         when the correction was made (default: now)
  --content <dir>    content folder (default "content")
Then publish it: npm run refresh (after a build), or npm run build.`

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      at: { type: 'string' },
      content: { type: 'string', default: 'content' },
      help: { type: 'boolean', default: false },
    },
  })
  const [slug, text, ...extra] = positionals
  if (values.help || slug === undefined || text === undefined || extra.length > 0) {
    console.log(usage)
    process.exit(values.help ? 0 : 2)
  }
  const at = dateFlag(values.at, '--at') ?? new Date()
  const { file, article } = await addCorrection(values.content, slug, text, at)
  const count = article.corrections?.length ?? 0
  console.log(
    `${file}: correction added (${count} in all), story updated at ${article.updatedAt ?? ''}`,
  )
} catch (error) {
  console.error(`correct: ${(error as Error).message}`)
  process.exit(1)
}
