// `npm run refresh [-- --content DIR] [--dist DIR] [--now ISO] [--changed FILE] [--watch]`: after
// editing, ingesting, correcting or withdrawing stories, update the built site (its API and the
// pages that show what changed) without rebuilding the app. Run `npm run build` first. The stories
// the newsroom's commands noted in `content/.changed` are published first; then every story file
// is looked at. With `--watch` it stays running and does so after each change (and when an embargo
// lifts), warm: an edit is live in about half the time of a new process's (docs/decisions/043).
import path from 'node:path'
import { parseArgs } from 'node:util'
import { dateFlag } from './lib/cliDate'
import { SITE_ORIGIN } from '../src/app/site'
import { cacheFileFor } from './content/cacheFile'
import { ContentError, embargoNote, stepTimes } from './content/build'
import { writeWhole } from './lib/fs'
import { boundHeapGrowth } from './lib/heap'
import { refreshSite } from './prerender/refresh'
import { watchChanges } from './prerender/watch'

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    dist: { type: 'string', default: 'dist' },
    // The clock stories under embargo are held against (default: now), to check a schedule.
    now: { type: 'string' },
    // Where to write the addresses this refresh changed, one a line, for a CDN purge.
    changed: { type: 'string', default: 'refresh-changed.txt' },
    // Stay running: refresh after each change the newsroom makes, until stopped.
    watch: { type: 'boolean', default: false },
  },
})
const now = dateFlag(values.now, '--now')
// Its content build runs in this process, which may stay running: its heap grows as the build's
// own does (scripts/lib/heap.ts).
boundHeapGrowth()
if (now && values.watch) {
  console.error('refresh: --now holds the clock still, --watch follows it: give one or the other')
  process.exit(2)
}

/** One refresh, reported; resolves with when the next embargo lifts (ms), if one is held. */
async function refresh() {
  const started = performance.now()
  const report = await refreshSite(
    values.content,
    {
      distDir: values.dist,
      ssrEntry: 'dist-ssr/entry-server.js',
      siteOrigin: SITE_ORIGIN,
    },
    cacheFileFor(path.join(values.dist, 'api')),
    now,
  )
  const ms = Math.round(performance.now() - started)
  const { checked } = report
  const files = report.content.files + (checked?.content.files ?? 0)
  const removed = report.content.removed + (checked?.content.removed ?? 0)
  console.log(
    `refresh (${report.content.mode}): ${files} API files written, ${removed} removed; ` +
      `${report.rendered} pages rendered, ${report.removed} removed, in ${ms} ms ` +
      `(${stepTimes(report.content.timings)})`,
  )
  // The stories the newsroom's commands noted were live first; every story file was looked at
  // after, which finds what changed without them (docs/decisions/036).
  if (checked)
    console.log(
      `the stories the newsroom's commands noted were live in ` +
        `${Math.round((report.liveSeconds ?? 0) * 1000)} ms; then every story file looked at ` +
        `(${checked.content.mode}: ${checked.content.changed.length} more API files changed, ` +
        `${stepTimes(checked.content.timings)})`,
    )
  await writeWhole(values.changed, report.urls.map((url) => `${url}\n`).join(''))
  console.log(
    `${report.urls.length} addresses changed, listed in ${values.changed} (for a CDN purge)`,
  )
  const embargo = embargoNote(report.content.embargoed)
  if (embargo) console.log(embargo)
  for (const warning of report.content.warnings) console.warn(`warning: ${warning}`)
  // The soonest, by a loop: an archive may hold more embargoes than a call takes arguments.
  let lifts: number | undefined
  for (const story of report.content.embargoed)
    lifts = Math.min(lifts ?? Infinity, Date.parse(story.publishedAt))
  return lifts
}

/** A refresh whose content is wrong says what and where, and stops only a refresh run once. */
async function refreshReporting() {
  try {
    return await refresh()
  } catch (error) {
    if (!(error instanceof ContentError)) throw error
    console.error(error.message)
    if (!values.watch) process.exit(1)
    return undefined
  }
}

if (!values.watch) {
  await refreshReporting()
} else {
  const watcher = watchChanges(values.content, refreshReporting)
  console.log(`refresh: watching ${values.content} for changes (Ctrl-C stops)`)
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void watcher.close().then(() => process.exit(0)))
}
