import { http, type HttpHandler } from 'msw'
import defaultFixtures from '../fixtures/default.json' with { type: 'json' }
import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from './errors/syncano-mock-error.ts'
import type { FixturesInput } from './fixtures/fixtures-schema.ts'
import { createFixturesLoader } from './fixtures/fixtures-loader.ts'
import { parseFixtures } from './fixtures/parse-fixtures.ts'
import type { Dialect } from './glossary.ts'
import { parseBaseUrl } from './http/base-url.ts'
import { applyCors } from './http/cors.ts'
import { setDirectAnswer } from './http/direct-answer.ts'
import { handleRequest, withoutHeadBody } from './http/handle-request.ts'
import { receiveRequest, type ReceivedRequest } from './http/receive-request.ts'
import { json, knownText } from './http/responses.ts'
import { createClock } from './model/clock.ts'
import { createDatabase, type Database } from './model/database.ts'
import { createMutex, type MockState } from './mock-state.ts'
import { DataHelpers } from './toolkit/data-helpers.ts'
import { describeRequest } from './toolkit/describe-request.ts'
import { Journal } from './toolkit/journal.ts'
import { placeOf } from './toolkit/route-pattern.ts'
import { Scenarios } from './toolkit/scenarios.ts'
import {
  restoreSnapshot,
  takeSnapshot,
  type Snapshot,
} from './toolkit/snapshot.ts'
import { standingGate } from './toolkit/standing-gate.ts'

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
  /**
   * Seeds generated records, ids and keys; the same seed, the same data.
   * An integer.
   */
  seed?: number
  /**
   * The origin the handlers answer, `https://api.syncano.io` unless given;
   * `'*'` answers any origin. A path after the origin
   * (`http://localhost:3000/api`, for an app behind a proxy) is taken off
   * the request's path before it is matched.
   */
  baseUrl?: string
  /**
   * Milliseconds since the epoch for the timestamps of records written after
   * seeding; `Date.now` unless given. A fixed clock makes them repeatable.
   * A reading that throws or is not a time from 0 to 8.64e15 is replaced
   * by `Date.now()`, with a warning.
   */
  clock?: () => number
  /**
   * How many requests the journal keeps, the oldest dropped first: 1000
   * unless given; `0` turns the journal off, `Infinity` keeps every one.
   */
  journalLimit?: number
}

/** A running mock: its handlers, its data and its controls. */
export interface SyncanoMock {
  /** msw request handlers for `setupServer`, `setupWorker` or `getResponse`. */
  handlers: Array<HttpHandler>
  /**
   * The typed, indexed tables the handlers read and write. Read freely;
   * write through `mock.data`, or through a table's own `insert`, `update`
   * and `remove`, which keep its indexes in step.
   */
  db: Database
  /** The dialect in force. */
  dialect: Dialect
  /** Settles once the fixtures are loaded; handlers wait for it themselves. */
  ready: Promise<void>
  /**
   * Puts the data back to the fixtures state, with the same keys, and
   * clears the journal and every scenario.
   */
  reset: () => Promise<void>
  /**
   * Answers one request directly, without msw (what the handlers call). A
   * network error scenario rejects with a `TypeError`, as `fetch` does.
   */
  fetch: (request: Request) => Promise<Response>
  /** Typed helpers that arrange and read data without HTTP. */
  data: DataHelpers
  /** Every request the mock answered, oldest first. */
  journal: Journal
  /** Per-test answers, delays, network errors, rate limit and billing. */
  scenarios: Scenarios
  /** Copies the data, to `restore()` it later. */
  snapshot: () => Promise<Snapshot>
  /** Puts back a snapshot's data and clears the journal and scenarios. */
  restore: (snapshot: Snapshot) => Promise<void>
}

/**
 * Creates a mock of the Syncano v1.1 users area. Each mock has its own data,
 * journal and scenarios: two mocks in one process share nothing.
 *
 * @example
 * const mock = createSyncanoMock()
 * const server = setupServer(...mock.handlers)
 * beforeEach(() => mock.reset())
 */
export function createSyncanoMock(
  options: SyncanoMockOptions = {},
): SyncanoMock {
  checkOptionNames(options)
  const fixtures = parseFixtures(
    options.fixtures ?? defaultFixtures,
    options.fixtures ? 'fixtures option' : 'fixtures/default.json',
  )
  const dialect = checkDialect(options.dialect ?? fixtures.dialect ?? 'docs')
  const seed = checkSeed(options.seed ?? fixtures.seed ?? DEFAULT_SEED)
  const db = createDatabase()
  const { faker, load, reload } = createFixturesLoader(db, fixtures, seed)

  const state: MockState = {
    db,
    dialect,
    faker,
    now: createClock(checkClock(options.clock)),
    ready: load(),
    exclusive: createMutex(),
    switches: { billing: null, rateLimit: null },
  }
  const journal = new Journal(checkJournalLimit(options.journalLimit))
  const scenarios = new Scenarios(state)
  const base = parseBaseUrl(options.baseUrl)
  const answer = (request: Request) =>
    answerRecorded(state, journal, scenarios, base.toApiRoot(request))
  const forget = () => {
    journal.clear()
    scenarios.clear()
  }

  const handler = http.all(base.pattern, ({ request }) => answer(request))
  const mock: SyncanoMock = {
    handlers: [handler],
    db,
    dialect,
    ready: state.ready,
    reset: () => state.exclusive(reload).then(forget),
    fetch: (request) => answer(request).then(rejectNetworkError),
    data: new DataHelpers(
      state,
      fixtures.instances[0]?.name.toLowerCase() ?? '',
    ),
    journal,
    scenarios,
    snapshot: () => takeSnapshot(state),
    restore: (snapshot) => restoreSnapshot(state, snapshot).then(forget),
  }
  setDirectAnswer(mock, { handler, pattern: base.pattern, answer })
  return mock
}

