// `npm run bench [-- --runs 3] [--no-build]`: builds the site, serves it with nginx (the deployment's
// configuration), runs Lighthouse 12 (mobile emulation) on the front page, the seed story, an
// entity page, the search page, a search opened at its address and the saved stories page, and prints the median of each figure. Writes the same to bench-results/ as JSON.
// Figures, not assertions: size budgets that gate CI are in budgets.json.
import { execFileSync, spawn } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'

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
const ROUTES = {
  front: '/',
  story:
    '/articles/trump-speaks-with-putin-ally-lukashenko-thanks-him-for-prisoner-release-ahead-of-alaska-summit',
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
      details?: { items?: { url: string; resourceType?: string; transferSize?: number }[] }
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

function lighthouse(url: string): LighthouseResult {
  const out = execFileSync(
    process.execPath,
    [
      'node_modules/lighthouse/cli/index.js',
      url,
      `--chrome-flags=${CHROME_FLAGS}`,
      '--output=json',
      '--quiet',
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
  await mkdir('bench-results', { recursive: true })
  const file = path.join(
    'bench-results',
    `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  )
  await writeFile(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, benchmarkIndex, routes: ROUTES, results: rows }, null, 2)}\n`,
  )
  console.log(`\nwritten ${file}`)
} finally {
  nginx.kill('SIGTERM')
}
