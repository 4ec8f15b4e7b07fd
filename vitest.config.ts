import { defineConfig } from 'vitest/config'

// `syncano-mock` and its subpaths resolve to the sources through the
// tsconfig `paths`, so the tests need no build (docs/decisions/).
const sources = { tsconfigPaths: true }

export default defineConfig({
  resolve: sources,
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.node.test.ts'],
    environment: 'node',
    // Type tests only; `npm run typecheck` reports errors in the sources.
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      ignoreSourceErrors: true,
    },
  },
})
