import type { HttpHandler } from 'msw'

/** How a mock answers a request without msw, and which URLs it takes. */
interface DirectRoute {
  /** The one handler the mock was made with. */
  handler: HttpHandler
  /** Matches `origin + pathname`, as msw matches the handler's path. */
  pattern: RegExp
  answer: (request: Request) => Promise<Response>
}

const routes = new WeakMap<object, DirectRoute>()

/**
 * Notes how a mock answers without msw, for `directAnswer`.
 *
 * @example
 * setDirectAnswer(mock, { handler, pattern: base.pattern, answer })
 */
export function setDirectAnswer(mock: object, route: DirectRoute): void {
  routes.set(mock, route)
}

/**
 * Answers a request as `getResponse(mock.handlers, request)` would, without
 * msw's per-request work (a request clone and a cookie store read per
 * handler), which costs the standalone server several times the mock's own.
 * `null` when the request is not the mock's to take, or when its handlers
 * were changed; the caller then asks msw.
 *
 * @example
 * const response = directAnswer(mock, request) ?? getResponse(handlers, request)
 */
export function directAnswer(
  mock: { handlers: ReadonlyArray<unknown> },
  request: Request,
): Promise<Response> | null {
  const route = routes.get(mock)
  if (!route || mock.handlers.length !== 1) return null
  if (mock.handlers[0] !== route.handler) return null

  const url = new URL(request.url)
  if (!route.pattern.test(url.origin + url.pathname)) return null
  return route.answer(request)
}
