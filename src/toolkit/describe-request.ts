import { authenticate } from '../http/authenticate.ts'
import type { ReceivedRequest } from '../http/receive-request.ts'
import type { MockState } from '../mock-state.ts'
import type { JournalEntry } from './journal.ts'
import { placeOf } from './route-pattern.ts'

/** What the journal notes of a request before it is answered. */
export type RequestNote = Omit<
  JournalEntry,
  'sequence' | 'status' | 'response' | 'scenario'
>

const MASK = '********'

/**
 * Notes a request for the journal: where it went, the keys it carried and
 * whom they name, and its body with passwords masked. The caller looks up
 * the user before the request runs, as a delete or `reset_key` would hide
 * it after.
 *
 * @example
 * const note = await describeRequest(state, await receiveRequest(request))
 * note.user // { id: 1, username: 'jane' }
 */
export async function describeRequest(
  state: MockState,
  { request, url, bytes, body: parsed }: ReceivedRequest,
): Promise<RequestNote> {
  const place = placeOf(request.method, url.pathname)
  const data = parsed.ok ? parsed.data : undefined
  await state.ready

  return {
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    instance: place.instance,
    route: place.path,
    keys: readKeys(request.headers, url.searchParams, data),
    ...whoIsCalling(state, place.instance, request.headers, url, data),
    body:
      bytes.length === 0
        ? null
        : parsed.ok
          ? mask(data)
          : maskText(new TextDecoder().decode(bytes)),
  }
}

function whoIsCalling(
  state: MockState,
  written: string | null,
  headers: Headers,
  url: URL,
  data: unknown,
): Pick<RequestNote, 'user' | 'admin'> {
  const instance = written
    ? state.db.instances.find('byName', written.toLowerCase())
    : undefined
  if (!instance) return { user: null, admin: null }

  try {
    const auth = authenticate(state.db, instance, {
      headers,
      query: url.searchParams,
      data: () => data ?? {},
    })
    const user = auth.user && { id: auth.user.id, username: auth.user.username }
    return { user, admin: auth.admin?.email ?? null }
  } catch {
    // An unknown key is the handlers' 403 to give; the journal names no one.
    return { user: null, admin: null }
  }
}

function readKeys(
  headers: Headers,
  query: URLSearchParams,
  data: unknown,
): RequestNote['keys'] {
  const body = isObject(data) ? data : {}
  const authorization = headers.get('authorization')?.split(' ')
  const fromAuthorization =
    authorization?.length === 2 ? (authorization[1] ?? null) : null

  return {
    apiKey:
      headers.get('x-api-key') ||
      query.get('api_key') ||
      query.get('apikey') ||
      fromAuthorization ||
      stringOrNull(body._api_key),
    userKey:
      headers.get('x-user-key') ||
      query.get('user_key') ||
      query.get('userkey') ||
      stringOrNull(body._user_key),
  }
}

/**
 * Replaces every `password` value, at any depth, with a mask.
 *
 * @example
 * mask({ username: 'jane', password: 'secret' })
 * // { username: 'jane', password: '********' }
 */
function mask(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value)
  if (Array.isArray(value)) return value.map(mask)
  if (!isObject(value)) return value

  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [
      maskText(name),
      name === 'password' ? MASK : mask(item),
    ]),
  )
}

/**
 * Text with whatever follows a `password` name masked: a truncated JSON
 * body, or a body sent under the wrong media type (JSON or multipart parsed
 * as a form becomes odd field names and values), still carries the
 * password as written.
 */
function maskText(text: string): string {
  return text
    .replace(
      /(password"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"?|[^&,}\s]*)/gi,
      `$1${MASK}`,
    )
    .replace(
      /(password"?[^\n]*\n(?:[^\r\n]+\r?\n)*\r?\n)[^\r\n]*/gi,
      `$1${MASK}`,
    )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}
