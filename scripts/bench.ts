// `npm run bench [-- --runs 3] [--no-build]`: builds the site, serves it with nginx (the deployment's
// configuration), runs Lighthouse 12 (mobile emulation) on the front page, a section front, the
// seed story, a story with a lead picture, an author page, an entity page, the search page, a
// search opened at its address and the saved stories page, and prints the median of each figure.
// Then, side by side in the same run: the pictured story's LCP against the same HTML with its
// scripts removed (alternated, median of 5; observed under DevTools throttling and simulated by
// Lantern), its LCP element, and how much larger than needed any picture is at 390 and 1280 px. Writes the same to bench-results/ as JSON.
// Figures, not assertions: size budgets that gate CI are in budgets.json.
import { execFileSync, spawn } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { launchOptions } from '../e2e/browser'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    build: { type: 'boolean', default: true },
    'no-build': { type: 'boolean' },
  },
})
const RUNS = Number(values.runs)
const PORT = 4175
const ORIGIN = `http://127.0.0.1:${PORT}`
const PICTURED = '/articles/port-ellerys-seawall-could-fail-within-25-years-marine-scientist-warns'
const ROUTES = {
  front: '/',
  section: '/sections/world',
  story:
    '/articles/trump-speaks-with-putin-ally-lukashenko-thanks-him-for-prisoner-release-ahead-of-alaska-summit',
  pictured: PICTURED,
  author: '/authors/ilse-varga',
  entity: '/entities/alexander-lukashenko',
  search: '/search',
  // A search opened at its address (a shared link): its results are the page's LCP, and they
  // render in the browser, after the app's code and the index's files (docs/decisions/019).
  results: '/search?q=ferry',
  saved: '/saved',
}
const CHROME_FLAGS =
  '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync'

