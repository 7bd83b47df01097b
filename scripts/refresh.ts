// `npm run refresh [-- --content DIR] [--dist DIR] [--now ISO] [--changed FILE]`: after editing, ingesting, correcting or
// withdrawing stories, update the built site (its API and the pages that show what changed)
// without rebuilding the app. Run `npm run build` first.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { dateFlag } from './lib/cliDate'
import { SITE_ORIGIN } from '../src/app/site'
import { cacheFileFor } from './content/cacheFile'
import { ContentError, embargoNote, stepTimes } from './content/build'
import { writeWhole } from './lib/fs'
import { refreshSite } from './prerender/refresh'

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    dist: { type: 'string', default: 'dist' },
    // The clock stories under embargo are held against (default: now), to check a schedule.
    now: { type: 'string' },
    // Where to write the addresses this refresh changed, one a line, for a CDN purge.
    changed: { type: 'string', default: 'refresh-changed.txt' },
  },
})
const now = dateFlag(values.now, '--now')
const started = performance.now()
try {
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
  console.log(
    `refresh (${report.content.mode}): ${report.content.files} API files written, ${report.content.removed} removed; ` +
      `${report.rendered} pages rendered, ${report.removed} removed, in ${ms} ms ` +
      `(${stepTimes(report.content.timings)})`,
  )
  await writeWhole(values.changed, report.urls.map((url) => `${url}\n`).join(''))
  console.log(
    `${report.urls.length} addresses changed, listed in ${values.changed} (for a CDN purge)`,
  )
  const embargo = embargoNote(report.content.embargoed)
  if (embargo) console.log(embargo)
  for (const warning of report.content.warnings) console.warn(`warning: ${warning}`)
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
