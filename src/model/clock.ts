import { logger } from '../logger.ts'

/**
 * Formats microseconds since the epoch as the server does
 * (`DATETIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%fZ'`): UTC, six fraction digits.
 *
 * @example
 * formatTimestamp(1466412207204105) // '2016-06-20T08:43:27.204105Z'
 */
export function formatTimestamp(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000)
  const fraction = String(micros % 1_000_000).padStart(6, '0')

  if (seconds !== lastSecond.seconds) {
    lastSecond.seconds = seconds
    // Cut before `.sssZ`: a year past 9999 is written with six digits.
    lastSecond.text = new Date(seconds * 1000).toISOString().slice(0, -5)
  }
  return `${lastSecond.text}.${fraction}Z`
}

/**
 * The last second `formatTimestamp` wrote out. Timestamps come in runs
 * within one second (seeding gives a thousand users one each), and a
 * `Date` costs more than the rest of the text.
 */
const lastSecond = { seconds: Number.NaN, text: '' }

/** The latest moment a `Date` can hold, in milliseconds since the epoch. */
const LATEST_TIME = 8.64e15

/**
 * A clock in microseconds that never answers the same value twice, so two
 * writes in one millisecond still get distinct, ordered timestamps. A
 * reading of `source` that throws, or is not milliseconds from 0 to
 * 8.64e15, is replaced by `Date.now()` with a warning: a timestamp the
 * server could not have written must not turn a write into a 500.
 *
 * @example
 * const now = createClock()
 * formatTimestamp(now())
 */
export function createClock(source: () => number = Date.now): () => number {
  let last = 0

  return () => {
    const current = readSource(source) * 1000
    last = current > last ? current : last + 1
    return last
  }
}

function readSource(source: () => number): number {
  let reading: unknown
  try {
    reading = source()
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
