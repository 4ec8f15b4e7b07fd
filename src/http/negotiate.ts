import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import type { Dialect } from '../glossary.ts'
import { queryParam } from '../utils/query-param.ts'

/**
 * DRF 3.7.7's `DefaultContentNegotiation.select_renderer` with the JSON
 * renderer alone. A `format` query parameter other than `json` leaves no
 * renderer, which is an Http404; then one media type of `Accept` must
 * match `application/json`. Only a missing header accepts anything.
 *
 * Limitation: an `indent` parameter (`application/json; indent=4`) is
 * accepted but not honoured: the server pretty-prints, the mock answers
 * compact JSON with the same parsed body.
 *
 * @example
 * negotiate(request, url.searchParams, 'server') // throws a 406 or a 404
 */
export function negotiate(
  request: Request,
  query: URLSearchParams,
  dialect: Dialect,
): void {
  const format = queryParam(query, 'format')
  if (format && format !== 'json') {
    throw ApiError.detail(404, messages.notFound(dialect))
  }

  const accept = request.headers.get('accept')
  if (accept === null || accept.split(',').some(matchesJson)) return

  throw ApiError.detail(406, messages.notAcceptable)
}

/**
 * `_MediaType.match`: parameters aside, each half of the type must be `*`
 * or the JSON renderer's own (`application`, `json`), in any case.
 */
function matchesJson(mediaType: string): boolean {
  const type = (mediaType.split(';')[0] ?? '').trim().toLowerCase()
  const slash = type.indexOf('/')
  if (slash === -1) return false

  const main = type.slice(0, slash)
  const sub = type.slice(slash + 1)
  return (
    (main === '*' || main === 'application') && (sub === '*' || sub === 'json')
  )
}
