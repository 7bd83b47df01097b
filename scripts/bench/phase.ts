// One measured step of the content benchmark, run in its own process so its peak memory is its
// own. Prints one JSON line: seconds, peak RSS and what the step reports.
import { pageTypeOf } from '../../src/app/siteMap'
import { buildContent } from '../content/build'
import { childPeakRssKb, prerenderRoutes } from '../prerender/run'
import { refreshSite, type RefreshReport } from '../prerender/refresh'
import { takeChanged } from '../content/changeLog'
import { listRoutes, type SiteOptions } from '../prerender/site'
import { pageFolders, precompressTree } from '../lib/precompress'
import { writeFeeds } from '../feeds/site'
import { watchChanges } from '../prerender/watch'

const [phase = '', json = '{}'] = process.argv.slice(2)
const args = JSON.parse(json) as {
  contentDir: string
  site: SiteOptions
  cacheFile: string
  wireFile?: string
  /** When the story in wireFile is first published (ISO): a new story, not an edit of one. */
  published?: string
  /** The folder of wire files a whole archive is ingested from, and when they were captured (ISO). */
  wireDir?: string
  capturedAt?: string
  /** The story the newsroom corrects or withdraws, and what it says. */
  slug?: string
  words?: string
}

/** The pages' addresses among what a refresh changed (not the API files or feeds). */
const pageRoutes = (report: RefreshReport) =>
  report.urls.filter((url) => !url.startsWith('/api/') && pageTypeOf(url).name !== 'notFound')

/**
 * When a refresh's change was live (from the newsroom's command's start), split by step, and the
 * look at every story file that followed (docs/decisions/036).
 */
function liveAndChecked(report: RefreshReport, before: number, after: number) {
  const live = after + (report.liveSeconds ?? 0) * 1000
  return {
    liveSeconds: (live - before) / 1000,
    contentSeconds: report.contentSeconds,
    prerenderSeconds: (live - after) / 1000 - report.contentSeconds,
    timings: report.content.timings,
    checkSeconds: (performance.now() - live) / 1000,
    ...(report.checked
      ? {
          checkedMode: report.checked.content.mode,
          checkedApiFiles: report.checked.content.changed.length,
          checkTimings: report.checked.content.timings,
        }
      : {}),
  }
}

/** What a refresh did, split by step; `before` is when the newsroom's command started. */
function refreshed(report: RefreshReport, before: number, after: number) {
  return {
    mode: report.content.mode,
    apiFiles: report.content.changed.length,
    pages: report.rendered,
    removed: report.removed,
    renditions: report.content.renditions.length,
    routes: pageRoutes(report),
    commandSeconds: (after - before) / 1000,
    ...liveAndChecked(report, before, after),
  }
}

// The newsroom's commands, loaded only by the steps that run them: ingest loads its language
// tools, whose memory is no part of the content build's or the prerender's peak.
const newsroom = ['ingest', 'refresh', 'correct', 'withdraw'].includes(phase)
  ? {
      ...(await import('../ingest/batch')),
      ...(await import('../ingest/correct')),
      ...(await import('../ingest/unpublish')),
    }
  : undefined
const command = () => {
  if (!newsroom) throw new Error(`the ${phase} step loads no newsroom command`)
  return newsroom
}

