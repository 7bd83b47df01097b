import react from '@vitejs/plugin-react'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { defineConfig, loadEnv, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { copyPublic, LINKED_PUBLIC } from './scripts/lib/publicCopy.ts'
import { readAdSettings } from './src/ads/settings.ts'
import { FIRST_PAINT_SCRIPT } from './src/display/firstPaint.ts'
import { webAppManifest } from './src/offline/manifest.ts'

/**
 * `vite preview` as a static host serves the prerendered build: `/articles/x` from
 * `articles/x/index.html`; a withdrawn story's address, `articles/x/gone.html` with status 410;
 * anything that was not prerendered, `404.html` with status 404.
 */
function prerenderedRoutes(): Plugin {
  return {
    name: 'dispatch:prerendered-routes',
    configurePreviewServer(server) {
      const outDir = path.resolve(server.config.root, server.config.build.outDir)
      const isFile = (file: string) => existsSync(file) && statSync(file).isFile()
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          next()
          return
        }
        const url = new URL(req.url ?? '/', 'http://localhost')
        let pathname: string
        try {
          pathname = decodeURIComponent(url.pathname)
        } catch {
          pathname = '/\0'
        }
        const file = path.join(outDir, pathname)
        // Inside the build folder only (with the separator: `dist-ssr` starts with `dist` too).
        const inside = file === outDir || file.startsWith(outDir + path.sep)
        if (!inside || isFile(file)) {
          next()
          return
        }
        const page = path.join(file, 'index.html')
        if (!pathname.includes('\0') && isFile(page)) {
          req.url = `${pathname.replace(/\/?$/, '/')}index.html${url.search}`
          next()
          return
        }
        const gone = path.join(file, 'gone.html')
        if (!pathname.includes('\0') && isFile(gone)) {
          res.statusCode = 410
          res.setHeader('Content-Type', 'text/html; charset=utf-8')
          res.end(readFileSync(gone))
          return
        }
        res.statusCode = 404
        if (path.extname(pathname)) {
          res.end('Not found')
          return
        }
        res.setHeader('Content-Type', 'text/html; charset=utf-8')
        res.end(readFileSync(path.join(outDir, '404.html')))
      })
    },
  }
}

/**
 * Builds carry the icon inside each page as a data URI (about 300 bytes): no request for it
 * beside the page's first paint. Spaces are escaped too: an HTML checker refuses them in a URL. public/favicon.svg stays the one source, and the file itself.
 */
function inlineFavicon(): Plugin {
  return {
    name: 'dispatch:inline-favicon',
    apply: 'build',
    transformIndexHtml(html) {
      const svg = readFileSync(path.resolve('public/favicon.svg'), 'utf8').trim()
      const uri = `data:image/svg+xml,${svg.replaceAll('"', "'").replace(/[%<># ]/g, encodeURIComponent)}`
      return html.replace('href="/favicon.svg"', () => `href="${uri}"`)
    },
  }
}

/**
 * The first-paint script (src/display/firstPaint.ts) in each page's head: the reader's theme and
 * text size are on the page before it paints. The CSP allows it by its hash.
 */
function firstPaintScript(): Plugin {
  return {
    name: 'dispatch:first-paint-script',
    transformIndexHtml: (html) =>
      html.replace('<!--first-paint-script-->', () => `<script>${FIRST_PAINT_SCRIPT}</script>`),
  }
}

/**
 * Vite wraps each dynamic import in a helper that preloads the chunk's dependencies and CSS, even
 * with `modulePreload: false` (vitejs/vite#18551): 700 bytes of gzip in every page's first script.
 * Here it has nothing to do: modulePreload is off and the one stylesheet is inlined in every page
 * (cssCodeSplit: false), so a lazy chunk never brings CSS of its own. The helper becomes a plain
 * call, and the build stops if a chunk ever does bring CSS, as it would then be lost.
 */
