import { defineConfig, devices } from '@playwright/test'
import { launchOptions } from './e2e/browser'

const PORT = 4173
const NGINX_PORT = 4174
// The serving spec checks production headers, which only nginx sends; size budgets depend on the
// build alone, so they run once, on desktop.
const servingOnly = /serving\.spec\.ts/
const budgets = /budgets\.spec\.ts/

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
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
      use: {
        ...devices['Pixel 7'],
        viewport: { width: 390, height: 844 },
      },
    },
    // The same journeys against nginx with the deployment's configuration (deploy/nginx/), whose
    // Content-Security-Policy would turn any violation into a console error that fails a test.
    {
      name: 'nginx',
      testIgnore: budgets,
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
      command: `npm run build && node node_modules/vite/bin/vite.js preview --port ${PORT} --strictPort`,
      url: `http://localhost:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      // Serves the same dist/; waits for the build above, which is done once preview answers.
      command: `node --import tsx scripts/nginx.ts --port ${NGINX_PORT}`,
      url: `http://127.0.0.1:${NGINX_PORT}/robots.txt`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
})