const started = performance.now()
let detail: unknown
switch (phase) {
  case 'content': {
    // The build a deployment starts from: like `npm run build`, it forgets the names noted before
    // it began, or the edit timed next would look up every story of the archive first (0.7 s at
    // 10,000). Only the forgetting is kept: `npm run build` takes them in a process of its own,
    // and the 100,000 names of an archive just ingested were 11 MB of this one's heap.
    const forget = (await takeChanged(args.contentDir))?.done
    const report = await buildContent({
      contentDir: args.contentDir,
      outDir: `${args.site.distDir}/api`,
      cacheFile: args.cacheFile,
      full: true,
      // As `npm run build` asks: the API's copies made as its files are written.
      compress: true,
    })
    await forget?.()
    // Every file's name, in a full build: printed, the list of a million-story build's 1.4 million
    // files took this process from 1.3 to 1.46 GB after the build. The bench reads their count.
    const { changed, ...rest } = report
    detail = { ...rest, changed: changed.length }
    break
  }
  // The archive ingested in one batch, as `npm run ingest -- <folder>` does it (the bench gives
  // this process the same environment).
  case 'ingest': {
    const capturedAt = new Date(args.capturedAt ?? 0)
    const files = await command().wireFiles([args.wireDir ?? ''])
    const ingest = await command().ingestBatch(
      files.map((file) => ({ file, section: 'News', capturedAt })),
      { contentDir: args.contentDir, suggest: false },
    )
    if (ingest.errors.length > 0)
      throw new Error(`ingest failed:\n${ingest.errors.slice(0, 5).join('\n')}`)
    // Each story's file, in the wire files' order: no more work inside the timed step.
    detail = ingest.stories.map((story) => story.target)
    break
  }
  case 'precompress':
    // As `npm run build`'s last step: the pages' folders left to the prerender that wrote them.
    detail = await precompressTree(args.site.distDir, { skip: pageFolders() })
    break
  // The feeds, as `npm run build` writes them after the pages.
  case 'feeds':
    detail = await writeFeeds(args.site.distDir, args.site.siteOrigin)
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
    // The newsroom's edit: re-ingest one corrected wire story, then bring the site up to date. Or,
    // with `published`, a new story.
    const t0 = performance.now()
    const published = args.published ? { published: new Date(args.published) } : {}
    const ingest = await command().ingestBatch(
      [{ file: args.wireFile ?? '', section: 'News', ...published }],
      { contentDir: args.contentDir, force: !args.published, suggest: false },
    )
    if (ingest.errors.length > 0) throw new Error(ingest.errors.join('\n'))
    const t1 = performance.now()
    const report = await refreshSite(args.contentDir, args.site, args.cacheFile)
    detail = {
      mode: report.content.mode,
      apiFiles: report.content.changed.length,
      pages: report.rendered,
      renditions: report.content.renditions.length,
      ingestSeconds: (t1 - t0) / 1000,
      routes: pageRoutes(report),
      ...liveAndChecked(report, t0, t1),
    }
    break
  }
  case 'correct': {
    // The newsroom's correction, as `npm run correct` makes it, then `npm run refresh`'s work.
    const t0 = performance.now()
    await command().addCorrection(args.contentDir, args.slug ?? '', args.words ?? '', new Date())
    const t1 = performance.now()
    detail = refreshed(await refreshSite(args.contentDir, args.site, args.cacheFile), t0, t1)
    break
  }
  case 'withdraw': {
    // The newsroom's withdrawal, as `npm run unpublish` makes it, then `npm run refresh`'s work.
    const t0 = performance.now()
    await command().withdrawStory(args.contentDir, args.slug ?? '', args.words ?? '', new Date())
    const t1 = performance.now()
    detail = refreshed(await refreshSite(args.contentDir, args.site, args.cacheFile), t0, t1)
    break
  }
  case 'watch': {
    // `npm run refresh -- --watch`, on the bench's archive and cache: a line for each refresh, with
    // when its change was live (the clock's ms, for the bench's other process), until stdin ends.
    const watcher = watchChanges(args.contentDir, async () => {
      const startedAt = Date.now()
      const report = await refreshSite(args.contentDir, args.site, args.cacheFile)
      const liveAt = startedAt + (report.liveSeconds ?? 0) * 1000
      console.log(
        JSON.stringify({ liveAt, pages: report.rendered, timings: report.content.timings }),
      )
      return undefined
    })
    await new Promise((resolve) => process.stdin.once('end', resolve).resume())
    await watcher.close()
    detail = {}
    break
  }
  default:
    throw new Error(`unknown phase "${phase}"`)
}
const seconds = (performance.now() - started) / 1000
const maxRssMb = process.resourceUsage().maxRSS / 1024
console.log(JSON.stringify({ seconds, maxRssMb, detail }))
