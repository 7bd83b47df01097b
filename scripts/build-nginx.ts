// `tsx scripts/build-nginx.ts [--mode production]`: the last step of `npm run build`. Writes
// dist-nginx/, the nginx configuration for this build, with a Content-Security-Policy that allows
// its stylesheet, its API origin and its ad provider's origins (scripts/deploy/nginxConfig.ts).
import { parseArgs } from 'node:util'
import { loadEnv } from 'vite'
import { writeNginxConfig } from './deploy/nginxConfig'

const { values } = parseArgs({ options: { mode: { type: 'string', default: 'production' } } })
try {
  const { apiOrigin } = await writeNginxConfig({
    pageFile: 'dist-ssr/template.html',
    env: loadEnv(values.mode, process.cwd(), 'VITE_'),
    sourceDir: 'deploy/nginx',
    outDir: 'dist-nginx',
  })
  console.log(`nginx: dist-nginx/ written (API ${apiOrigin ?? "on the site's own origin"})`)
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
