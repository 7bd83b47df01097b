// One measured step of the content benchmark, run in its own process so its peak memory is its
// own. Prints one JSON line: seconds, peak RSS and what the step reports.
import { buildContent } from '../content/build'
import { ingestBatch } from '../ingest/batch'
import { childPeakRssKb, prerenderRoutes } from '../prerender/run'
import { refreshSite } from '../prerender/refresh'
import { listRoutes, type SiteOptions } from '../prerender/site'

const [phase = '', json = '{}'] = process.argv.slice(2)
const args = JSON.parse(json) as {
  contentDir: string
  site: SiteOptions
  cacheFile: string
  wireFile?: string
}

const started = performance.now()
let detail: unknown
switch (phase) {
  case 'content':
    detail = await buildContent({
      contentDir: args.contentDir,
      outDir: `${args.site.distDir}/api`,
      cacheFile: args.cacheFile,
      full: true,
    })
    break
  case 'prerender': {
    const routes = await listRoutes(args.site.distDir)
    await prerenderRoutes(routes, args.site)
    detail = {
      routes: routes.length,
      childPeakMb: childPeakRssKb.map((kb) => Math.round(kb / 1024)),
    }
    break
  }
  case 'refresh': {
    // The newsroom's edit: re-ingest one corrected wire story, then bring the site up to date.
    const t0 = performance.now()
    const ingest = await ingestBatch([{ file: args.wireFile ?? '', section: 'News' }], {
      contentDir: args.contentDir,
      force: true,
      suggest: false,
    })
    if (ingest.errors.length > 0) throw new Error(ingest.errors.join('\n'))
    const t1 = performance.now()
    const report = await refreshSite(args.contentDir, args.site, args.cacheFile)
    detail = {
      mode: report.content.mode,
      apiFiles: report.content.changed.length,
      pages: report.rendered,
      ingestSeconds: (t1 - t0) / 1000,
      contentSeconds: report.contentSeconds,
      prerenderSeconds: (performance.now() - t1) / 1000 - report.contentSeconds,
    }
    break
  }
  default:
    throw new Error(`unknown phase "${phase}"`)
}
const seconds = (performance.now() - started) / 1000
const maxRssMb = process.resourceUsage().maxRSS / 1024
console.log(JSON.stringify({ seconds, maxRssMb, detail }))
