// After content changes, brings a built site up to date without rebuilding the app: an
// incremental content build into the site's api/, then only the pages whose data changed.
import path from 'node:path'
import { buildContent, type BuildReport } from '../content/build'
import { prerenderRoutes } from './run'
import { listRoutes, removeRoute, routeOf, type SiteOptions } from './site'
import { existsSync } from 'node:fs'
import { writeFeedFiles } from '../feeds/site'

export interface RefreshReport {
  content: BuildReport
  contentSeconds: number
  rendered: number
  removed: number
}

export async function refreshSite(
  contentDir: string,
  site: SiteOptions,
  cacheFile: string,
): Promise<RefreshReport> {
  const started = performance.now()
  const content = await buildContent({
    contentDir,
    outDir: path.join(site.distDir, 'api'),
    cacheFile,
  })
  const contentSeconds = (performance.now() - started) / 1000
  if (content.mode === 'full') {
    const routes = await listRoutes(site.distDir)
    await prerenderRoutes(routes, site)
    await writeFeedFiles(site.distDir, content.summaries, content.entityIds, site.siteOrigin)
    return { content, contentSeconds, rendered: routes.length, removed: 0 }
  }
  const render = new Set<string>()
  const remove = new Set<string>()
  for (const file of content.changed) {
    const route = routeOf(file)
    if (!route) continue
    if (existsSync(path.join(site.distDir, 'api', file))) render.add(route)
    else remove.add(route)
  }
  for (const route of remove) await removeRoute(site.distDir, route)
  await prerenderRoutes([...render], site)
  // Feeds list stories by their summaries: only a changed index page can change them.
  if (content.changed.some((file) => file.startsWith('articles/index/'))) {
    await writeFeedFiles(site.distDir, content.summaries, content.entityIds, site.siteOrigin)
  }
  return { content, contentSeconds, rendered: render.size, removed: remove.size }
}
