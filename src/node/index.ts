// The mock, with file fixtures
export {
  createSyncanoMock,
  type NodeSyncanoMockOptions,
} from './create-syncano-mock.ts'
export { loadFixturesFile } from './load-fixtures-file.ts'

// msw's setupServer around it
export {
  setupSyncanoServer,
  type SyncanoServer,
} from './setup-syncano-server.ts'
