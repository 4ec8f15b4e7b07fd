import { HttpResponse } from 'msw'
import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from '../errors/syncano-mock-error.ts'
import { messages } from '../errors/messages.ts'
import { htmlServerError, json, JSON_CONTENT_TYPE } from '../http/responses.ts'
import type { BillingStatus, MockState } from '../mock-state.ts'
import {
  checkRoutePattern,
  matchesRoute,
  type RoutePlace,
  type RoutePattern,
} from './route-pattern.ts'
import { BILLING_MESSAGES, createRateLimit } from './check-standing.ts'

/**
 * A canned answer. `detail` gives the usual `{"detail": "..."}` body; a
 * `body` is sent as JSON as it is. With neither, 403, 404 and 429 get the
 * server's own body and 500 Django's HTML page.
 */
export interface ScenarioReply {
  status: number
  body?: unknown
  detail?: string
  headers?: Record<string, string>
}

/** How long a scenario lasts: `once`, or (the default) until `reset()`. */
export interface ScenarioOptions {
  once?: boolean
}

interface Override {
  route: RoutePattern
  once: boolean
  answer: () => Response
}

interface Delay {
  route: RoutePattern
  milliseconds: number
}

/**
 * Per-test changes to one mock's answers. Everything not overridden keeps
 * the mock's own behaviour; the newest override of a route wins; `reset()`
 * clears them all.
 *
 * @example
 * mock.scenarios.respond('PATCH users/:id/', { status: 404 }, { once: true })
 * mock.scenarios.networkError('POST user/auth/')
 * mock.scenarios.delay(300)
 * mock.scenarios.rateLimit(60)
 * mock.scenarios.billing('overdue_invoices')
 */
export class Scenarios {
  #overrides: Array<Override> = []
  #delays: Array<Delay> = []

  constructor(private readonly state: MockState) {}

  /** Answers requests to a route with a given status and body. */
  respond(
    route: RoutePattern,
    reply: ScenarioReply,
    options: ScenarioOptions = {},
  ): void {
    checkRoutePattern(route, SCENARIO_FAILED)
    checkReply(reply)
    const once = checkOnce(options)
    const answer = replyAnswer(reply, this.state)
    this.#overrides.push({ route, once, answer })
  }

  /** Fails requests to a route as a dropped connection does. */
  networkError(route: RoutePattern, options: ScenarioOptions = {}): void {
    checkRoutePattern(route, SCENARIO_FAILED)
    const once = checkOnce(options)
    this.#overrides.push({
      route,
      once,
      answer: () => HttpResponse.error(),
    })
  }

  /** Waits before answering requests to a route, or to every route. */
  delay(milliseconds: number, route: RoutePattern = '*'): void {
    checkDelay(milliseconds)
    checkRoutePattern(route, 'Failed to add a delay')
    this.#delays.push({ route, milliseconds })
  }

  /**
   * Limits each instance to so many requests a second (429 with
   * `Retry-After: 1` beyond); `null` switches the limit off. The server's
   * own limit is 60 (`BILLING_RATE_LIMITS`).
   */
  rateLimit(perSecond: number | null): void {
    if (perSecond !== null) checkRateLimit(perSecond)
    this.state.switches.rateLimit =
      perSecond === null ? null : createRateLimit(perSecond)
  }

  /** Puts the instance owner in a billing state (a 403); `null` clears it. */
  billing(status: BillingStatus | null): void {
    if (status !== null) checkBilling(status)
    this.state.switches.billing = status
  }

  /** Removes every override, delay and switch. */
  clear(): void {
    this.#overrides = []
    this.#delays = []
    this.state.switches.billing = null
    this.state.switches.rateLimit = null
  }

  /** The override answer for a request, if a scenario takes it. */
  take(place: RoutePlace): Response | null {
    const index = this.#overrides.findLastIndex((item) =>
      matchesRoute(item.route, place),
    )
    const override = this.#overrides[index]
    if (!override) return null

    if (override.once) this.#overrides.splice(index, 1)
    return override.answer()
  }

  /** How long to wait before answering a request, in milliseconds. */
  delayFor(place: RoutePlace): number {
    const delay = this.#delays.findLast((item) =>
      matchesRoute(item.route, place),
    )
    return delay?.milliseconds ?? 0
  }
}

const SCENARIO_FAILED = 'Failed to add a scenario'

/** The longest wait `setTimeout` keeps; a longer one fires at once. */
const MAX_DELAY = 2 ** 31 - 1

function checkReply(reply: unknown): void {
  if (typeof reply === 'object' && reply !== null && !Array.isArray(reply)) {
    return
  }
  throw scenarioError(
    `the reply must be an object with a "status", got ${shown(reply)}.`,
  )
}

/**
 * The options' `once`. A null options argument is refused like any other
 * non-object, the same as the data helpers refuse a null input.
 */
