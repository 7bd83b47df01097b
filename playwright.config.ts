import { defineConfig, devices } from '@playwright/test'
import { launchOptions } from './e2e/browser'
import { NGINX_PORT, nginxMissing, PREVIEW_PORT } from './e2e/servers'

const CI = !!process.env.CI

// Which specs run where. Journeys run in all three projects. Some checks depend on one thing only,
// so they run once: headers only nginx sends (serving), publishing, updates (a new build, a withdrawal)
// and hostile content under nginx; sizes, which depend on the build alone
// (budgets); pixels and the accessibility tree, which are the same HTML whichever server sends it
// (visual, accessibility: desktop and mobile only); reading offline, where the worker answers, not
// the server (offline: desktop and mobile; updates.spec.ts runs the worker under nginx's policy). Tags say the same of single tests:
// @client-only tests the app's logic in the browser (timers, focus, events), which no server
// changes, so nginx skips them; @desktop-only is also the same at every width, so it runs once.
// @smoke marks the quick set (`npm run test:smoke`): one journey through each kind of page.
const servingOnly = /(serving|publishing|hostile|updates)\.spec\.ts/
const budgets = /budgets\.spec\.ts/
const sameOnEveryServer = /(visual|accessibility|offline)\.spec\.ts/

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
    baseURL: `http://localhost:${PREVIEW_PORT}`,
    // Recording a trace costs every test time; on CI only a failure's retry records one.
    trace: CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
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
    // The same journeys against nginx with the deployment's configuration (dist-nginx/), whose
    // Content-Security-Policy would turn any violation into a console error that fails a test.
    // Skipped, with the reason, where nginx is not installed (e2e/fixtures.ts).
    {
      name: 'nginx',
      testIgnore: [budgets, sameOnEveryServer],
      grepInvert: /@desktop-only|@client-only/,
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        baseURL: `http://127.0.0.1:${NGINX_PORT}`,
      },
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
