// `node --import tsx e2e/refreshLoop.ts --site DIR --rounds 20`: the newsroom side of the
// publishing test (e2e/publishing.spec.ts). DIR holds a copy of the built site (dist/) and of
// content/; the server entry is the build's own (dist-ssr/, only read). Each round edits a story, as an editor would, and runs the same refresh as
// `npm run refresh`; every fourth round drops the build cache first, so the content build writes
// the whole API afresh. Prints one line per round.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { refreshSite } from '../scripts/prerender/refresh'
import { SITE_ORIGIN } from '../src/app/site'

const { values } = parseArgs({
  options: { site: { type: 'string' }, rounds: { type: 'string', default: '20' } },
})
if (!values.site) throw new Error('--site DIR is required')
const site = path.resolve(values.site)
const contentDir = path.join(site, 'content')
const cacheFile = path.join(site, 'content-cache.json')
const options = {
  distDir: path.join(site, 'dist'),
  ssrEntry: 'dist-ssr/entry-server.js',
  siteOrigin: SITE_ORIGIN,
}

// A story the refresh must re-render along with every page that lists it: the newest one.
const articles = path.join(contentDir, 'articles')
const newest = async () => {
  let best: { file: string; publishedAt: string } | undefined
  for (const name of await readdir(articles)) {
    const file = path.join(articles, name)
    const { publishedAt } = JSON.parse(await readFile(file, 'utf8')) as { publishedAt: string }
    if (!best || Date.parse(publishedAt) > Date.parse(best.publishedAt))
      best = { file, publishedAt }
  }
  if (!best) throw new Error(`${articles}: no stories`)
  return best.file
}
const story = await newest()
const original = JSON.parse(await readFile(story, 'utf8')) as { standfirst: string }

for (let round = 1; round <= Number(values.rounds); round++) {
  const full = round % 4 === 0
  if (full) await rm(cacheFile, { force: true })
  const edited = { ...original, standfirst: `${original.standfirst} (Edit ${round}.)` }
  await writeFile(story, `${JSON.stringify(edited, null, 2)}\n`)
  const report = await refreshSite(contentDir, options, cacheFile)
  console.log(
    `round ${round} (${report.content.mode}): ${report.content.files} API files written, ${report.rendered} pages rendered`,
  )
}
