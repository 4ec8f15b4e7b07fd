import type { SyncanoMock } from '../../src/index.ts'
import { INSTANCE, ORIGIN } from './fixture-keys.ts'

/** How a test request is made. */
export interface CallOptions {
  /** Sent as `X-API-KEY`. */
  apiKey?: string
  /** Sent as `X-USER-KEY`. */
  userKey?: string
  /** Serialized as JSON unless it is already a string, `FormData` or bytes. */
  body?: unknown
  headers?: Record<string, string>
  /** `v1.1` unless given. */
  version?: 'v1' | 'v1.1'
  instance?: string
}

/** What a test reads of a response. */
export interface CallResult {
  status: number
  headers: Headers
  /** Parsed JSON, the raw text when it is not JSON, `null` when empty. */
  body: unknown
}

/**
 * Sends one request to a mock below `/<version>/instances/<instance>/` and
 * reads the answer.
 *
 * @example
 * const { status, body } = await call(mock, 'PATCH', 'users/1/', {
 *   apiKey: keys.account,
 *   body: { username: 'janet' },
 * })
 */
export async function call(
  mock: SyncanoMock,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const version = options.version ?? 'v1.1'
  const instance = options.instance ?? INSTANCE
  const url = `${ORIGIN}/${version}/instances/${instance}/${path}`
  const response = await mock.fetch(
    new Request(url, {
      method,
      headers: headersOf(options),
      body: bodyOf(options.body),
    }),
  )
  return {
    status: response.status,
    headers: response.headers,
    body: await read(response),
  }
}

function headersOf(options: CallOptions): Headers {
  const headers = new Headers(options.headers)
  if (options.apiKey) headers.set('X-API-KEY', options.apiKey)
  if (options.userKey) headers.set('X-USER-KEY', options.userKey)
  if (isJson(options.body) && !headers.has('content-type')) {
    headers.set('content-type', 'application/json')
  }
  return headers
}

function isJson(body: unknown): boolean {
  return (
    body !== undefined &&
    typeof body !== 'string' &&
    !(body instanceof FormData) &&
    !(body instanceof Uint8Array)
  )
}

function bodyOf(body: unknown): BodyInit | undefined {
  if (body === undefined) return undefined
  if (!isJson(body)) return body as BodyInit
  return JSON.stringify(body)
}

async function read(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
