// `tsx scripts/build-feeds.ts [--dist dist]`: sitemap.xml, news-sitemap.xml, rss.xml and robots.txt
// for the built site, from its API. Part of `npm run build`.
import { parseArgs } from 'node:util'
import { SITE_ORIGIN } from '../src/app/site'
import { writeFeeds } from './feeds/site'

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } })
const report = await writeFeeds(values.dist, SITE_ORIGIN)
console.log(`feeds: ${report.files} files for ${report.stories} stories, origin ${SITE_ORIGIN}`)
