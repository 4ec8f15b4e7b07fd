import {
  createSyncanoMock as createCoreMock,
  type SyncanoMock,
  type SyncanoMockOptions,
} from '../create-syncano-mock.ts'
import type { FixturesInput } from '../fixtures/fixtures-schema.ts'
import { loadFixturesFile } from './load-fixtures-file.ts'

/** Mock options in Node: `fixtures` may also be a JSON file's path. */
export interface NodeSyncanoMockOptions extends Omit<
  SyncanoMockOptions,
  'fixtures'
> {
  fixtures?: FixturesInput | string
}

/**
 * Creates a mock, reading `fixtures` from a file when it is a path.
 *
 * @example
 * const mock = createSyncanoMock({ fixtures: 'test/fixtures.json' })
 */
export function createSyncanoMock(
  options: NodeSyncanoMockOptions = {},
): SyncanoMock {
  // Anything but a path goes on as given, for the core to check.
  const fixtures = (options as NodeSyncanoMockOptions | null)?.fixtures
  if (typeof fixtures !== 'string') {
    return createCoreMock(options as SyncanoMockOptions)
  }
  return createCoreMock({ ...options, fixtures: loadFixturesFile(fixtures) })
}