/**
 * Answers a request as `answerWith` does and notes it in the journal. The
 * note is taken first: a delete or `reset_key` would hide the caller after.
 */
async function answerRecorded(
  state: MockState,
  journal: Journal,
  scenarios: Scenarios,
  request: Request,
): Promise<Response> {
  const received = await receiveRequest(request)
  if (!journal.enabled)
    return (await answerWith(state, scenarios, received)).response

  const note = await describeRequest(state, received)
  const { response, scenario } = await answerWith(state, scenarios, received)
  const answer = { status: response.status, scenario }
  const known = knownText(response)
  if (known !== undefined) {
    journal.record(note, { ...answer, text: known })
    return response
  }
  if (response.type === 'error' || response.body === null) {
    journal.record(note, { ...answer, text: null })
    return response
  }

  // Reading the text and answering a copy is cheaper than `clone()`.
  const text = await response.text()
  journal.record(note, { ...answer, text })
  return new Response(text, response)
}

/**
 * Answers a request with a scenario, the billing and rate limit switches or
 * the handlers, after any delay.
 */
async function answerWith(
  state: MockState,
  scenarios: Scenarios,
  received: ReceivedRequest,
): Promise<{ response: Response; scenario: boolean }> {
  const { request } = received
  const place = placeOf(request.method, received.url.pathname)
  const wait = scenarios.delayFor(place)
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))

  const override = scenarios.take(place)
  if (override) {
    if (override.type !== 'error') applyCors(request, override)
    return { response: withoutHeadBody(request, override), scenario: true }
  }

  const response =
    (await standingAnswer(state, received)) ??
    (await handleRequest(state, received))
  return { response, scenario: false }
}

async function standingAnswer(
  state: MockState,
  received: ReceivedRequest,
): Promise<Response | null> {
  const error = await standingGate(state, received)
  if (!error) return null

  const response = json(error.status, error.body)
  for (const [name, value] of Object.entries(error.headers)) {
    response.headers.set(name, value)
  }
  return withoutHeadBody(
    received.request,
    applyCors(received.request, response),
  )
}

function rejectNetworkError(response: Response): Response {
  if (response.type !== 'error') return response
  throw new TypeError('Failed to fetch')
}

function checkDialect(dialect: string): Dialect {
  if (dialect === 'docs' || dialect === 'server') return dialect

  throw optionError(
    `unknown dialect "${dialect}". Expected "docs" or "server".`,
  )
}

function checkSeed(seed: number): number {
  if (Number.isSafeInteger(seed)) return seed

  throw optionError(`invalid seed "${String(seed)}". Expected an integer.`)
}

const OPTION_NAMES = [
  'fixtures',
  'dialect',
  'seed',
  'baseUrl',
  'clock',
  'journalLimit',
]

/** A misspelt option would otherwise be ignored without a word. */
function checkOptionNames(options: unknown): void {
  const expected = `Expected an object of ${OPTION_NAMES.join(', ')}.`
  if (typeof options !== 'object' || options === null) {
    throw optionError(
      `the options must be an object, got ${String(options)}. ${expected}`,
    )
  }
  const unknown = Object.keys(options).find(
    (name) => !OPTION_NAMES.includes(name),
  )
  if (unknown === undefined) return

  throw optionError(`unknown option "${unknown}". ${expected}`)
}

function checkJournalLimit(limit: number | undefined): number | undefined {
  const valid =
    limit === undefined ||
    limit === Infinity ||
    (Number.isSafeInteger(limit) && limit >= 0)
  if (valid) return limit

  throw optionError(
    `invalid journalLimit "${String(limit)}". ` +
      'Expected an integer from 0, or Infinity.',
  )
}

function checkClock(
  clock: (() => number) | undefined,
): (() => number) | undefined {
  if (clock === undefined || typeof clock === 'function') return clock

  throw optionError(
    `invalid clock "${String(clock)}". ` +
      'Expected a function that returns milliseconds since the epoch.',
  )
}

function optionError(problem: string): SyncanoMockError {
  return new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `Failed to create a mock: ${problem}`,
  )
}
