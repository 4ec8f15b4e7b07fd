import type { Database, UserRecord } from '../../../src/index.ts'
import { decodePath } from '../../../src/http/decode-path.ts'
import type { Answer } from './check-answer.ts'
import type { RequestSpec } from './request-arbitrary.ts'
import { instanceKeys, PASSWORD_MARK, worldKeys } from './world.ts'

/** What a leak check needs to know of the moment before a request. */
export interface LeakContext {
  spec: RequestSpec
  usersBefore: ReadonlyArray<UserRecord>
}

/** Keys that may see every user's `user_key`: the spec allows it. */
const SEE_ALL = [
  worldKeys.owner,
  worldKeys.reader,
  worldKeys.ignoreAcl,
  worldKeys.betaIgnoreAcl,
]

/**
 * How many leaks {@link findLeaks} looks for each time: a password in the
 * answer, the journal or the log, another user's key, another instance.
 */
export const LEAK_CHECKS = 5

const EVEN_KEY = /[0-9a-f]{39}[02468ace]/g

/**
 * Looks for what must never leave the mock: a password in an answer, a
 * journal entry or a log line, and a user key the caller may not see. A
 * request without an account key or an `ignore_acl` key may only see the
 * keys it sent (and their successors after `reset_key`), the keys of users
 * it created, and the key of whoever logs in.
 *
 * @example
 * expect(findLeaks(context, answer, mock.db, journalText, lines)).toEqual([])
 */
export function findLeaks(
  context: LeakContext,
  answer: Answer,
  db: Database,
  journal: string,
  logLines: ReadonlyArray<string>,
): Array<string> {
  const leaks: Array<string> = []
  // A 400 names the field in its errors; no answer shows a value.
  const named = answer.status < 300 && /"password"/.test(answer.text)
  if (answer.text.includes(PASSWORD_MARK) || named) {
    leaks.push(`password in the answer: ${answer.text.slice(0, 200)}`)
  }
  if (journal.includes(PASSWORD_MARK)) {
    leaks.push(`password in the journal: ${journal.slice(0, 400)}`)
  }
  for (const line of logLines) {
    if (line.includes(PASSWORD_MARK)) leaks.push(`password in a log: ${line}`)
  }

  const foreign = foreignKeys(context, answer, db)
  if (foreign.length > 0)
    leaks.push(`user keys of others: ${foreign.join(', ')}`)
  if (crossesInstance(context.spec, answer)) {
    leaks.push(`a ${answer.status} without a key of the instance`)
  }
  return leaks
}

/**
 * Whether a request without any key of its instance got a success: a key
 * of another instance must neither read nor write this one. Preflights and
 * `OPTIONS` answer without keys, as on the server.
 */
function crossesInstance(spec: RequestSpec, answer: Answer): boolean {
  if (answer.status >= 300 || spec.method.toUpperCase() === 'OPTIONS') {
    return false
  }
  const instance = /^\/v1(?:\.1)?\/instances\/([^/]+)\//.exec(
    decodePath(spec.path),
  )?.[1]
  const keys = instanceKeys[instance?.toLowerCase() ?? '']
  if (!keys) return true

  const sent = requestText(spec).toLowerCase()
  return !keys.some((key) => sent.includes(key))
}

function foreignKeys(
  context: LeakContext,
  answer: Answer,
  db: Database,
): Array<string> {
  const sent = requestText(context.spec).toLowerCase()
  if (SEE_ALL.some((key) => sent.includes(key))) return []
  if (/\/user\/auth\//.test(context.spec.path)) return []

  const allowed = allowedKeys(context, sent, db)
  const known = new Set(context.usersBefore.map((user) => user.user_key))
  for (const user of db.users.all()) known.add(user.user_key)

  const shown = answer.text.toLowerCase().match(EVEN_KEY) ?? []
  return shown.filter((key) => known.has(key) && !allowed.has(key))
}

function allowedKeys(
  context: LeakContext,
  sent: string,
  db: Database,
): Set<string> {
  const before = new Map(
    context.usersBefore.map((user) => [`${user.instance} ${user.id}`, user]),
  )
  const allowed = new Set<string>()

  for (const user of db.users.all()) {
    const old = before.get(`${user.instance} ${user.id}`)
    // A new user's key goes to its creator; a reset key to its owner.
    if (!old || sent.includes(old.user_key)) allowed.add(user.user_key)
  }
  for (const user of context.usersBefore) {
    if (sent.includes(user.user_key)) allowed.add(user.user_key)
  }
  return allowed
}

function requestText(spec: RequestSpec): string {
  const body = spec.body ? new TextDecoder().decode(spec.body) : ''
  return [spec.path, ...spec.query.flat(), ...spec.headers.flat(), body].join(
    '\n',
  )
}
