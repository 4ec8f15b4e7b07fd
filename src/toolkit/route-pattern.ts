/**
 * A route as a test names it: an optional method, then a path below
 * `instances/<name>/`, where `:name` stands for any one segment and `*` at
 * the end for anything. `'PATCH users/:id/'`, `'users/2/'`, `'GET *'`.
 */
export type RoutePattern = string

const METHOD = /^([a-z]+)\s+/i
const INSTANCE_PATH = /^\/v1(?:\.1)?\/instances\/([^/]+)\/(.*)$/

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
    if (part.startsWith(':') ? segment === '' : part !== segment) return false
  }

  return pattern.length === segments.length
}
