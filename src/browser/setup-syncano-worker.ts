import { setupWorker, type SetupWorker } from 'msw/browser'
import {
  createSyncanoMock,
  type SyncanoMock,
  type SyncanoMockOptions,
} from '../create-syncano-mock.ts'

/** A mock with an msw service worker around its handlers. */
export interface SyncanoWorker {
  mock: SyncanoMock
  worker: SetupWorker
}

/**
 * Creates a mock and an msw `setupWorker` with its handlers, for pages,
 * Storybook and browser tests. The page must serve msw's worker script at
 * its root (`npx msw init <public dir> --save`), and `worker.start()` must
 * have settled before the first request: a request sent earlier goes to the
 * real network.
 *
 * @example
 * const { mock, worker } = setupSyncanoWorker({ dialect: 'server' })
 * await worker.start({ onUnhandledRequest: 'bypass' })
 * await fetch('https://api.syncano.io/v1.1/instances/my-instance/users/1/')
 */
export function setupSyncanoWorker(
  options: SyncanoMockOptions = {},
): SyncanoWorker {
  const mock = createSyncanoMock(options)
  return { mock, worker: setupWorker(...mock.handlers) }
}
