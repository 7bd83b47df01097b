// `tsx scripts/build-offline.ts [--dist dist]`: writes the service worker's precache list into the
// built site, after the prerender (docs/decisions/021). Part of `npm run build`.
import { parseArgs } from 'node:util'
import { writePrecache } from './offline/precache'

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } })
const written = await writePrecache(values.dist)
console.log(
  written
    ? `offline: the service worker precaches ${written.count} files, ${(written.size / 1024).toFixed(0)} KB`
    : 'offline: switched off (VITE_OFFLINE=off); the service worker removes itself',
)
