// Browser quick start: an app's development entry starts the mock in the
// page before its first request. Run by test/browser/examples.browser.test.ts.
import { setupSyncanoWorker, type SyncanoMock } from 'syncano-mock/browser'

/**
 * Starts the mock in the page. Await it before the app sends anything:
 * msw lets a request sent while the worker is starting reach the network.
 */
export async function enableMocking(): Promise<SyncanoMock> {
  const { mock, worker } = setupSyncanoWorker()
  // Only the Syncano API is mocked; the app's own files load as usual.
  await worker.start({ onUnhandledRequest: 'bypass' })
  return mock
}
