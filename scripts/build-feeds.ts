// `tsx scripts/build-feeds.ts [--dist dist]`: sitemap.xml, news-sitemap.xml, rss.xml and robots.txt
// for the built site, from its API. Part of `npm run build`.
import { parseArgs } from 'node:util'
import { SITE_ORIGIN } from '../src/app/site'
import { writeFeeds } from './feeds/site'
import { buildTime } from './prerender/site'

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } })
// The build's time, where it has one: the news sitemap's two days end there.
const builtAt = buildTime()
const report = await writeFeeds(values.dist, SITE_ORIGIN, new Date(builtAt ?? Date.now()))
console.log(`feeds: ${report.files} files for ${report.stories} stories, origin ${SITE_ORIGIN}`)
