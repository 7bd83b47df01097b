// `tsx scripts/precompress.ts [--dist dist]`: the last step of `npm run build`. Gives every text
// file of the built site its gzip and Brotli copies (nginx's gzip_static and brotli_static send
// them), skipping those whose copies are current, and removes copies whose file is gone.
import { parseArgs } from 'node:util'
import { precompressTree } from './lib/precompress'

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } })
const started = performance.now()
const { written, removed } = await precompressTree(values.dist)
console.log(
  `precompress: ${written} files given .gz and .br copies, ${removed} stale copies removed, in ${((performance.now() - started) / 1000).toFixed(2)} s`,
)
