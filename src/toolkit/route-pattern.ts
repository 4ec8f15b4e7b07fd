import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from '../errors/syncano-mock-error.ts'
import { ROUTE_PATTERNS } from '../http/routes.ts'

/**
 * A route as a test names it: an optional method, then a path below
 * `instances/<name>/`, where `:name` stands for any one segment and `*` at
 * the end for anything. `'PATCH users/:id/'`, `'users/2/'`, `'GET *'`.
 */
export type RoutePattern = string

const METHOD = /^([a-z]+)\s+/i
const INSTANCE_PATH = /^\/v1(?:\.1)?\/instances\/([^/]+)\/(.*)$/

/** The methods a request may use: any other name is not a method. */
const METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
])

/** A URL path segment: a query, a fragment or a space cannot be part of one. */
const SEGMENT = /^[^\s?#]*$/

/** DRF's default lookup, the detail id of a users-area URL. */
const DETAIL_ID = /^[^/.]+$/

/**
 * The users area's routes below `instances/<name>/`, as patterns write
 * them: `users/:id/`. Read from the URL table the handlers route by, so a
 * route added there is one a pattern can name.
 */
export const USERS_AREA_ROUTES: ReadonlyArray<string> = ROUTE_PATTERNS.map(
  ([pattern]) => `${pattern}/`,
)

const ROUTE_PARTS = USERS_AREA_ROUTES.map((route) => route.split('/'))

/** Where a request went: its instance and the path below it. */
export interface RoutePlace {
  method: string
  /** The instance name as written in the URL, or `null` outside one. */
  instance: string | null
  /** The path below `instances/<name>/`, or `null` outside an instance. */
  path: string | null
}

/**
 * Tells which instance and path a URL path names.
 *
 * @example
 * placeOf('PATCH', '/v1.1/instances/my-instance/users/1/')
 * // { method: 'PATCH', instance: 'my-instance', path: 'users/1/' }
 */
export function placeOf(method: string, pathname: string): RoutePlace {
  const match = INSTANCE_PATH.exec(pathname)
  if (!match) return { method, instance: null, path: null }

  return { method, instance: match[1] ?? null, path: match[2] ?? '' }
}

/**
 * Whether a request's place matches a route pattern. A pattern without a
 * method matches every method.
 *
 * @example
 * matchesRoute('PATCH users/:id/', placeOf('PATCH', url.pathname)) // true
 */
export function matchesRoute(
  pattern: RoutePattern,
  place: RoutePlace,
): boolean {
  const written = pattern.trim()
  const method = METHOD.exec(written)
  if (method && method[1]?.toUpperCase() !== place.method.toUpperCase()) {
    return false
  }

  const path = (method ? written.slice(method[0].length) : written).replace(
    /^\/+/,
    '',
  )
  if (path === '*') return true
  if (place.path === null) return false
  return matchesSegments(path.split('/'), place.path.split('/'))
}

function matchesSegments(
  pattern: ReadonlyArray<string>,
  segments: ReadonlyArray<string>,
): boolean {
  for (const [index, part] of pattern.entries()) {
    if (part === '*' && index === pattern.length - 1) return true

    const segment = segments[index]
    if (segment === undefined) return false
    if (isParam(part) ? segment === '' : part !== segment) return false
  }

  return pattern.length === segments.length
}

/**
 * Throws unless a route pattern can match a route of the users area, so a
 * mistyped pattern fails where it is written instead of never matching.
 *
 * @example
 * checkRoutePattern('PATCH users/:id/', 'Failed to add a scenario') // passes
 * checkRoutePattern('users', 'Failed to add a scenario') // throws
 */
export function checkRoutePattern(pattern: RoutePattern, action: string): void {
  if (typeof pattern === 'string' && canMatch(pattern)) return

  throw new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `${action}: route "${String(pattern)}" matches no route of the users ` +
      'area. Write an optional method, then a path below instances/<name>/ ' +
      'that ends in "/" (":name" for any one segment) or in "*", such as ' +
      '"PATCH users/:id/", "users/2/" or "GET *".',
  )
}

function canMatch(pattern: RoutePattern): boolean {
  const written = pattern.trim()
  const method = METHOD.exec(written)
  if (method && !METHODS.has(method[1]?.toUpperCase() ?? '')) return false

  const path = (method ? written.slice(method[0].length) : written).replace(
    /^\/+/,
    '',
  )
  if (path === '*') return true

  const parts = path.split('/')
  if (!parts.every((part, index) => wellFormed(part, index, parts.length))) {
    return false
  }
  return ROUTE_PARTS.some((route) => overlaps(parts, route))
}

/** `*` only at the end, no empty segment but the last, no `:` alone. */
function wellFormed(part: string, index: number, count: number): boolean {
  const last = index === count - 1
  if (!SEGMENT.test(part) || part === ':') return false
  if (part === '*' || part === '') return last
  return !part.includes('*')
}

/** Whether some path matches both a pattern's parts and a route's. */
function overlaps(
  pattern: ReadonlyArray<string>,
  route: ReadonlyArray<string>,
): boolean {
  for (const [index, part] of pattern.entries()) {
    const segment = route[index]
    if (segment === undefined) return false
    if (part === '*') return true
    if (!segmentsOverlap(part, segment)) return false
  }

  return pattern.length === route.length
}

function segmentsOverlap(part: string, segment: string): boolean {
  if (isParam(part)) return segment !== ''
  if (segment.startsWith(':')) return DETAIL_ID.test(part)
  if (segment.startsWith('*')) return part !== ''
  return part === segment
}

/** `:name` stands for one segment; a bare `:` is only the character. */
function isParam(part: string): boolean {
  return part.length > 1 && part.startsWith(':')
}
