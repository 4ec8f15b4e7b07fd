import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from './errors/syncano-mock-error.ts'
import { logger } from './logger.ts'

/** The latest moment a `Date` can hold, in milliseconds since the epoch. */
const LATEST_TIME = 8.64e15

/**
 * Wraps the `clock` option so that a reading that is not a time never
 * reaches a request: a clock that is not a function throws at creation; a
 * reading that throws, or is not milliseconds from 0 to 8.64e15, is
 * replaced by `Date.now()` with a warning, since a timestamp the server
 * could not have written must not turn a write into a 500.
 *
 * @example
 * const now = guardedClock(options.clock) // () => number, or undefined
 */
export function guardedClock(
  clock: (() => number) | undefined,
): (() => number) | undefined {
  if (clock === undefined) return undefined
  if (typeof clock !== 'function') {
    throw new SyncanoMockError(
      SyncanoMockErrorCode.INVALID_OPTION,
      `Failed to create a mock: invalid clock "${String(clock)}". ` +
        'Expected a function that returns milliseconds since the epoch.',
    )
  }

  return () => readClock(clock)
}

function readClock(clock: () => number): number {
  let reading: unknown
  try {
    reading = clock()
  } catch (error) {
    logger.warn(
      'Failed to read the clock option: %o. Using Date.now() instead.',
      error,
    )
    return Date.now()
  }

  if (typeof reading === 'number' && reading >= 0 && reading <= LATEST_TIME) {
    return reading
  }
  logger.warn(
    'Failed to read the clock option: it read %o, not milliseconds from 0 ' +
      `to ${LATEST_TIME}. Using Date.now() instead.`,
    reading,
  )
  return Date.now()
}
