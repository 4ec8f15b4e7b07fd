import { HttpResponse } from 'msw'
import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from '../errors/syncano-mock-error.ts'
import { messages } from '../errors/messages.ts'
import { htmlServerError, json } from '../http/responses.ts'
import type { BillingStatus, MockState } from '../mock-state.ts'
import {
  matchesRoute,
  type RoutePlace,
  type RoutePattern,
} from './route-pattern.ts'
import { createRateLimit } from './check-standing.ts'

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
    const answer = replyAnswer(reply, this.state)
    this.#overrides.push({ route, once: options.once ?? false, answer })
  }

  /** Fails requests to a route as a dropped connection does. */
  networkError(route: RoutePattern, options: ScenarioOptions = {}): void {
    this.#overrides.push({
      route,
      once: options.once ?? false,
      answer: () => HttpResponse.error(),
    })
  }

  /** Waits before answering requests to a route, or to every route. */
  delay(milliseconds: number, route: RoutePattern = '*'): void {
    this.#delays.push({ route, milliseconds })
  }

  /**
   * Limits each instance to so many requests a second (429 with
   * `Retry-After: 1` beyond); `null` switches the limit off. The server's
   * own limit is 60 (`BILLING_RATE_LIMITS`).
   */
  rateLimit(perSecond: number | null): void {
    this.state.switches.rateLimit =
      perSecond === null ? null : createRateLimit(perSecond)
  }

  /** Puts the instance owner in a billing state (a 403); `null` clears it. */
  billing(status: BillingStatus | null): void {
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

function replyAnswer(reply: ScenarioReply, state: MockState): () => Response {
  const headers = reply.headers ?? {}
  if (reply.detail !== undefined) {
    return () =>
      withHeaders(json(reply.status, { detail: reply.detail }), headers)
  }
  if (reply.body !== undefined) {
    return () => withHeaders(json(reply.status, reply.body), headers)
  }
  if (reply.status === 204)
    return () => new Response(null, { status: 204, headers })
  if (reply.status === 500) return () => withHeaders(htmlServerError(), headers)

  const detail = defaultDetail(reply.status, state)
  const extra =
    reply.status === 429 ? { 'retry-after': '1', ...headers } : headers
  return () => withHeaders(json(reply.status, { detail }), extra)
}

function defaultDetail(status: number, state: MockState): string {
  if (status === 403) return messages.permissionDenied
  if (status === 404) return messages.notFound(state.dialect)
  if (status === 429) return messages.throttled

  throw new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `Failed to add a scenario: no default body for status "${status}". ` +
      'Pass "detail" or "body".',
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
