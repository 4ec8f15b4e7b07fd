import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from '../errors/syncano-mock-error.ts'

/** Where the API is served: Syncano's own origin unless told otherwise. */
export const DEFAULT_BASE_URL = 'https://api.syncano.io'

/** The URLs a mock answers, and how to read a request at the API's root. */
export interface BaseUrl {
  /** Matches the users area's URLs, `/v1/` and `/v1.1/`, below the base. */
  pattern: RegExp
  /** The request as the API sees it, without the base's path prefix. */
  toApiRoot: (request: Request) => Request
}

/**
 * Reads the `baseUrl` option: `'*'` for any origin, or an origin with an
 * optional path prefix (`http://localhost:3000/api`, for an app behind a
 * proxy), which is taken off before the path is matched.
 *
 * @example
 * parseBaseUrl('http://localhost:3000/api').pattern.test(
 *   'http://localhost:3000/api/v1.1/instances/my-instance/users/',
 * ) // true
 */
export function parseBaseUrl(baseUrl: string = DEFAULT_BASE_URL): BaseUrl {
  if (baseUrl === '*') {
    return {
      pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/]+\/v1(\.1)?\//i,
      toApiRoot: (request) => request,
    }
  }

  const url = readUrl(baseUrl)
  const prefix = url.pathname.replace(/\/+$/, '')
  return {
    pattern: new RegExp(`^${escape(url.origin + prefix)}/v1(\\.1)?/`),
    toApiRoot: prefix ? (request) => stripPrefix(request, prefix) : same,
  }
}

function readUrl(baseUrl: string): URL {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : null
  if (url && !url.search && !url.hash && url.origin !== 'null') return url

  throw new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `Failed to create a mock: invalid baseUrl "${baseUrl}". ` +
      'Expected "*" or an origin with an optional path, such as ' +
      '"http://localhost:3000/api".',
  )
}

function stripPrefix(request: Request, prefix: string): Request {
  const url = new URL(request.url)
  if (!url.pathname.startsWith(`${prefix}/`)) return request

  url.pathname = url.pathname.slice(prefix.length)
  return new Request(url, request)
}

function same(request: Request): Request {
  return request
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
