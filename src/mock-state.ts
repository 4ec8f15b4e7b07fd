import type { Faker } from '@faker-js/faker'
import type { Dialect } from './glossary.ts'
import type { Database } from './model/database.ts'

/**
 * The billing states of the real server (`Profile.BILLING_STATUS` in
 * `apps/billing/models.py`): each blocks the instance owner's API with a 403.
 */
export type BillingStatus =
  | 'no_active_subscription'
  | 'hard_limit_reached'
  | 'free_limits_exceeded'
  | 'overdue_invoices'

/** The server's instance rate limit: so many requests per second. */
export interface RateLimit {
  perSecond: number
  /** The second being counted, in whole seconds since the epoch. */
  second: number
  /** Requests counted in that second, by instance name. */
  counts: Map<string, number>
}

/**
 * What decision D4 leaves off until a test asks: a billing state of the
 * instance owner and a rate limit. Both are `null` when off.
 */
export interface MockSwitches {
  billing: BillingStatus | null
  rateLimit: RateLimit | null
}

/**
 * The live state of one mock, shared by its handlers: nothing in it is
 * shared with any other mock.
 */
export interface MockState {
  db: Database
  dialect: Dialect
  faker: Faker
  /** Microseconds since the epoch, never the same twice. */
  now: () => number
  /** Settles once the fixtures are in the database. */
  ready: Promise<void>
  /**
   * Runs writes one at a time. The real server wraps each request in a
   * database transaction; the mock's handlers await between reading and
   * writing, so without this two requests could interleave.
   */
  exclusive: <T>(task: () => Promise<T>) => Promise<T>
  /** Billing and rate limit switches; both off unless a test turns them on. */
  switches: MockSwitches
}

/**
 * A queue that runs one task at a time, in the order they were given.
 *
 * @example
 * const exclusive = createMutex()
 * await exclusive(async () => write())
 */
export function createMutex(): MockState['exclusive'] {
  let tail: Promise<unknown> = Promise.resolve()

  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}
