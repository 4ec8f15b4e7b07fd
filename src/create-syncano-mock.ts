import { Faker, en } from '@faker-js/faker'
import { http, type HttpHandler } from 'msw'
import defaultFixtures from '../fixtures/default.json' with { type: 'json' }
import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from './errors/syncano-mock-error.ts'
import type { FixturesInput } from './fixtures/fixtures-schema.ts'
import { parseFixtures } from './fixtures/parse-fixtures.ts'
import { seedDatabase } from './fixtures/seed-database.ts'
import type { Dialect } from './glossary.ts'
import { handleRequest } from './http/handle-request.ts'
import { createClock } from './model/clock.ts'
import { createDatabase, type Database } from './model/database.ts'
import { createMutex, type MockState } from './mock-state.ts'

/** The seed used when neither the options nor the fixtures name one. */
export const DEFAULT_SEED = 1

/** How a mock is made. */
export interface SyncanoMockOptions {
  /**
   * The world the mock starts from: a fixtures object. (`syncano-mock/node`
   * also takes a file path.) Defaults to the embedded `fixtures/default.json`.
   */
  fixtures?: FixturesInput
  /** `docs` (default) follows the documentation page, `server` the server. */
  dialect?: Dialect
  /** Seeds generated records, ids and keys; the same seed, the same data. */
  seed?: number
  /** The origin the handlers answer; `'*'` answers any origin. */
  baseUrl?: string
}

/** A running mock: its handlers, its data and its controls. */
export interface SyncanoMock {
  /** msw request handlers for `setupServer`, `setupWorker` or `getResponse`. */
  handlers: Array<HttpHandler>
  /** The typed, indexed collections the handlers read and write. */
  db: Database
  /** The dialect in force. */
  dialect: Dialect
  /** Settles once the fixtures are loaded; handlers wait for it themselves. */
  ready: Promise<void>
  /** Puts the data back to the fixtures state, with the same keys. */
  reset: () => Promise<void>
  /** Answers one request directly, without msw (what the handlers call). */
  fetch: (request: Request) => Promise<Response>
}

/**
 * Creates a mock of the Syncano v1.1 users area.
 *
 * @example
 * const mock = createSyncanoMock()
 * const server = setupServer(...mock.handlers)
 * beforeEach(() => mock.reset())
 */
export function createSyncanoMock(options: SyncanoMockOptions = {}): SyncanoMock {
  const fixtures = parseFixtures(
    options.fixtures ?? defaultFixtures,
    options.fixtures ? 'fixtures option' : 'fixtures/default.json',
  )
  const dialect = checkDialect(options.dialect ?? fixtures.dialect ?? 'docs')
  const seed = options.seed ?? fixtures.seed ?? DEFAULT_SEED
  const db = createDatabase()
  const faker = new Faker({ locale: en })

  const load = async () => {
    for (const table of Object.values(db)) table.clear()
    faker.seed(seed)
    await seedDatabase(db, fixtures, faker)
  }

  const state: MockState = {
    db,
    dialect,
    faker,
    now: createClock(),
    ready: load(),
    exclusive: createMutex(),
  }
  const fetch = (request: Request) => handleRequest(state, request)

  return {
    handlers: [http.all(baseUrlPattern(options.baseUrl), ({ request }) => fetch(request))],
    db,
    dialect,
    ready: state.ready,
    reset: () => state.exclusive(load),
    fetch,
  }
}

/** The URLs the handler takes: the users area under `/v1/` and `/v1.1/`. */
function baseUrlPattern(baseUrl = 'https://api.syncano.io'): RegExp {
  if (baseUrl === '*') return /^[a-z][a-z0-9+.-]*:\/\/[^/]+\/v1(\.1)?\//i

  const origin = baseUrl.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${origin}/v1(\\.1)?/`)
}

function checkDialect(dialect: string): Dialect {
  if (dialect === 'docs' || dialect === 'server') return dialect

  throw new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `Failed to create a mock: unknown dialect "${dialect}". Expected "docs" or "server".`,
  )
}
