// `npm run ingest -- <file or folder>… [--section S] [--published ISO] [--captured-at ISO]
//  [--force] [--slug S] [--updated-at ISO] [--dry-run] [--no-suggest] [--accept-suggestions]
//  [--content DIR]`: wire copy in, articles out.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { dateFlag } from './lib/cliDate'
import { ingestBatch, wireFiles, type BatchResult } from './ingest/batch'
import { printReport } from './ingest/report'
import { acceptSuggestions, contentFlag, readPending, type PendingFile } from './entities/pending'

const usage = `usage: npm run ingest -- <file or folder>... [options]
  --section <name>       the stories' section, one of content/sections.json's names (required)
  --published <ISO>      publication time, instead of the capture-time line
  --captured-at <ISO>    when the copy was captured; relative lines ("2 days ago") count back from it
                         (default: the file's modified time)
  --force                update stories already published (same address, first publication and
                         corrections kept; updatedAt set)
  --slug <slug>          update the story published at this address from one file, whatever its
                         headline now says
  --updated-at <ISO>     the time of the update (default: now)
  --dry-run              report only; write nothing
  --no-suggest           skip suggesting new entities (faster for big archives)
  --accept-suggestions   write the suggested names as stubs for the editor to complete in
                         <content>/entities-pending.json (then: npm run entities -- add --file …)
  --content <dir>        content folder (default "content")`

async function main() {
  const raw = process.argv.slice(2)
  const suggest = !raw.includes('--no-suggest')
  const { values, positionals } = parseArgs({
    args: raw.filter((a) => a !== '--no-suggest'),
    allowPositionals: true,
    options: {
      section: { type: 'string' },
      published: { type: 'string' },
      'captured-at': { type: 'string' },
      force: { type: 'boolean', default: false },
      slug: { type: 'string' },
      'updated-at': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'accept-suggestions': { type: 'boolean', default: false },
      content: { type: 'string', default: 'content' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help || positionals.length === 0) {
    console.log(usage)
    process.exit(values.help ? 0 : 2)
  }
  if (values.section === undefined) {
    console.error('ingest: --section is required (a name from content/sections.json)')
    process.exit(2)
  }
  const section = values.section
  const published = dateFlag(values.published, '--published')
  const capturedAt = dateFlag(values['captured-at'], '--captured-at')
  const updatedAt = dateFlag(values['updated-at'], '--updated-at')
  const files = await wireFiles(positionals)
  if (files.length === 0) throw new Error(`no .txt wire files in ${positionals.join(', ')}`)
  if (values.slug !== undefined && files.length !== 1) {
    throw new Error(`--slug updates one story: give one wire file, not ${files.length}`)
  }

  const dryRun = values['dry-run']
  const accept = values['accept-suggestions']
  if (accept && !suggest) {
    console.error('ingest: --accept-suggestions takes the suggestions: drop --no-suggest')
    process.exit(2)
  }
  // Read first: a pending file that is not JSON stops the ingest before it writes anything.
  const pending = accept ? await readPending(values.content) : undefined
  const result = await ingestBatch(
    files.map((file) => ({
      file,
      section,
      ...(published ? { published } : {}),
      ...(capturedAt ? { capturedAt } : {}),
      ...(values.slug === undefined ? {} : { slug: values.slug }),
    })),
    {
      contentDir: values.content,
      force: values.force,
      dryRun,
      suggest,
      ...(updatedAt ? { now: updatedAt } : {}),
    },
  )
  if (result.errors.length > 0) {
    console.error(
      `ingest: nothing written; ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}:`,
    )
    for (const e of result.errors) console.error(`  ${e}`)
    process.exit(1)
  }
  printReport(result, dryRun)
  console.log(
    `\ningest: ${result.stories.length} ${result.stories.length === 1 ? 'story' : 'stories'}, ` +
      (dryRun ? 'dry run, nothing written' : `${result.written} written`),
  )
  if (pending) await writeStubs(values.content, result, pending, dryRun)
}

/** --accept-suggestions: the suggested names, as stubs in the pending file. */
async function writeStubs(
  contentDir: string,
  result: BatchResult,
  pending: PendingFile,
  dryRun: boolean,
) {
  // As the desk would type it: from here, or whole when it is elsewhere.
  const shown = (file: string) => {
    const relative = path.relative('.', file)
    return relative && !relative.startsWith('..') ? relative : path.resolve(file)
  }
  const found = result.stories.map(({ report, target }) => ({
    story: shown(target),
    wire: shown(report.file),
    suggestions: report.suggestions,
  }))
  const merged = await acceptSuggestions(contentDir, found, { pending, dryRun }).catch(
    (error: unknown) => {
      throw new Error(
        `the stories are written, but no stubs: ${(error as Error).message}; ingest again with --accept-suggestions`,
        { cause: error },
      )
    },
  )
  const names = merged.added.map((s) => `${s.name} (${s.kind || 'kind?'})`).join(', ')
  const verb = dryRun ? 'would add' : 'added'
  console.log(
    merged.added.length > 0
      ? `${merged.file}: ${verb} ${merged.added.length} to complete: ${names}`
      : `${merged.file}: no new names to add`,
  )
  if (merged.seenAgain.length > 0) {
    console.log(`  already waiting, now also from these stories: ${merged.seenAgain.join(', ')}`)
  }
  if (!dryRun && (merged.added.length > 0 || merged.seenAgain.length > 0)) {
    const flag = contentFlag(contentDir)
    console.log(
      `Complete each (kind, description, aliases), or drop it ` +
        `(npm run entities -- drop "<name>"${flag}), then:\n` +
        `  npm run entities -- add --file ${merged.file}${flag}`,
    )
  }
}

try {
  await main()
} catch (error) {
  console.error(`ingest: ${(error as Error).message}`)
  process.exit(1)
}
