// `npm run ingest:samples [-- --force] [--dry-run]`: re-makes the built-in sample articles from
// the wire copy in content/wire/, as listed in content/wire/samples.json.
import { ingestBatch } from './ingest/batch'
import { sampleJobs } from './ingest/samples'
import { printReport } from './ingest/report'

const args = new Set(process.argv.slice(2))
const dryRun = args.has('--dry-run')
const result = await ingestBatch(await sampleJobs('content/wire'), {
  contentDir: 'content',
  force: args.has('--force'),
  dryRun,
})
if (result.errors.length > 0) {
  console.error(`ingest: nothing written; ${result.errors.length} problem(s):`)
  for (const e of result.errors) console.error(`  ${e}`)
  process.exit(1)
}
printReport(result, dryRun)
console.log(
  `\ningest: ${result.stories.length} sample stories, ${dryRun ? 'dry run' : `${result.written} written`}`,
)
