import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import { pythonInt } from '../utils/python-int.ts'

/** What `paginate` reads from the request. */
export interface PageRequest {
  /** The request path, e.g. '/v1.1/instances/my-instance/users/' */
  path: string
  query: URLSearchParams
}

/** The list envelope, keys in the order the server writes them. */
export interface Page<T> {
  next: string | null
  prev: string | null
  objects: T[]
}

/**
 * `PAGE_SIZE` in settings/common.py. For v1 and v1.1 it is also the maximum:
 * apps/core/pagination.py sets `max_page_size = page_size` for those versions.
 */
const PAGE_SIZE = 100

/**
 * `last_pk` goes through `validate_id` (apps/core/validators.py), which uses
 * PostgreSQL's PositiveIntegerField range.
 */
const MAX_PK = 2147483647

/** `default_paginate_query_params`: the only request params links keep. */
const LINK_PARAMS = ['page_size', 'ordering'] as const

/** `direction` and `last_pk`, as the server's `Cursor` namedtuple. */
interface Cursor {
  direction: 0 | 1 | null
  lastPk: number | null
}

/** The request's page parameters once they have passed validation. */
interface PageParams {
  pageSize: number
  ascending: boolean
  cursor: Cursor
}

/** The cut page and what the server knows about its neighbours. */
interface Cut<T> {
  objects: T[]
  hasNext: boolean | null
  hasPrev: boolean | null
}

/** Indices [lo, hi) of `sorted` that make up a page. */
interface Span {
  lo: number
  hi: number
}

/**
 * Cuts one page out of records sorted by ascending id, as the server's
 * StandardPagination does. Throws ApiError 400 on bad page parameters.
 *
 * Links are root-relative, built on `request.path`, and keep only
 * `page_size` and `ordering` of the request's params.
 *
 * @example
 * const page = paginate(users, (user) => user.id, {
 *   path: '/v1.1/instances/my-instance/users/',
 *   query: new URLSearchParams('page_size=2'),
 * })
 * // page.objects holds the users with the two lowest ids and page.next is
 * // '/v1.1/instances/my-instance/users/?page_size=2&direction=1&last_pk=2'
 */
export function paginate<T>(
  sorted: ReadonlyArray<T>,
  idOf: (item: T) => number,
  request: PageRequest,
): Page<T> {
  const params = readParams(request.query)
  const cut = cutPage(sorted, idOf, params)
  const next = nextCursor(cut, idOf, params)
  const prev = prevCursor(cut, idOf, params)
  return {
    next: next && linkTo(request, next),
    prev: prev && linkTo(request, prev),
    objects: cut.objects,
  }
}

/**
 * All three are read before any record is looked at: a bad cursor is a 400
 * even with `page_size=0` (`get_cursor` runs before the size check).
 */
function readParams(query: URLSearchParams): PageParams {
  return {
    pageSize: readPageSize(query),
    ascending: readAscending(query),
    cursor: { direction: readDirection(query), lastPk: readLastPk(query) },
  }
}

/**
 * The value Django's `QueryDict.get` returns, which is also what
 * `get_from_request_query_params` returns (it calls `.get` on the QueryDict):
 * the LAST of repeated values, where `URLSearchParams.get` gives the first.
 */
function lastValue(query: URLSearchParams, name: string): string | null {
  return query.getAll(name).at(-1) ?? null
}

function malformedPage(): ApiError {
  return ApiError.detail(400, messages.incorrectPage)
}

/**
 * `get_page_size` with DRF 3.7.7's `_positive_int(strict=False)`: negative
 * and non-integer values are a 400, 0 is allowed, large values are clamped.
 */
function readPageSize(query: URLSearchParams): number {
  const raw = lastValue(query, 'page_size')
  if (raw === null) return PAGE_SIZE
  const size = pythonInt(raw)
  if (size === null || size < 0) throw malformedPage()
  return Math.min(size, PAGE_SIZE)
}

/**
 * `get_ordering`: 'asc' or 'desc' in any case; anything else falls back to
 * the model's `Meta.ordering`, which is ascending id for users and groups.
 */
function readAscending(query: URLSearchParams): boolean {
  return lastValue(query, 'ordering')?.toLowerCase() !== 'desc'
}

/** `get_cursor_params`: `int(direction)` must be 0 or 1. */
function readDirection(query: URLSearchParams): 0 | 1 | null {
  const raw = lastValue(query, 'direction')
  if (raw === null) return null
  const direction = pythonInt(raw)
  if (direction !== 0 && direction !== 1) throw malformedPage()
  return direction
}

/**
 * `get_cursor_params` → `validate_field`: `AutoField.to_python` (int()) and
 * then `validate_id`. A `last_pk` without `direction` is still validated,
 * though the server then ignores it.
 */
function readLastPk(query: URLSearchParams): number | null {
  const raw = lastValue(query, 'last_pk')
  if (raw === null) return null
  const lastPk = pythonInt(raw)
  if (lastPk === null || lastPk < 0 || lastPk > MAX_PK) throw malformedPage()
  return lastPk
}

/**
 * `get_page` with `_process_paginated_queryset`. The server walks the
 * records upwards or downwards from the cursor, takes `page_size` of them,
 * and reverses a backward page so it reads in the requested order; here the
 * page is cut as a span of `sorted` and read in that order directly.
 */