function checkOnce(options: unknown): boolean {
  if (typeof options === 'object' && options !== null) {
    const { once } = options as ScenarioOptions
    if (once === undefined || typeof once === 'boolean') return once ?? false
  }
  throw scenarioError(
    'the options must be an object such as { once: true }, ' +
      `got ${shown(options)}.`,
  )
}

function shown(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value)
}

function checkDelay(milliseconds: number): void {
  if (
    typeof milliseconds === 'number' &&
    milliseconds >= 0 &&
    milliseconds <= MAX_DELAY
  ) {
    return
  }

  throw new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `Failed to add a delay: "${String(milliseconds)}" is not a number of ` +
      `milliseconds. Expected a number from 0 to ${MAX_DELAY}.`,
  )
}

function checkRateLimit(perSecond: number): void {
  if (Number.isSafeInteger(perSecond) && perSecond > 0) return

  throw new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `Failed to set the rate limit: "${String(perSecond)}" is not a number ` +
      'of requests a second. Expected a positive integer, or null to switch ' +
      'the limit off.',
  )
}

function checkBilling(status: string): void {
  if (Object.hasOwn(BILLING_MESSAGES, status)) return

  const known = Object.keys(BILLING_MESSAGES).map((name) => `"${name}"`)
  throw new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `Failed to set the billing state: unknown state "${status}". ` +
      `Expected ${known.join(', ')} or null.`,
  )
}

/**
 * The Fetch standard's null body statuses: a `Response` with one of them
 * and a body cannot be made, so such a reply is refused when it is added.
 */
const BODILESS_STATUSES = new Set([204, 205, 304])

/**
 * Checks a reply when it is added and serialises its body once, so a bad
 * reply throws at the call instead of failing the request that meets it.
 */
function replyAnswer(reply: ScenarioReply, state: MockState): () => Response {
  const headers = checkHeaders(reply.headers ?? {})
  const status = checkStatus(reply)
  const text = replyText(reply)
  if (text !== null) {
    return () => withHeaders(jsonText(status, text), headers)
  }
  if (BODILESS_STATUSES.has(status)) {
    return () => new Response(null, { status, headers })
  }
  if (status === 500) return () => withHeaders(htmlServerError(), headers)

  const detail = defaultDetail(status, state)
  const extra = status === 429 ? { 'retry-after': '1', ...headers } : headers
  return () => withHeaders(json(status, { detail }), extra)
}

function checkStatus(reply: ScenarioReply): number {
  const { status } = reply
  // `Response` takes 200 to 599; below is informational, above is not HTTP.
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw scenarioError(
      `status "${String(status)}" is not an HTTP status. ` +
        'Expected an integer from 200 to 599.',
    )
  }
  if (
    BODILESS_STATUSES.has(status) &&
    (reply.body !== undefined || reply.detail !== undefined)
  ) {
    throw scenarioError(
      `status "${status}" takes no body. Leave out "body" and "detail".`,
    )
  }
  return status
}

/** The reply's body as JSON text, or `null` when it names none. */
function replyText(reply: ScenarioReply): string | null {
  if (reply.detail !== undefined) {
    if (typeof reply.detail !== 'string') {
      throw scenarioError(
        `detail ${shown(reply.detail)} is not a string. ` +
          'Pass the message as a string, or any JSON as "body".',
      )
    }
    return serialise({ detail: reply.detail })
  }
  if (reply.body !== undefined) return serialise(reply.body)
  return null
}

function serialise(body: unknown): string {
  let text: string | undefined
  try {
    text = JSON.stringify(body)
  } catch (error) {
    throw scenarioError(
      `the body cannot be sent as JSON: "${(error as Error).message}". ` +
        'Pass plain data: objects, arrays, strings, numbers, booleans, null.',
      error,
    )
  }
  if (text === undefined) {
    throw scenarioError(
      `the body cannot be sent as JSON: "${typeof body}". ` +
        'Pass plain data: objects, arrays, strings, numbers, booleans, null.',
    )
  }
  return text
}

function checkHeaders(headers: Record<string, string>): Record<string, string> {
  try {
    new Headers(headers)
  } catch (error) {
    throw scenarioError(
      `the headers cannot be sent: "${(error as Error).message}". ` +
        'Pass header names and values as HTTP allows them.',
      error,
    )
  }
  return headers
}

/** A JSON answer from text serialised once, when the scenario was added. */
function jsonText(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE },
  })
}

function defaultDetail(status: number, state: MockState): string {
  if (status === 403) return messages.permissionDenied
  if (status === 404) return messages.notFound(state.dialect)
  if (status === 429) return messages.throttled

  throw scenarioError(
    `no default body for status "${status}". Pass "detail" or "body".`,
  )
}

function scenarioError(message: string, cause?: unknown): SyncanoMockError {
  return new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `${SCENARIO_FAILED}: ${message}`,
    cause === undefined ? undefined : { cause },
  )
}

function withHeaders(
  response: Response,
  headers: Record<string, string>,
): Response {
  for (const [name, value] of Object.entries(headers)) {
    response.headers.set(name, value)
  }
  return response
}
