// Runs next to parallel-beta.node.test.ts: each file has its own mock, and
// the concurrent tests have one mock each inside msw's server.boundary().
import { runParallelSuite } from './support/parallel-suite.ts'

runParallelSuite({
  own: 'alpha',
  other: 'beta',
  seed: 101,
  boundaries: ['left', 'right'],
})
