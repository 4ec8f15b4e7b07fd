import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.node.test.ts'],
    environment: 'node',
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'] },
  },
})
