// After content changes, brings a built site up to date without rebuilding the app: an
// incremental content build into the site's api/, then only the pages whose data changed.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { buildContent, stopwatch, type BuildReport } from '../content/build'
import { takeChanged } from '../content/changeLog'
import { patchFeedFiles, publishToFeeds, withdrawFromFeeds, writeFeedFiles } from '../feeds/site'
import { prerenderRoutes } from './run'
import { apiFileOf, routeOf } from '../../src/app/siteMap'
import { listRoutes, loadEntry, removeRoute, type SiteOptions } from './site'

export interface RefreshReport {
  content: BuildReport
  contentSeconds: number
  rendered: number
  removed: number
  /**
   * Every address whose answer this refresh changed (pages, API files, feeds), sorted: what a CDN
   * in front of the site must purge.
   */
  urls: string[]
  /** Seconds from the start until the stories in the change log were live (all of it without). */
  liveSeconds?: number
  /**
   * The look at every story file after the changes logged were published (`content` looked at
   * their files alone): what it found changed behind the log's back, and did.
   */
  checked?: RefreshReport
}

export async function refreshSite(
  contentDir: string,
  site: SiteOptions,
  cacheFile: string,
  /** The clock for embargoes (see BuildOptions.now). */
  now?: Date,
): Promise<RefreshReport> {
  const started = performance.now()
  // The stories the newsroom's commands changed are published first, looking at their files
  // alone; then every story file is looked at, as without the log (docs/decisions/036).
  const log = await takeChanged(contentDir)
  const first = await refreshOnce(contentDir, site, cacheFile, now, log?.names)
  const liveSeconds = (performance.now() - started) / 1000
  if (!first.content.partial) {
    await log?.done()
    return { ...first, liveSeconds }
  }
  const checked = await refreshOnce(contentDir, site, cacheFile, now, undefined)
  await log?.done()
  return {
    ...first,
    rendered: first.rendered + checked.rendered,
    removed: first.removed + checked.removed,
    urls: [...new Set([...first.urls, ...checked.urls])].sort(),
    liveSeconds,
    checked,
  }
}

async function refreshOnce(
  contentDir: string,
  site: SiteOptions,
  cacheFile: string,
  now: Date | undefined,
  changedStories: readonly string[] | undefined,
): Promise<RefreshReport> {
  const started = performance.now()
  // Wanted once the API is written; a failure here is the page render's to report.
  loadEntry(site).catch(() => undefined)
  // The cache is saved only once the pages are rendered: if rendering fails, the next refresh
  // sees the same changes and renders them again.
  const content = await buildContent({
    contentDir,
    outDir: path.join(site.distDir, 'api'),
    cacheFile,
    deferCache: true,
    compress: true,
    ...(now ? { now } : {}),
    ...(changedStories ? { changedStories } : {}),
  })
  const contentSeconds = (performance.now() - started) / 1000
  // The pages of the API files this build wrote or removed: no listing of the whole site, whose
  // cost would grow with the archive (a full build lists every file it removed, too).
  const render = new Set<string>(content.mode === 'full' ? await listRoutes(site.distDir) : [])
  const remove = new Set<string>()
  for (const file of content.changed) {
    const route = routeOf(file)
    if (!route) continue
    if (existsSync(path.join(site.distDir, 'api', file))) render.add(route)
    else if (!render.has(route)) remove.add(route)
  }
  const lap = stopwatch(content.timings)
  for (const route of remove) removeRoute(site.distDir, route)
  // Nothing to render, nothing rendered: not even the not-found page, which shows no content.
  // Each page written whole, whatever the site holds: a server may be sending it.
  if (render.size > 0) await prerenderRoutes([...render], { ...site, fresh: false })
  lap('pages')
  // Feeds list stories by their summaries, and a story comes or goes only with an index page:
  // only a changed index page can change them (entities change with the gazetteer: a full build).
  // An edit in place changes only the entries of the stories edited, a withdrawal in place those of
  // the stories withdrawn (and brings the next story into the RSS feeds that showed one), a
  // publication in place adds those of the stories published.
  const indexChanged = content.changed.some((f) => apiFileOf(f)?.name === 'articleIndex')
  // The feeds on the content build's clock (`--now`), or their own.
  const at = now ?? new Date()
  const patched = !indexChanged
    ? undefined
    : content.edited
      ? await patchFeedFiles(site.distDir, content.edited, site.siteOrigin, at)
      : content.withdrawn
        ? await withdrawFromFeeds(site.distDir, content.withdrawn, site.siteOrigin, at)
        : content.published
          ? await publishToFeeds(site.distDir, content.published, site.siteOrigin, at)
          : undefined
  const feeds =
    patched ??
    (content.mode === 'full' || indexChanged
      ? (
          await writeFeedFiles(
            site.distDir,
            content.summaries(),
            content.apiFiles(),
            site.siteOrigin,
            at,
          )
        ).names
      : [])
  lap('feeds')
  await content.saveCache()
  const urls = new Set([
    ...render,
    ...remove,
    ...content.changed.map((file) => `/api/${file}`),
    ...feeds.map((file) => `/${file}`),
  ])
  return {
    content,
    contentSeconds,
    rendered: render.size,
    removed: remove.size,
    urls: [...urls].sort(),
  }
}