function plainDynamicImports(): Plugin {
  return {
    name: 'dispatch:plain-dynamic-imports',
    apply: 'build',
    enforce: 'pre',
    load: (id) =>
      id.endsWith('vite/preload-helper.js')
        ? 'export const __vitePreload = (load) => load()'
        : undefined,
    generateBundle(_, bundle) {
      const stylesheets = Object.keys(bundle).filter((file) => file.endsWith('.css'))
      if (stylesheets.length > 1)
        this.error(`lazy chunks bring CSS (${stylesheets.join(', ')}), which plain imports lose`)
    },
  }
}

/**
 * React Router's build names each of its components for React's developer tools
 * (`Form.displayName = "Form"`) and makes them with unannotated `forwardRef` and `createContext`
 * calls, so the bundler keeps every one, used or not. In the browser bundle the names go and the
 * calls are marked pure: what the app does not use (Form, fetchers, the history router) drops
 * out, 1.8 KB of gzip on every page.
 */
function treeShakeReactRouter(): Plugin {
  return {
    name: 'dispatch:tree-shake-react-router',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/react-router/dist/production/')) return undefined
      return code
        .replace(/^\s*[\w$]+\.displayName = "[^"]*";$/gm, '')
        .replace(/= (React\d*)\.(forwardRef|createContext)\(/g, '= /* @__PURE__ */ $1.$2(')
    },
  }
}

/**
 * TanStack Query's client always makes a mutation cache, and every query can be an infinite one, so
 * the bundler keeps both, though the reader runs neither: about 2.5 KB of gzip on every page. In
 * the browser bundle they become what the client calls of them (docs/decisions/024). A mutation or
 * an infinite query would then fail at once, naming this; use one, and remove this plugin.
 */
function queryClientWithoutMutations(): Plugin {
  const unused = (what: string) =>
    `throw new Error('${what}: the reader runs none (vite.config.ts, queryClientWithoutMutations)')`
  const stubs: Record<string, string> = {
    'mutationCache.js': `export class MutationCache {
  findAll() { return [] }
  getAll() { return [] }
  resumePausedMutations() { return Promise.resolve() }
  clear() {}
  build() { ${unused('a mutation')} }
}`,
    'infiniteQueryBehavior.js': `export function infiniteQueryBehavior() { ${unused('an infinite query')} }
export const hasNextPage = () => false
export const hasPreviousPage = () => false`,
  }
  return {
    name: 'dispatch:query-client-without-mutations',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (this.environment.config.consumer !== 'client') return undefined
      const match = /\/@tanstack\/query-core\/build\/modern\/([\w]+\.js)$/.exec(id)
      return match?.[1] ? stubs[match[1]] : undefined
    },
  }
}

/**
 * public/ into the browser's build, in place of Vite's copy: the same files, but the API's
 * hard-linked (scripts/lib/publicCopy.ts; 1.4-1.7 s against 6.1-7.9 s for the 42,512 files of a
 * 10,000-story archive, docs/decisions/048). After the bundle is written, whose files win.
 */
function publicFolder(): Plugin {
  let publicDir = ''
  let outDir = ''
  return {
    name: 'dispatch:public-folder',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(config) {
      publicDir = config.publicDir
      outDir = path.resolve(config.root, config.build.outDir)
    },
    writeBundle: {
      order: 'pre',
      handler() {
        if (publicDir && existsSync(publicDir)) copyPublic(publicDir, outDir, LINKED_PUBLIC)
      },
    },
  }
}

/**
 * The service worker and the web app manifest (docs/decisions/021). The worker is compiled here;
 * its list of files to precache is written by scripts/build-offline.ts once the pages are
 * prerendered. `VITE_OFFLINE=off` builds instead a worker that removes itself and its caches from
 * readers' browsers, and pages that register none.
 */
function offlineReading(mode: string) {
  const off = loadEnv(mode, process.cwd(), 'VITE_').VITE_OFFLINE === 'off'
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/offline',
    filename: 'sw.ts',
    injectRegister: false,
    manifest: webAppManifest,
    includeManifestIcons: false,
    selfDestroying: off,
    // No injection point: compile only. The list is written after the prerender (see above); the
    // plugin's types do not allow the undefined its code reads as that.
    injectManifest: { injectionPoint: undefined as unknown as string },
  })
}

