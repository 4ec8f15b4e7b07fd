// The mock (the core entry, which imports nothing from Node)
export {
  createSyncanoMock,
  type SyncanoMock,
  type SyncanoMockOptions,
} from '../create-syncano-mock.ts'

// msw's setupWorker around it
export {
  setupSyncanoWorker,
  type SyncanoWorker,
} from './setup-syncano-worker.ts'