function cutPage<T>(
  sorted: ReadonlyArray<T>,
  idOf: (item: T) => number,
  { pageSize, ascending, cursor }: PageParams,
): Cut<T> {
  // `if page_size == 0` returns before has_next/has_prev are set.
  if (pageSize === 0) return { objects: [], hasNext: null, hasPrev: null }
  const span = spanOf(sorted, idOf, pageSize, ascending, cursor)
  const objects = pick(sorted, span, ascending)
  const full = objects.length >= pageSize
  // Only a backward move (direction 0) sets has_prev; otherwise has_next.
  if (cursor.direction === 0) {
    return { objects, hasNext: null, hasPrev: full }
  }
  return { objects, hasNext: full, hasPrev: null }
}

/**
 * The ids the server's queryset walks through, as a span of `sorted`.
 * `forward` is flipped for descending ordering, so `direction=1` with
 * `ordering=desc` walks down to ids below `last_pk`, and `direction=0`
 * with `ordering=desc` walks up from it.
 */
function spanOf<T>(
  sorted: ReadonlyArray<T>,
  idOf: (item: T) => number,
  pageSize: number,
  ascending: boolean,
  { direction, lastPk }: Cursor,
): Span {
  const walksUp =
    direction === null ? ascending : (direction === 1) === ascending
  // `last_pk` only filters when a direction is given.
  const bound = direction === null ? null : lastPk
  if (walksUp) {
    // pk__gt=last_pk
    const lo = bound === null ? 0 : partitionPoint(sorted, idOf, bound, true)
    return { lo, hi: Math.min(lo + pageSize, sorted.length) }
  }
  // pk__lt=last_pk
  const hi =
    bound === null ? sorted.length : partitionPoint(sorted, idOf, bound, false)
  return { lo: Math.max(hi - pageSize, 0), hi }
}

/**
 * Binary search for the first index whose id is above `pk` (`skipEqual`) or
 * at least `pk` (not `skipEqual`). Ids ascend, so this is O(log n).
 */
function partitionPoint<T>(
  sorted: ReadonlyArray<T>,
  idOf: (item: T) => number,
  pk: number,
  skipEqual: boolean,
): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const id = idOf(sorted[mid] as T)
    const before = skipEqual ? id <= pk : id < pk
    if (before) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The page in the requested order, touching only its own records. */
function pick<T>(
  sorted: ReadonlyArray<T>,
  { lo, hi }: Span,
  ascending: boolean,
): T[] {
  if (ascending) return sorted.slice(lo, hi)
  const objects: T[] = []
  for (let index = hi - 1; index >= lo; index -= 1) {
    objects.push(sorted[index] as T)
  }
  return objects
}

/**
 * `get_next_cursor`. A full page links onwards from its last record, even
 * when nothing follows. After a backward move that did not fill the page,
 * the server links to the first page: a cursor with neither param.
 */
function nextCursor<T>(
  { objects, hasNext }: Cut<T>,
  idOf: (item: T) => number,
  { pageSize, cursor }: PageParams,
): Cursor | null {
  if (hasNext === false) return null
  const last = objects.at(-1)
  if (last !== undefined && objects.length === pageSize) {
    return { direction: 1, lastPk: idOf(last) }
  }
  if (cursor.direction === 0) return { direction: null, lastPk: null }
  return null
}

/**
 * `get_previous_cursor`. The first page has no prev. An empty forward page
 * links back to the last page (`direction=0` alone); a forward page, or a
 * full backward page, links back from its first record.
 */
function prevCursor<T>(
  { objects, hasPrev }: Cut<T>,
  idOf: (item: T) => number,
  { pageSize, cursor }: PageParams,
): Cursor | null {
  if (cursor.direction === null || hasPrev === false) return null
  const first = objects[0]
  if (first === undefined) {
    return cursor.direction === 1 ? { direction: 0, lastPk: null } : null
  }
  if (objects.length === pageSize || cursor.direction === 1) {
    return { direction: 0, lastPk: idOf(first) }
  }
  return null
}

/**
 * `get_cursor_link`: URLObject's `set_query_param` on the bare path, first
 * for the request's own `page_size` and `ordering` (last value, verbatim,
 * even when ignored or clamped), then for the cursor's non-null fields.
 * With no params at all the link is the bare path.
 */
function linkTo(request: PageRequest, cursor: Cursor): string {
  const pairs: Array<[string, string]> = []
  for (const name of LINK_PARAMS) {
    const value = lastValue(request.query, name)
    if (value !== null) pairs.push([name, value])
  }
  if (cursor.direction !== null) {
    pairs.push(['direction', `${cursor.direction}`])
  }
  if (cursor.lastPk !== null) pairs.push(['last_pk', `${cursor.lastPk}`])
  if (pairs.length === 0) return request.path
  const query = pairs.map(([name, value]) => `${name}=${quotePlus(value)}`)
  return `${request.path}?${query.join('&')}`
}

/**
 * Python 3.7's `urllib.parse.quote_plus`, which URLObject uses: everything
 * but letters, digits and `_.-~` is percent-encoded as UTF-8, and a space
 * becomes '+'. `encodeURIComponent` also spares `!'()*`, so those are
 * escaped here.
 */
function quotePlus(value: string): string {
  return encodeURIComponent(value)
    .replace(
      /[!'()*]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
    )
    .replaceAll('%20', '+')
}
