// Where the suite's servers are, shared by playwright.config.ts and the fixtures.
import { existsSync } from 'node:fs'

export const PREVIEW_PORT = 4173
export const NGINX_PORT = 4174

const NGINX_BINARIES = ['/usr/sbin/nginx', '/usr/bin/nginx']

/**
 * Why the `nginx` project cannot run here, or '' when it can. Without nginx the desktop and mobile
 * projects still run; the nginx project's tests are skipped with this message.
 */
export const nginxMissing = NGINX_BINARIES.some((file) => existsSync(file))
  ? ''
  : 'nginx is not installed, so the nginx project is skipped: apt-get install nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static'

/** nginx serving a copy of the site that e2e/publishing.spec.ts refreshes while it reads. */
export const PUBLISHING_PORT = 4175

/** nginx serving a copy of the site that a watching refresh publishes to (e2e/publishing.spec.ts). */
export const WATCHING_PORT = 4179

/** nginx serving a site built from hostile content, for e2e/hostile.spec.ts. */
export const HOSTILE_PORT = 4176

/**
 * nginx serving a copy of the site that e2e/updates.spec.ts publishes a new build and withdrawals
 * to: this port for the first worker, the next for the second.
 */
export const UPDATES_PORT = 4177
