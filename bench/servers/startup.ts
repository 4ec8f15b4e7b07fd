// A child process of the benchmark: creates one mock and reports the time
// to its first answer and the heap it holds, from a fresh V8 heap.
import { createSyncanoMock } from '../../src/index.ts'
import { benchFixtures } from '../bench-fixtures.ts'

const users = Number(process.argv[2] ?? 100_000)
const gc = globalThis.gc as () => void

gc()
const heapBefore = process.memoryUsage().heapUsed
const started = performance.now()

const mock = createSyncanoMock({ fixtures: benchFixtures(users) })
await mock.ready
const milliseconds = performance.now() - started

gc()
const heapBytes = process.memoryUsage().heapUsed - heapBefore
process.send?.({ milliseconds, heapBytes, users: mock.db.users.count() })
