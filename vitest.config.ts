import { defineConfig } from 'vitest/config'

export default defineConfig({
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
