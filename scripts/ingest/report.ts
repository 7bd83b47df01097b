// The desk's view of an ingest: one short block per story.
import type { BatchResult } from './batch'

export function printReport(result: BatchResult, dryRun: boolean) {
  for (const { report, target, status } of result.stories) {
    const done = status === 'replaced' ? 'updated' : status
    const verb = dryRun ? (status === 'unchanged' ? done : `would write (${done})`) : done
    console.log(`\n${target}  [${verb}]`)
    console.log(`  ${report.headline}`)
    const quotes = report.quotes.length
    console.log(
      `  ${report.paragraphs} paragraphs, ${quotes} quote${quotes === 1 ? '' : 's'}, ` +
        `${report.adBreaks.count} ad break${report.adBreaks.count === 1 ? '' : 's'} (${report.adBreaks.placedBy === 'markers' ? 'from markers' : 'placed by rule'}), ` +
        `${report.entities.length} entities linked`,
    )
    for (const q of report.quotes)
      console.log(`  quote ${q.id}: ${q.speaker}${q.source ? `, ${q.source}` : ''}`)
    if (report.entities.length)
      console.log(`  linked: ${report.entities.map((e) => e.name).join(', ')}`)
    if (report.suggestions.length) {
      console.log(
        `  suggested new entities: ${report.suggestions.map((s) => `${s.name} (${s.kind})`).join(', ')}`,
      )
    }
    for (const w of report.warnings) console.log(`  warning: ${w}`)
  }
}
