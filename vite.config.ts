import react from '@vitejs/plugin-react'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { defineConfig, loadEnv, type Plugin } from 'vite'
import { readAdSettings } from './src/ads/settings.ts'
import { FIRST_PAINT_SCRIPT } from './src/display/firstPaint.ts'

/**
 * `vite preview` as a static host serves the prerendered build: `/articles/x` from
 * `articles/x/index.html`, and anything that was not prerendered gets `404.html` with status 404.
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

// React Router 7's package exports only its development build, whose dev-only warnings would ship
// to readers (remix-run/react-router#14102). The browser bundle takes the production build instead.
const reactRouterDir = path.dirname(
  createRequire(import.meta.url).resolve('react-router/package.json'),
)
const reactRouterProduction = (file: string) => path.join(reactRouterDir, 'dist/production', file)
/** React Router's production build, for the browser bundle and the unit tests alike. */
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

export default defineConfig(({ command, isSsrBuild, mode }) => ({
  define: { ...appConstants(mode), ...(isSsrBuild ? {} : { __BROWSER_BUNDLE__: 'true' }) },
  plugins: [
    react(),
    prerenderedRoutes(),
    inlineFavicon(),
    firstPaintScript(),
    plainDynamicImports(),
  ],
  resolve: command === 'build' && !isSsrBuild ? { alias: reactRouterProductionAlias } : {},
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  // The prerender bundle only runs at build time; public/ belongs to the client build alone.
  build: {
    copyPublicDir: !isSsrBuild,
    // One stylesheet, which every page carries inline (scripts/prerender/site.ts), and start-up
    // chunks that src/boot.ts fetches itself: lazy routes need no injected preloads or styles.
    cssCodeSplit: false,
    modulePreload: false,
  },
}))
