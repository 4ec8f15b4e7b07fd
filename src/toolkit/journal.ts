import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from '../errors/syncano-mock-error.ts'
import {
  checkRoutePattern,
  matchesRoute,
  placeOf,
  type RoutePattern,
} from './route-pattern.ts'

/** How many entries a journal keeps unless told otherwise. */
export const DEFAULT_JOURNAL_LIMIT = 1000

/** The user whose user key came with a request's instance API key. */
export interface JournalUser {
  id: number
  username: string
}

/** One request the mock answered, and its answer. */
export interface JournalEntry {
  /** Position in the journal, from 1. */
  sequence: number
  method: string
  /** The URL path as sent, e.g. `/v1.1/instances/my-instance/users/1/`. */
  path: string
  /** Query parameters; a repeated one keeps its last value, as Django reads it. */
  query: Record<string, string>
  /** The instance named in the URL, or `null` outside one. */
  instance: string | null
  /** The path below `instances/<name>/`, e.g. `users/1/`. */
  route: string | null
  /** The keys as sent, from a header, the query or the body. */
  keys: { apiKey: string | null; userKey: string | null }
  /** The user the user key belongs to, when it came with a valid API key. */
  user: JournalUser | null
  /** The email of the admin whose account key was sent. */
  admin: string | null
  /**
   * The body, `null` without one: the parsed body with every `password`
   * value masked, or the raw text when it did not parse. Any text (a field
   * name, a string value, the raw body) that spells "password" in any way,
   * through any case, escapes or characters between its letters, keeps
   * only what comes before the first place such a spelling may begin (the
   * word `pass`, `\`, `%` or `&#`), then `********`; a field so named has
   * its value masked too. Values nested deeper than 64 levels read
   * `'[nested too deep]'`.
   */
  body: unknown
  status: number
  /** The answer's body: parsed JSON, text, or `null` when empty. */
  response: unknown
  /** Whether a scenario answered instead of the mock's own handlers. */
  scenario: boolean
}

/**
 * What the journal notes of a request before it is answered. `details`
 * works out the rest from the request as it was received.
 */
export type RequestNote = Pick<
  JournalEntry,
  'method' | 'path' | 'instance' | 'route' | 'user' | 'admin'
> & {
  details: () => Pick<JournalEntry, 'query' | 'keys' | 'body'>
}

/** How a request was answered, for the journal. */
export interface RecordedAnswer {
  status: number
  scenario: boolean
  /** The answer's body text, or `null` without one. */
  text: string | null
}

/** What a journal query selects; every given field must match. */
export interface JournalFilter {
  /** A route pattern such as `'PATCH users/:id/'`. */
  route?: RoutePattern
  method?: string
  /** A user's id or username (of the user key sent). */
  user?: number | string
  status?: number
}

/**
 * The requests one mock answered, oldest first. Cleared by `reset()`.
 *
 * @example
 * const patches = mock.journal.filter({ route: 'PATCH users/:id/' })
 * expect(patches).toHaveLength(1)
 * expect(patches[0]?.body).toEqual({ username: 'janet' })
 */
export class Journal {
  #entries: Array<JournalEntry> = []
  #recorded = 0

  /** Keeps the newest `limit` entries; `0` records nothing. */
  constructor(readonly limit: number = DEFAULT_JOURNAL_LIMIT) {}

  /** Whether requests are recorded at all. */
  get enabled(): boolean {
    return this.limit > 0
  }

  /** Every entry, oldest first. */
  get entries(): ReadonlyArray<JournalEntry> {
    return this.#entries
  }

  /**
   * The entries that match every field of the filter. Throws given an
   * unknown field, a value of the wrong type or a route pattern that can
   * match no route, as a mistyped one would find nothing.
   */
  filter(filter: JournalFilter = {}): Array<JournalEntry> {
    checkFilter(filter)
    return this.#entries.filter((entry) => matchesFilter(entry, filter))
  }

  /** The newest entry that matches, if any. */
  last(filter: JournalFilter = {}): JournalEntry | undefined {
    return this.filter(filter).at(-1)
  }

