// Runs next to parallel-alpha.node.test.ts: each file has its own mock, and
// the concurrent tests have one mock each inside msw's server.boundary().
import { runParallelSuite } from './support/parallel-suite.ts'

runParallelSuite({
  own: 'beta',
  other: 'alpha',
  seed: 202,
  boundaries: ['up', 'down'],
})
