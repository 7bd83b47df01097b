// `tsx scripts/precompress.ts [--dist dist] [--times-from public]`: the last step of `npm run
// build`. Gives every text file of the built site its gzip and Brotli copies (nginx's gzip_static
// and brotli_static send them), skipping those whose copies are current, and removes copies whose
// file is gone, outside the pages' folders (whose files the prerender and the feeds write with
// their copies). With --times-from, the files the app's build copied from that folder first get
// their times back, so that their copies made there are current (docs/decisions/045); the API's
// files are links, with their times (docs/decisions/048).
import { parseArgs } from 'node:util'
import { keepSourceTimes, pageFolders, precompressTree } from './lib/precompress'
import { LINKED_PUBLIC } from './lib/publicCopy'

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    'times-from': { type: 'string' },
  },
})
const started = performance.now()
const from = values['times-from']
const kept = from ? keepSourceTimes(from, values.dist, LINKED_PUBLIC) : 0
// The pages' folders are left to the steps before, which wrote each file with its copies.
const { written, removed } = await precompressTree(values.dist, { skip: pageFolders() })
console.log(
  `precompress: ${written} files given .gz and .br copies, ${removed} stale copies removed` +
    (from ? `, ${kept} files copied from ${from}/ given their times back` : '') +
    `, in ${((performance.now() - started) / 1000).toFixed(2)} s`,
)
