// Whether a built site and its site map agree: the checks that catch a page type or an API file
// that one part of the system knows and another does not (docs/decisions/013).
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as v from 'valibot'
import { apiFileOf, pageTypeOf, routeOf, type SiteMap } from '../../src/app/siteMap'
import { buildContent } from '../content/build'
import { apiFileList } from '../lib/apiFiles'
import { readFile } from '../lib/fs'

/** The same parameters, a list's page 1 being the same as no page number. */
function sameParams(a: Record<string, string>, b: Record<string, string>) {
  const key = (params: Record<string, string>) =>
    JSON.stringify(Object.entries({ page: '1', ...params }).sort(([x], [y]) => x.localeCompare(y)))
  return key(a) === key(b)
}

/**
 * Every disagreement between a site map and what the build wrote: its API files (path -> parsed
 * JSON) and the routes it prerenders. Each problem is one sentence naming what is missing.
 */
export function siteMapProblems(
  map: SiteMap,
  apiFiles: ReadonlyMap<string, unknown>,
  routes: readonly string[],
): string[] {
  const problems: string[] = []
  const written = new Set<string>()
  for (const [file, json] of apiFiles) {
    const found = apiFileOf(file, map)
    if (!found) {
      problems.push(`${file}: the build writes it, but the site map declares no such API file`)
      continue
    }
    written.add(found.name)
    const schema = map.apiFiles[found.name]?.schema
    if (schema && !v.safeParse(schema, json).success)
      problems.push(`${file}: does not parse as the site map's ${found.name}`)
  }
  for (const name of Object.keys(map.apiFiles))
    if (!written.has(name))
      problems.push(`${name}: the site map declares it, the build writes none`)

  const prerendered = new Set(routes.map((route) => pageTypeOf(route, map).name))
  for (const [name, type] of Object.entries(map.pageTypes)) {
    if (type.source && !prerendered.has(name))
      problems.push(`${name} pages: made by ${type.source} files, but none is prerendered`)
    if (type.standalone && !prerendered.has(name))
      problems.push(`${name} page: standalone, but not prerendered`)
    if (!type.source && !type.standalone && prerendered.has(name))
      problems.push(`${name} pages: prerendered, though no API file makes one`)
  }
  // Each page a file makes is at an address the router gives that page type, with its parameters.
  for (const file of apiFiles.keys()) {
    const route = routeOf(file, map)
    if (!route) continue
    const { name, params } = pageTypeOf(route, map)
    const found = apiFileOf(file, map)
    const type = map.pageTypes[name]
    const same =
      (type?.source === found?.name || type?.gone === found?.name) &&
      sameParams(params, found?.params ?? {})
    if (!same) problems.push(`${file}: its page ${route} is a ${name} page with other parameters`)
  }
  return problems
}

/** The API the content in `contentDir` builds, in a fresh folder: for checking a map against it. */
export async function builtApi(contentDir = 'content') {
  const distDir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-built-'))
  // Pictures' renditions where the site build keeps them: made once, not in every temporary site.
  const imagesDir = path.resolve('public/images')
  // The built-in content is too small for any word's list to be cut into parts at the site's
  // search layout: a small one, so that every kind of file the site map declares is written.
  const searchLayout = { longDocs: 6, partSize: 8, groupsSize: 8 }
  await buildContent({ contentDir, outDir: path.join(distDir, 'api'), imagesDir, searchLayout })
  const files = await apiFileList(distDir)
  const written = new Map<string, unknown>()
  for (const file of files)
    written.set(file, JSON.parse(await readFile(path.join(distDir, 'api', file), 'utf8')))
  return { distDir, files, written }
}
