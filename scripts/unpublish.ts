// `npm run unpublish -- <slug> --reason "…" [--at ISO] [--content DIR]`: withdraws a story.
// `npm run unpublish -- <slug> --restore`: puts a withdrawn story back.
import { parseArgs } from 'node:util'
import { dateFlag } from './lib/cliDate'
import { restoreStory, withdrawStory } from './ingest/unpublish'

const usage = `usage: npm run unpublish -- <slug> --reason "<why, as readers will read it>" [options]
       npm run unpublish -- <slug> --restore
  --reason <text>    why the story was withdrawn: its address says so (required)
  --at <ISO>         when (default: now)
  --restore          put a withdrawn story back as it was
  --content <dir>    content folder (default "content")
Then publish it: npm run refresh (after a build), or npm run build.`

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      reason: { type: 'string' },
      at: { type: 'string' },
      restore: { type: 'boolean', default: false },
      content: { type: 'string', default: 'content' },
      help: { type: 'boolean', default: false },
    },
  })
  const [slug, ...extra] = positionals
  if (values.help || slug === undefined || extra.length > 0) {
    console.log(usage)
    process.exit(values.help ? 0 : 2)
  }
  if (values.restore) {
    const { from, to } = await restoreStory(values.content, slug)
    console.log(`unpublish: restored ${to} from ${from}`)
  } else {
    if (values.reason === undefined) throw new Error('say why: --reason "…"')
    const at = dateFlag(values.at, '--at') ?? new Date()
    const { from, to } = await withdrawStory(values.content, slug, values.reason, at)
    console.log(`unpublish: ${from} withdrawn; the story and the reason are kept in ${to}`)
  }
} catch (error) {
  console.error(`unpublish: ${(error as Error).message}`)
  process.exit(1)
}