  /**
   * Adds an answered request, numbering it, and drops the oldest beyond the
   * limit. What the note leaves to be read later (query, keys, body) and the
   * answer's text are worked out only when the entry is read: most entries
   * of a test run are never read, and every request would pay for them.
   */
  record(note: RequestNote, answer: RecordedAnswer): void {
    this.#recorded += 1
    if (!this.enabled) return

    const details = once(note.details)
    const response = once(() => parseAnswer(answer.text))
    const entry: JournalEntry = {
      sequence: this.#recorded,
      method: note.method,
      path: note.path,
      get query() {
        return details().query
      },
      set query(value) {
        settle(this, 'query', value)
      },
      instance: note.instance,
      route: note.route,
      get keys() {
        return details().keys
      },
      set keys(value) {
        settle(this, 'keys', value)
      },
      user: note.user,
      admin: note.admin,
      get body() {
        return details().body
      },
      set body(value) {
        settle(this, 'body', value)
      },
      status: answer.status,
      scenario: answer.scenario,
      get response() {
        return response()
      },
      set response(value) {
        settle(this, 'response', value)
      },
    }
    this.#entries.push(entry)
    if (this.#entries.length > this.limit) this.#entries.shift()
  }

  /** Forgets every entry and numbers from 1 again. */
  clear(): void {
    this.#entries = []
    this.#recorded = 0
  }
}

const FILTER_FAILED = 'Failed to filter the journal'
const FILTER_FIELDS = ['route', 'method', 'user', 'status']

function checkFilter(filter: unknown): asserts filter is JournalFilter {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw filterError(
      'the filter must be an object such as { method: "PATCH" }, ' +
        `got ${JSON.stringify(filter)}.`,
    )
  }
  const unknown = Object.keys(filter).find(
    (field) => !FILTER_FIELDS.includes(field),
  )
  if (unknown !== undefined) {
    throw filterError(
      `unknown field "${unknown}". Expected route, method, user or status.`,
    )
  }

  const { route, method, user, status } = filter as Record<string, unknown>
  if (route !== undefined) {
    checkRoutePattern(route as RoutePattern, FILTER_FAILED)
  }
  if (method !== undefined && (typeof method !== 'string' || method === '')) {
    throw filterError(
      `method "${String(method)}" is not a method name. ` +
        'Expected a string such as "PATCH".',
    )
  }
  if (
    user !== undefined &&
    typeof user !== 'string' &&
    !(Number.isSafeInteger(user) && (user as number) > 0)
  ) {
    throw filterError(
      `user "${String(user)}" is not a user. ` +
        'Expected a user id (a positive integer) or a username.',
    )
  }
  if (
    status !== undefined &&
    !(
      Number.isInteger(status) &&
      (status as number) >= 100 &&
      (status as number) <= 599
    )
  ) {
    throw filterError(
      `status "${String(status)}" is not an HTTP status. ` +
        'Expected an integer from 100 to 599.',
    )
  }
}

function filterError(message: string): SyncanoMockError {
  return new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `${FILTER_FAILED}: ${message}`,
  )
}

function matchesFilter(entry: JournalEntry, filter: JournalFilter): boolean {
  // A request keeps a method outside Fetch's standard six as it was sent.
  if (
    filter.method !== undefined &&
    entry.method.toUpperCase() !== filter.method.toUpperCase()
  )
    return false
  if (filter.status !== undefined && entry.status !== filter.status)
    return false
  if (filter.user !== undefined && !isUser(entry.user, filter.user))
    return false
  if (filter.route === undefined) return true

  return matchesRoute(filter.route, placeOf(entry.method, entry.path))
}

function isUser(user: JournalUser | null, wanted: number | string): boolean {
  if (!user) return false
  return typeof wanted === 'number'
    ? user.id === wanted
    : user.username === wanted.toLowerCase()
}

/**
 * Makes a field that an entry works out when read a plain one holding
 * `value`, so a test may still assign to any field of an entry.
 */
function settle(entry: object, name: string, value: unknown): void {
  Object.defineProperty(entry, name, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  })
}

/** A function that runs once and answers the same value after. */
function once<T>(compute: () => T): () => T {
  let done: { value: T } | undefined
  return () => (done ??= { value: compute() }).value
}

function parseAnswer(text: string | null): unknown {
  if (text === null || text === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