interface LighthouseResult {
  environment: { benchmarkIndex: number }
  categories: Record<string, { score: number | null }>
  audits: Record<
    string,
    {
      numericValue?: number
      details?: {
        items?: {
          url: string
          resourceType?: string
          transferSize?: number
          node?: { nodeLabel?: string; snippet?: string }
        }[]
      }
    }
  >
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

async function waitFor(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer`)
}

function lighthouse(url: string, flags: string[] = []): LighthouseResult {
  const out = execFileSync(
    process.execPath,
    [
      'node_modules/lighthouse/cli/index.js',
      url,
      `--chrome-flags=${CHROME_FLAGS}`,
      '--output=json',
      '--quiet',
      ...flags,
    ],
    {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    },
  )
  return JSON.parse(out) as LighthouseResult
}

/** Gzip (level 9) bytes of what the page loaded from the site, by resource type. */
async function gzipBytes(result: LighthouseResult, type: 'Script' | 'Document') {
  let total = 0
  for (const item of result.audits['network-requests']?.details?.items ?? []) {
    const url = new URL(item.url)
    if (url.origin !== ORIGIN || item.resourceType !== type) continue
    const file =
      type === 'Document'
        ? path.join('dist', url.pathname, url.pathname.endsWith('.html') ? '' : 'index.html')
        : path.join('dist', url.pathname)
    total += gzipSync(await readFile(file), { level: 9 }).length
  }
  return total
}

/** Lighthouse's LCP of a URL: Lantern's simulation, or observed under DevTools throttling. */
function lcpOf(url: string, method: 'simulate' | 'devtools') {
  const result = lighthouse(url, [`--throttling-method=${method}`, '--only-categories=performance'])
  return result.audits['largest-contentful-paint']?.numericValue ?? NaN
}

/**
 * The pictured story's LCP against the same HTML with every script taken out (what the picture
 * costs with no app at all), Lighthouse runs alternated so all see the same machine, median of 5.
 * Measured twice: observed in Chromium under DevTools throttling (Slow 4G, 4x CPU), and in
 * Lantern's simulation, which counts every high-priority request made before the LCP as one the
 * LCP waits for. The app's start-up script waits for the LCP (docs/decisions/011), so the third
 * page, the story with an empty module script in place of the app's, shows how much of Lantern's
 * gap is that one request rather than anything the app does (docs/decisions/027).
 */
async function lcpAgainstNoScript() {
  const html = await readFile(path.join('dist', PICTURED, 'index.html'), 'utf8')
  const bare = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="modulepreload"[^>]*>/g, '')
  const emptyScript = html.replace(
    /<script type="module"([^>]*) src="[^"]*"><\/script>/,
    '<script type="module"$1 src="/bench-empty.js"></script>',
  )
  const pages = {
    page: PICTURED,
    bare: '/bench-no-scripts/',
    emptyScript: '/bench-empty-script/',
  }
  await writeFile(path.join('dist', 'bench-empty.js'), '\n')
  for (const [route, text] of [
    [pages.bare, bare],
    [pages.emptyScript, emptyScript],
  ] as const) {
    await mkdir(path.join('dist', route), { recursive: true })
    await writeFile(path.join('dist', route, 'index.html'), text)
  }
  try {
    const observed = { page: [] as number[], bare: [] as number[] }
    const simulated = { page: [] as number[], bare: [] as number[], emptyScript: [] as number[] }
    for (let i = 0; i < 5; i++) {
      process.stdout.write(`lighthouse LCP, page and no-scripts, run ${i + 1}/5\r`)
      for (const key of ['page', 'bare'] as const)
        observed[key].push(lcpOf(`${ORIGIN}${pages[key]}`, 'devtools'))
      for (const key of ['page', 'bare', 'emptyScript'] as const)
        simulated[key].push(lcpOf(`${ORIGIN}${pages[key]}`, 'simulate'))
    }
    const figures = (runs: Record<string, number[]>) =>
      Object.fromEntries(Object.entries(runs).map(([key, xs]) => [key, Math.round(median(xs))]))
    const devtools = figures(observed) as Record<keyof typeof observed, number>
    const lantern = figures(simulated) as Record<keyof typeof simulated, number>
    const ratio = (a: number, b: number) => Number((a / b).toFixed(2))
    const result = {
      observed: { ...devtools, ratio: ratio(devtools.page, devtools.bare) },
      lantern: {
        ...lantern,
        ratio: ratio(lantern.page, lantern.bare),
        emptyScriptRatio: ratio(lantern.emptyScript, lantern.bare),
      },
      element: await lcpElement(),
    }
    console.log(
      `\nLCP of ${PICTURED}, median of 5, alternated:` +
        `\n  observed (DevTools throttling): ${devtools.page} ms; the same HTML without scripts: ${devtools.bare} ms; ratio ${result.observed.ratio} (goal: at most 1.1)` +
        `\n  Lantern (simulated): ${lantern.page} ms; without scripts: ${lantern.bare} ms; ratio ${result.lantern.ratio}; with an empty module script for the app's: ${lantern.emptyScript} ms, ratio ${result.lantern.emptyScriptRatio}`,
    )
    console.log(`LCP element (390 px): ${result.element}`)
    return result
  } finally {
    await rm(path.join('dist', 'bench-empty.js'), { force: true })
    for (const route of [pages.bare, pages.emptyScript])
      await rm(path.join('dist', route), { recursive: true, force: true })
  }
}

/** The pictured story's LCP element as Chromium reports it at 390 px: tag and picture file. */
async function lcpElement() {
  const browser = await chromium.launch(launchOptions)
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto(`${ORIGIN}${PICTURED}`)
    return await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          new PerformanceObserver((list) => {
            const last = list.getEntries().at(-1) as
              (PerformanceEntry & { element: Element | null; url: string }) | undefined
            const element = last?.element
            resolve(
              element
                ? `<${element.localName}> ${last.url.replace(location.origin, '') || element.textContent.slice(0, 80)}`
                : 'none',
            )
          }).observe({ type: 'largest-contentful-paint', buffered: true })
        }),
    )
  } finally {
    await browser.close()
  }
}

/**
 * How much larger than its box needs each picture the browser chose is, on the pages that show
 * pictures, at 390 px (3x density) and 1280 px (1x). A cropped picture needs the width its crop
 * shows, not its box's.
 */
