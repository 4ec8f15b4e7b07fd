import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import { key, type Database } from '../model/database.ts'
import { hasEvenParity, isHexKey } from '../model/keys.ts'
import { queryParam } from '../utils/query-param.ts'
import type {
  AdminRecord,
  ApiKeyRecord,
  InstanceRecord,
  Role,
  UserRecord,
} from '../model/schemas.ts'

/** Who a request speaks for, once its keys are read. */
export interface Auth {
  /** The admin whose account key was sent. */
  admin: AdminRecord | null
  /** That admin's role on the requested instance. */
  role: Role | null
  /** The instance API key that was sent. */
  apiKey: ApiKeyRecord | null
  /** The user whose user key came with an instance API key. */
  user: UserRecord | null
}

/** Where a request's keys can be read from. */
export interface KeySources {
  headers: Headers
  query: URLSearchParams
  /** The parsed body; throws the body's parse error when it has one. */
  data: () => unknown
}

export const ANONYMOUS: Auth = {
  admin: null,
  role: null,
  apiKey: null,
  user: null,
}

/**
 * Reads the API key and user key of a request the way the server's
 * `ApiKeyAuthentication` does (`apps/core/authentication.py`): the first
 * non-empty source wins, the last hex digit tells an account key (even) from
 * an instance API key (odd), and a user key counts only next to a valid
 * instance API key. An unknown key of either kind is a 403.
 *
 * @example
 * authenticate(db, instance, { headers, query, data: () => ({}) })
 */
export function authenticate(
  db: Database,
  instance: InstanceRecord,
  sources: KeySources,
): Auth {
  const apiKey = readApiKey(sources)
  if (!apiKey) return ANONYMOUS

  if (isHexKey(apiKey) && hasEvenParity(apiKey)) {
    return authenticateAdmin(db, instance, apiKey.toLowerCase())
  }

  const record = db.apiKeys.find(
    'byKey',
    key(instance.name, apiKey.toLowerCase()),
  )
  if (!record) throw ApiError.detail(403, messages.noSuchApiKey)

  return { ...ANONYMOUS, apiKey: record, user: findUser(db, instance, sources) }
}

function authenticateAdmin(
  db: Database,
  instance: InstanceRecord,
  accountKey: string,
): Auth {
  const admin = db.admins.find('byKey', accountKey)
  if (!admin) throw ApiError.detail(403, messages.noSuchApiKey)

  const role = instance.owner === admin.email ? 'owner' : admin.role
  return { ...ANONYMOUS, admin, role }
}

function findUser(
  db: Database,
  instance: InstanceRecord,
  sources: KeySources,
): UserRecord | null {
  const userKey = readUserKey(sources)
  if (!userKey) return null

  // An unknown or stale user key is ignored, not refused: the permission
  // checks decide what the request may do without a user.
  return (
    db.users.find('byKey', key(instance.name, userKey.toLowerCase())) ?? null
  )
}

function readApiKey({ headers, query, data }: KeySources): string | null {
  const direct =
    headers.get('x-api-key') ||
    queryParam(query, 'api_key') ||
    queryParam(query, 'apikey')
  if (direct) return direct

  const authorization = headers.get('authorization')
  if (authorization) {
    // `split(' ', 2)` unpacked into two names: any other count of parts
    // raises ValueError and the header is ignored.
    const parts = authorization.split(' ')
    return parts.length === 2
      ? (parts[1] ?? null)
      : readBodyKey(data, '_api_key')
  }

  return readBodyKey(data, '_api_key')
}

function readUserKey({ headers, query, data }: KeySources): string | null {
  const direct =
    headers.get('x-user-key') ||
    queryParam(query, 'user_key') ||
    queryParam(query, 'userkey')
  return direct || readBodyKey(data, '_user_key')
}

/**
 * A key sent in the body, to spare the browser a CORS preflight. A value
 * that is not a string crashes the real server's key check; the mock reads
 * it as its text, which no stored key matches.
 */
function readBodyKey(data: () => unknown, name: string): string | null {
  const body = data()
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return null
  }

  const value = (body as Record<string, unknown>)[name]
  if (value === undefined || value === null || value === '') return null
  return typeof value === 'string' ? value : JSON.stringify(value)
}
