/** The prefix of every message the library writes for a developer. */
export const MESSAGE_PREFIX = '[syncano-mock]'

/** Codes of the errors the library throws at a developer. */
export const SyncanoMockErrorCode = {
  INVALID_FIXTURES: 'INVALID_FIXTURES',
  INVALID_OPTION: 'INVALID_OPTION',
  UNKNOWN_RECORD: 'UNKNOWN_RECORD',
  /** A standalone server's `/__mock/` path and method that name no control. */
  UNKNOWN_ROUTE: 'UNKNOWN_ROUTE',
} as const

export type SyncanoMockErrorCode =
  (typeof SyncanoMockErrorCode)[keyof typeof SyncanoMockErrorCode]

/**
 * An error in how the mock was set up or called (never an API answer: those
 * are responses).
 *
 * @example
 * try {
 *   createSyncanoMock({ dialect: 'django' as never })
 * } catch (error) {
 *   if (error instanceof SyncanoMockError) error.code // 'INVALID_OPTION'
 * }
 */
export class SyncanoMockError extends Error {
  override name = 'SyncanoMockError'
  readonly code: SyncanoMockErrorCode

  constructor(
    code: SyncanoMockErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${MESSAGE_PREFIX} ${message}`, options)
    this.code = code
  }
}
