import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium.ts'

// `syncano-mock` and its subpaths resolve to the sources through the
// tsconfig `paths`, so the tests need no build (docs/decisions/).
const sources = { tsconfigPaths: true }

export default defineConfig({
  test: {
    projects: [
      {
        resolve: sources,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.node.test.ts'],
          environment: 'node',
          // Several suites start servers and child processes; on a loaded
          // 2-core machine a few seconds is not enough for those to settle.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Type tests only; `npm run typecheck` reports errors in the sources.
          typecheck: {
            enabled: true,
            include: ['test/types/**/*.test-d.ts'],
            ignoreSourceErrors: true,
          },
        },
      },
      {
        // Serves public/mockServiceWorker.js at the root, as an app does.
        publicDir: 'public',
        resolve: sources,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.test.ts'],
          globalSetup: ['test/browser/support/standalone-server-setup.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: CHROMIUM_PATH,
                args: CHROMIUM_ARGS,
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // Builds the Storybook and opens every story in Chromium from Node.
        test: {
          name: 'storybook',
          include: ['test/storybook/**/*.browser.test.ts'],
          environment: 'node',
          hookTimeout: 180_000,
          testTimeout: 60_000,
        },
      },
    ],
  },
})
