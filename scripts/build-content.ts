// `npm run content [-- --content DIR] [--out DIR] [--full] [--compress]`: validate content and
// write the static JSON API (public/api/ by default). Rebuilds reuse a cache of unchanged stories
// unless --full. With --compress, each file gets its gzip and Brotli copies as it is written (as
// `npm run build` asks: made on the build's writer thread, not afterwards by `precompress`).
import { parseArgs } from 'node:util'
import { withContentFlags } from './lib/heap'

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'public/api' },
    full: { type: 'boolean', default: false },
    compress: { type: 'boolean', default: false },
  },
})
// In a process of its own with the flags `npm run build` gives its content step, when started
// without them (`npm run content`). The build's modules are loaded after, by the process that
// builds: the one that only starts it again would spend a quarter of a second loading them.
await withContentFlags(values.content)
const { buildContent, ContentError, embargoNote } = await import('./content/build')
const { cacheFileFor } = await import('./content/cacheFile')
const cacheFile = cacheFileFor(values.out)

const started = performance.now()
try {
  const report = await buildContent({
    contentDir: values.content,
    outDir: values.out,
    cacheFile,
    full: values.full,
    compress: values.compress,
  })
  const ms = Math.round(performance.now() - started)
  console.log(
    `content (${report.mode}): ${report.articles} articles, ${report.entities} entities -> ` +
      `${report.files} files written (${(report.bytes / 1024).toFixed(1)} KB), ` +
      `${report.removed} removed, in ${values.out}/ in ${ms} ms`,
  )
  const embargo = embargoNote(report.embargoed)
  if (embargo) console.log(embargo)
  for (const warning of report.warnings) console.warn(`warning: ${warning}`)
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
