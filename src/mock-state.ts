import type { Faker } from '@faker-js/faker'
import type { Dialect } from './glossary.ts'
import type { Database } from './model/database.ts'

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
