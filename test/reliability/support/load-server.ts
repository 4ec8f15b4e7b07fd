/**
 * The standalone server in a process of its own, for the load suite: it
 * reports its URL once listening and, when asked, its heap after a full
 * garbage collection. Run with `node --expose-gc --import tsx`.
 */
import { createSyncanoMock } from '../../../src/index.ts'
import { startStandaloneServer } from '../../../src/server/create-standalone-server.ts'

/** How long a client has to send a request: short, to test slow clients. */
export const LOAD_REQUEST_TIMEOUT = 2_000

const mock = createSyncanoMock({ baseUrl: '*' })
await mock.ready
const server = await startStandaloneServer({
  mock,
  port: 0,
  requestTimeout: LOAD_REQUEST_TIMEOUT,
})

const collect = (globalThis as { gc?: () => void }).gc
process.on('message', (message) => {
  if (message !== 'heap') return
  collect?.()
  collect?.()
  process.send?.({ heap: process.memoryUsage().heapUsed })
})
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0))
})
process.send?.({ url: server.url })
