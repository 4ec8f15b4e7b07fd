import { authenticate } from '../http/authenticate.ts'
import type { ReceivedRequest } from '../http/receive-request.ts'
import type { MockState } from '../mock-state.ts'
import type { JournalEntry, RequestNote } from './journal.ts'
import { placeOf } from './route-pattern.ts'

const MASK = '********'

/**
 * Notes a request for the journal: where it went and whom its keys name,
 * looked up now, as a delete or `reset_key` would hide the user after;
 * then, when the entry is read, the keys as sent and the body with
 * passwords masked. Nothing in the mock changes a received request or its
 * parsed body, so reading them later reads them as they came.
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
  // Read now: whoever made the request may change its headers after.
  const sent = sentKeyHeaders(request.headers)
  await state.ready

  return {
    method: request.method,
    path: url.pathname,
    instance: place.instance,
    route: place.path,
    ...whoIsCalling(state, place.instance, request.headers, url, data),
    details: () => ({
      query: Object.fromEntries(url.searchParams),
      keys: readKeys(sent, url.searchParams, data),
      body: bodyOf(bytes, parsed.ok, data),
    }),
  }
}

function bodyOf(bytes: Uint8Array, parsed: boolean, data: unknown): unknown {
  if (bytes.length === 0) return null
  return parsed ? mask(data) : maskText(new TextDecoder().decode(bytes))
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

/** The headers that may carry a request's keys, as they were sent. */
interface KeyHeaders {
  apiKey: string | null
  userKey: string | null
  authorization: string | null
}

function sentKeyHeaders(headers: Headers): KeyHeaders {
  return {
    apiKey: headers.get('x-api-key'),
    userKey: headers.get('x-user-key'),
    authorization: headers.get('authorization'),
  }
}

function readKeys(
  headers: KeyHeaders,
  query: URLSearchParams,
  data: unknown,
): JournalEntry['keys'] {
  const body = isObject(data) ? data : {}
  const authorization = headers.authorization?.split(' ')
  const fromAuthorization =
    authorization?.length === 2 ? (authorization[1] ?? null) : null

  return {
    apiKey:
      headers.apiKey ||
      query.get('api_key') ||
      query.get('apikey') ||
      fromAuthorization ||
      stringOrNull(body._api_key),
    userKey:
      headers.userKey ||
      query.get('user_key') ||
      query.get('userkey') ||
      stringOrNull(body._user_key),
  }
}

/** How deep the journal copies a body; deeper values become {@link DEEP}. */
const MAX_DEPTH = 64

/** What stands for a value nested deeper than {@link MAX_DEPTH}. */
const DEEP = '[nested too deep]'

/**
 * Replaces every `password` value, at any depth, with a mask, and every
 * field name or string that spells "password" in any way as
 * {@link maskText} does. The copy stops at {@link MAX_DEPTH}, so a body
 * nested thousands deep cannot exhaust the stack.
 *
 * @example
 * mask({ username: 'jane', password: 'secret' })
 * // { username: 'jane', password: '********' }
 */
function mask(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value)
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_DEPTH) return DEEP
  if (Array.isArray(value)) return value.map((item) => mask(item, depth + 1))

  return Object.fromEntries(
    Object.entries(value).map(([name, item]) =>
      name === 'password'
        ? [name, MASK]
        : spellsPassword(name)
          ? [maskText(name), MASK]
          : [name, mask(item, depth + 1)],
    ),
  )
}

/**
 * Where a disguised "password" may begin: the word's start, or an escape
 * (`\u0070`, `%70`, `&#112;`) that could spell one of its letters.
 */
const MAY_BEGIN_PASSWORD = /pass|[\\%]|&#/i

/**
 * Text with everything from the first place a "password" may begin masked,
 * when it spells "password" in any way: in any case, through JSON, percent
 * or HTML escapes, or split by other characters. Text the server could not
 * parse (a truncated JSON body, a body under the wrong media type, JSON
 * sent as a form field name) keeps its password wherever it was written, so
 * the rule keeps nothing after it rather than guess where the value ends.
 * One pass per step keeps it linear in the text's length.
 *
 * @example
 * maskText('username=jane&pass%77ord=hunter2') // 'username=jane&********'
 */
function maskText(text: string): string {
  if (!spellsPassword(text)) return text
  const start = text.search(MAY_BEGIN_PASSWORD)
  // Only letters split by other characters are left; cut at the first `p`.
  const cut = start >= 0 ? start : Math.max(text.search(/p/i), 0)
  return text.slice(0, cut) + MASK
}

/**
 * Whether the text, with escapes decoded (twice, for escapes of escapes)
 * and everything but letters dropped, holds "password" in any case.
 */
function spellsPassword(text: string): boolean {
  // Most field names and values hold neither a `p` nor an escape: they are
  // answered without the decoding passes, which run on every request.
  if (!MAY_SPELL_P.test(text)) return false
  let plain = text
  for (let round = 0; round < 3; round++) plain = decodeEscapes(plain)
  return plain
    .replace(/[^a-z]/gi, '')
    .toLowerCase()
    .includes('password')
}

/** A `p`, or the start of an escape that could spell one. */
const MAY_SPELL_P = /[p\\%&]/i

/** JSON and JavaScript, percent and HTML escapes of one character. */
const ESCAPE = new RegExp(
  [
    String.raw`\\u\{([0-9a-f]{1,6})\}`,
    String.raw`\\u([0-9a-f]{4})`,
    String.raw`\\x([0-9a-f]{2})`,
    '%([0-9a-f]{2})',
    '&#x([0-9a-f]{1,6});?',
    '&#([0-9]{1,7});?',
  ].join('|'),
  'gi',
)

/** Decodes JSON, JavaScript, percent and HTML escapes of characters. */
function decodeEscapes(text: string): string {
  return text.replace(ESCAPE, (escape, ...codes: (string | undefined)[]) => {
    const [brace, unicode, hex, percent, entityHex, entity] = codes
    const code =
      entity !== undefined
        ? Number(entity)
        : parseInt(brace ?? unicode ?? hex ?? percent ?? entityHex ?? '', 16)
    return code <= 0x10ffff ? String.fromCodePoint(code) : escape
  })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}