async function pictureOvershoot() {
  const pages = [
    '/',
    '/sections/world',
    '/latest',
    PICTURED,
    '/authors/ilse-varga',
    '/entities/port-ellery',
  ]
  const browser = await chromium.launch(launchOptions)
  let worst = { ratio: 0, page: '', width: 0, src: '' }
  const byWidth: Record<number, number> = {}
  try {
    for (const [width, scale] of [
      [390, 3],
      [1280, 1],
    ] as const) {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        deviceScaleFactor: scale,
      })
      const page = await context.newPage()
      let widest = 0
      for (const route of pages) {
        await page.goto(`${ORIGIN}${route}`)
        for (const image of await page.locator('img').all()) await image.scrollIntoViewIfNeeded()
        await page.waitForFunction(() => [...document.images].every((image) => image.complete))
        const found = await page.evaluate((dpr) => {
          return [...document.images].map((image) => {
            const box = image.getBoundingClientRect()
            const fit = getComputedStyle(image).objectFit
            // What the picture is drawn at: its box, or more where a crop covers it.
            const drawn =
              fit === 'cover'
                ? Math.max(box.width, (box.height * image.naturalWidth) / image.naturalHeight)
                : box.width
            return { src: image.currentSrc, ratio: image.naturalWidth / (drawn * dpr) }
          })
        }, scale)
        for (const image of found) {
          widest = Math.max(widest, image.ratio)
          if (image.ratio > worst.ratio) worst = { ...image, page: route, width }
        }
      }
      byWidth[width] = Number(widest.toFixed(2))
      await context.close()
    }
  } finally {
    await browser.close()
  }
  console.log(
    `Largest picture overshoot: ${byWidth[390]}x at 390 px (3x), ${byWidth[1280]}x at 1280 px (1x); the worst: ${worst.ratio.toFixed(2)}x, ${worst.src.replace(ORIGIN, '')} on ${worst.page} at ${worst.width} px`,
  )
  return { byWidth, worst }
}

if (values.build && !values['no-build']) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' })
const nginx = spawn(
  process.execPath,
  ['--import', 'tsx', 'scripts/nginx.ts', '--port', String(PORT)],
  { stdio: 'ignore' },
)
try {
  await waitFor(`${ORIGIN}/robots.txt`)
  const rows: Record<string, Record<string, number>> = {}
  const speeds: number[] = []
  for (const [name, route] of Object.entries(ROUTES)) {
    const runs: LighthouseResult[] = []
    for (let i = 0; i < RUNS; i++) {
      process.stdout.write(`lighthouse ${name} run ${i + 1}/${RUNS}\r`)
      runs.push(lighthouse(`${ORIGIN}${route}`))
    }
    speeds.push(...runs.map((r) => r.environment.benchmarkIndex))
    const pick = (f: (r: LighthouseResult) => number) => median(runs.map(f))
    const score = (id: string) => pick((r) => Math.round((r.categories[id]?.score ?? 0) * 100))
    const audit = (id: string) => pick((r) => r.audits[id]?.numericValue ?? NaN)
    const last = runs[runs.length - 1] as LighthouseResult
    rows[name] = {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
      lcpMs: Math.round(audit('largest-contentful-paint')),
      cls: Number(audit('cumulative-layout-shift').toFixed(3)),
      tbtMs: Math.round(audit('total-blocking-time')),
      jsGzipBytes: await gzipBytes(last, 'Script'),
      htmlGzipBytes: await gzipBytes(last, 'Document'),
      requests: pick((r) => r.audits['network-requests']?.details?.items?.length ?? 0),
    }
  }

  const columns = [
    'performance',
    'accessibility',
    'bestPractices',
    'seo',
    'lcpMs',
    'cls',
    'tbtMs',
    'jsGzipBytes',
    'htmlGzipBytes',
    'requests',
  ] as const
  const heads = [
    'Perf',
    'A11y',
    'BP',
    'SEO',
    'LCP ms',
    'CLS',
    'TBT ms',
    'JS gz KB',
    'HTML gz KB',
    'Requests',
  ]
  const cell = (key: (typeof columns)[number], v: number) =>
    key.endsWith('Bytes') ? (v / 1024).toFixed(1) : String(v)
  // Lantern multiplies this machine's task times by 4: a slower machine reads as a slower phone.
  const benchmarkIndex = Math.round(median(speeds))
  console.log(
    `\nLighthouse 12 (mobile emulation), median of ${RUNS}, served by nginx; this machine's benchmarkIndex ${benchmarkIndex}\n`,
  )
  console.log(['route'.padEnd(8), ...heads.map((h) => h.padStart(10))].join(' '))
  for (const [name, row] of Object.entries(rows)) {
    console.log(
      [name.padEnd(8), ...columns.map((k) => cell(k, row[k] ?? NaN).padStart(10))].join(' '),
    )
  }
  const lcp = await lcpAgainstNoScript()
  const overshoot = await pictureOvershoot()
  await mkdir('bench-results', { recursive: true })
  const file = path.join(
    'bench-results',
    `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  )
  await writeFile(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, benchmarkIndex, routes: ROUTES, results: rows, lcp, overshoot }, null, 2)}\n`,
  )
  console.log(`\nwritten ${file}`)
} finally {
  nginx.kill('SIGTERM')
}