// React Router 7's package exports only its development build, whose dev-only warnings would ship
// to readers (remix-run/react-router#14102). The browser bundle takes the production build instead,
// and so does the prerender's, bundled in: a page renders a sixth faster (docs/decisions/034).
const reactRouterDir = path.dirname(
  createRequire(import.meta.url).resolve('react-router/package.json'),
)
const reactRouterProduction = (file: string) => path.join(reactRouterDir, 'dist/production', file)
/** React Router's production build, for both bundles and the unit tests alike. */
export const reactRouterProductionAlias = [
  { find: /^react-router$/, replacement: reactRouterProduction('index.mjs') },
  { find: /^react-router\/dom$/, replacement: reactRouterProduction('dom-export.mjs') },
]

/**
 * Constants the app is built with: the site's ad settings, checked here so a bad value stops the
 * build with the setting's name (src/ads/settings.ts). The unit tests use the same.
 */
export function appConstants(mode: string) {
  const ads = readAdSettings(loadEnv(mode, process.cwd(), 'VITE_ADS_'))
  return { __DISPATCH_ADS__: JSON.stringify(ads) }
}

const isReact = (id: string) =>
  /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]|[\\/]src[\\/]app[\\/]react\.ts$/.test(id)
/** The modules start-up imports, less React and what the boot script imports itself. */
const startUpModules = new Set<string>()

/**
 * The browser's chunks follow start-up's steps (src/boot.ts): the boot script alone, then React in
 * one chunk, then everything start-up imports in one chunk, then each lazy route. Left to itself,
 * the bundler cuts start-up's code into seven chunks by who shares what, and each compresses
 * alone: one chunk saves 2.5 KB of gzip on every page (docs/decisions/029). What the boot script
 * imports (the bundler's helpers) stays in it: in a chunk of their own they would cost every page
 * a round trip before its code could start.
 */
function startUpChunk(): Plugin {
  return {
    name: 'dispatch:start-up-chunk',
    apply: 'build',
    buildEnd() {
      const ids = [...this.getModuleIds()]
      const closure = (suffix: string) => {
        const seen = new Set<string>()
        const stack = ids.filter((id) => id.endsWith(suffix))
        for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
          if (seen.has(id)) continue
          seen.add(id)
          stack.push(...(this.getModuleInfo(id)?.importedIds ?? []))
        }
        return seen
      }
      const boot = closure('/src/boot.ts')
      startUpModules.clear()
      for (const id of closure('/src/app/startUp.tsx'))
        if (!boot.has(id) && !isReact(id)) startUpModules.add(id)
    },
  }
}

const startUpChunks = {
  groups: [
    { name: 'react', test: isReact, priority: 2 },
    {
      name: 'startUp',
      test: (id: string) => startUpModules.has(id),
      // The boot script's helpers are shared with start-up, and stay with the boot script.
      includeDependenciesRecursively: false,
      priority: 1,
    },
  ],
}

export default defineConfig(({ command, isSsrBuild, mode }) => ({
  define: { ...appConstants(mode), ...(isSsrBuild ? {} : { __BROWSER_BUNDLE__: 'true' }) },
  plugins: [
    react(),
    prerenderedRoutes(),
    publicFolder(),
    inlineFavicon(),
    firstPaintScript(),
    plainDynamicImports(),
    treeShakeReactRouter(),
    queryClientWithoutMutations(),
    startUpChunk(),
    ...(isSsrBuild ? [] : [offlineReading(mode)]),
  ],
  resolve: command === 'build' ? { alias: reactRouterProductionAlias } : {},
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  // public/ belongs to the client build alone, which copies it itself (`publicFolder`).
  build: {
    copyPublicDir: false,
    // One stylesheet, which every page carries inline (scripts/prerender/site.ts), and start-up
    // chunks that src/boot.ts fetches itself: lazy routes need no injected preloads or styles.
    cssCodeSplit: false,
    modulePreload: false,
    rolldownOptions: isSsrBuild ? {} : { output: { codeSplitting: startUpChunks } },
  },
}))
