import { defineConfig, devices } from '@playwright/test'
import { launchOptions } from './e2e/browser'
import { NGINX_PORT, nginxMissing, PREVIEW_PORT } from './e2e/servers'

const CI = !!process.env.CI

// Which specs run where. Journeys run at two widths, desktop and mobile, against the site as it is
// deployed: nginx with the deployment's configuration (dist-nginx/), whose Content-Security-Policy
// turns any violation into a console error that fails a test. Where nginx is not installed they run
// against `vite preview` instead, and the `nginx` project, whose specs need nginx itself, is skipped
// with the reason. Some checks depend on one thing only, so they run once, in the `nginx` project:
// headers only nginx sends (serving), publishing, updates (a new build, a withdrawal) and hostile
// content, each on a site and an nginx of its own. Sizes depend on the build alone (budgets:
// desktop). @desktop-only tests are the same at every width, so they run once.
// @smoke marks the quick set (`npm run test:smoke`): one journey through each kind of page.
const servingOnly = /(serving|publishing|hostile|updates)\.spec\.ts/
const budgets = /budgets\.spec\.ts/
// One server for the journeys: both send the same files to the same app, nginx is the one readers
// meet, and each journey run against both cost the suite a third of its time.
const SITE = nginxMissing ? `http://localhost:${PREVIEW_PORT}` : `http://127.0.0.1:${NGINX_PORT}`

// Said once, by the runner (workers load this file too); each skipped test carries it as well.
if (nginxMissing && process.env.TEST_WORKER_INDEX === undefined) console.warn(`\n${nginxMissing}\n`)

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2,
  // Ceilings for a slow, busy machine, not expectations: tests wait for events, never for time.
  timeout: 60_000,
  expect: {
    timeout: 10_000,
    // Screenshots: see e2e/README.md ("Screenshot comparisons") for why these thresholds.
    toHaveScreenshot: { threshold: 0.2, maxDiffPixels: 50, animations: 'disabled' },
  },
  snapshotPathTemplate: '{testDir}/__screenshots__/{arg}-{projectName}{ext}',
  reporter: [
    ['list'],
    ['html', { open: 'never' }],
    // For CI systems that read test results (GitLab, Jenkins, Azure DevOps…).
    ['junit', { outputFile: 'test-results/junit.xml' }],
  ],
  use: {
    baseURL: SITE,
    // Recording a trace costs every test time; on CI only a failure's retry records one.
    trace: CI ? 'on-first-retry' : 'retain-on-failure',
    // 'only-on-failure' photographs every page as its test ends, passed or not (0.3-0.8 s a test
    // here); on CI a failure's retry records a trace, whose frames show the page at each step.
    screenshot: CI ? 'off' : 'only-on-failure',
    launchOptions,
    // A service worker would answer requests before the tests' own routes see them, and keep
    // pages between tests: only the journeys of reading offline run with it (offline.spec.ts).
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'desktop',
      testIgnore: servingOnly,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'mobile',
      testIgnore: [servingOnly, budgets],
      grepInvert: /@desktop-only/,
      use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } },
    },
    // nginx's own behaviour: what it sends, and sites refreshed or built from hostile content while
    // it serves them. Skipped, with the reason, where nginx is not installed (e2e/fixtures.ts).
    {
      name: 'nginx',
      testMatch: servingOnly,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } },
    },
  ],
  // The real thing: the production build, prerendered, served by `vite preview`.
  webServer: [
    {
      command: `npm run build && node node_modules/vite/bin/vite.js preview --port ${PREVIEW_PORT} --strictPort`,
      url: `http://localhost:${PREVIEW_PORT}/`,
      reuseExistingServer: !CI,
      timeout: 300_000,
    },
    // Serves the same dist/; waits for the build above, which is done once preview answers.
    ...(nginxMissing
      ? []
      : [
          {
            command: `node --import tsx scripts/nginx.ts --port ${NGINX_PORT}`,
            url: `http://127.0.0.1:${NGINX_PORT}/robots.txt`,
            reuseExistingServer: !CI,
            timeout: 300_000,
          },
        ]),
  ],
})
