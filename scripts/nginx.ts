// `tsx scripts/nginx.ts [--port 4174] [--root dist]`: serves the built site with Debian's nginx on
// a loopback port, using the configuration the build wrote (dist-nginx/: deploy/nginx/ and the
// build's security headers), until stopped. For the Playwright suite and the Lighthouse bench; the
// configuration is the one a deployment uses.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4174' },
    root: { type: 'string', default: 'dist' },
    config: { type: 'string', default: 'dist-nginx' },
  },
})
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p))
if (!NGINX) {
  console.error('nginx is not installed: apt-get install nginx (CI does this in .ci/run)')
  process.exit(1)
}
if (!existsSync(path.join(values.config, 'security-headers.conf'))) {
  console.error(`${values.config}/ has no security-headers.conf: run npm run build first`)
  process.exit(1)
}
const MODULES = '/usr/lib/nginx/modules'
const BROTLI = [
  `${MODULES}/ngx_http_brotli_filter_module.so`,
  `${MODULES}/ngx_http_brotli_static_module.so`,
]
if (!/^\d+$/.test(values.port)) {
  console.error(`--port ${values.port}: expected a port number`)
  process.exit(2)
}
// Its configuration, pid and temp folders: one folder a port, emptied at each start, so that a
// server stopped any way (the suite's runner kills it outright) leaves no more than that behind.
const prefix = path.resolve('node_modules/.cache/nginx', values.port)
await rm(prefix, { recursive: true, force: true })
await mkdir(path.join(prefix, 'logs'), { recursive: true })
// The deployment's own snippets, beside the generated nginx.conf so their includes resolve.
await cp(path.resolve(values.config), prefix, {
  recursive: true,
  filter: (f) => !f.endsWith('nginx.conf'),
})
const hasBrotli = BROTLI.every((module) => existsSync(module))
const config = `
${hasBrotli ? BROTLI.map((module) => `load_module ${module};`).join('\n') : ''}
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr warn;
daemon off;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  server_tokens off;
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${values.port};
    root ${path.resolve(values.root)};
    ${hasBrotli ? 'include brotli.conf;' : ''}
    include site.conf;
  }
}
`
const file = path.join(prefix, 'nginx.conf')
await writeFile(file, config)
console.log(
  `nginx ${hasBrotli ? 'with brotli ' : ''}serving ${values.root}/ at http://127.0.0.1:${values.port}/`,
)
const child = spawn(NGINX, ['-p', prefix, '-c', file], { stdio: 'inherit' })
const stop = () => child.kill('SIGQUIT')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
child.on('exit', (code) => process.exit(code ?? 0))
