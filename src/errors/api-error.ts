/**
 * An answer of the mocked API other than success: a status and the
 * Syncano-shaped JSON body. Thrown anywhere in a view, it is turned into the
 * response in one place, so nothing falls through to a generic 500.
 *
 * @example
 * throw ApiError.detail(404, 'Instance was not found.')
 */
export class ApiError extends Error {
  override name = 'ApiError'

  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`API error ${status}`)
  }

  /** An error whose body is `{"detail": message}`, as DRF writes most. */
  static detail(
    status: number,
    message: string,
    headers?: Record<string, string>,
  ): ApiError {
    return new ApiError(status, { detail: message }, headers)
  }

  /** A 400 whose body maps fields to their messages. */
  static fields(errors: Record<string, unknown>): ApiError {
    return new ApiError(400, errors)
  }
}
