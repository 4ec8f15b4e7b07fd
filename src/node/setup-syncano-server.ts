import { setupServer, type SetupServer } from 'msw/node'
import type { SyncanoMock } from '../create-syncano-mock.ts'
import {
  createSyncanoMock,
  type NodeSyncanoMockOptions,
} from './create-syncano-mock.ts'

/** A mock with an msw server around its handlers. */
export interface SyncanoServer {
  mock: SyncanoMock
  server: SetupServer
}

/**
 * Creates a mock and an msw `setupServer` with its handlers, for tests in
 * Node. Start it with `server.listen()`; the mock answers every request to
 * the users area of its base URL.
 *
 * @example
 * const { mock, server } = setupSyncanoServer()
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
 * beforeEach(() => mock.reset())
 * afterAll(() => server.close())
 */
export function setupSyncanoServer(
  options: NodeSyncanoMockOptions = {},
): SyncanoServer {
  const mock = createSyncanoMock(options)
  return { mock, server: setupServer(...mock.handlers) }
}
