import react from '@vitejs/plugin-react'
import { defaultClientConditions } from 'vite'
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { appConstants, reactRouterProductionAlias } from './vite.config.ts'

export default defineConfig({
  define: appConstants('test'),
  plugins: [react()],
  // One copy of react-router, the same production ESM build the browser bundle ships.
  resolve: {
    conditions: ['module-sync', ...defaultClientConditions],
    alias: reactRouterProductionAlias,
  },
  test: {
    restoreMocks: true,
    // Vitest leaves a core to itself by default: one test file at a time on a 2-core machine. The
    // tests wait on files and child processes much of the time, so one per core finishes sooner
    // (180 s against 127 s for the whole suite on this 2-core machine, side by side).
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['src/test/setup.ts'],
        },
      },
      {
        // The build tools run in Node: no browser DOM to set up for each of their files. Their
        // tests build real sites on disk, some many times over: a busy CI machine takes several
        // times a quiet one's seconds, which the default 5 s would fail.
        extends: true,
        test: {
          name: 'scripts',
          include: ['scripts/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
    ],
  },
})
