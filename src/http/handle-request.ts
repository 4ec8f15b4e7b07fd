import { ApiError } from '../errors/api-error.ts'
import { logger } from '../logger.ts'
import type { MockState } from '../mock-state.ts'
import { views } from '../views/views.ts'
import { allowHeader } from './allow-header.ts'
import { applyCors, isPreflight, preflight } from './cors.ts'
import { decodePath } from './decode-path.ts'
import type { RequestBody } from './read-body.ts'
import type { ReceivedRequest } from './receive-request.ts'
import { htmlNotFound, htmlServerError, json } from './responses.ts'
import { matchRoute, type RouteMatch } from './routes.ts'
import { runView } from './run-view.ts'

/** Methods a `text/plain` POST may name in `_method` (`apps/batch/parsers.py`). */
const TUNNELLED_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Answers one request to the users area as the real server would, from the
 * URL match to the rendered error. Every failure becomes the server's own
 * answer; an unexpected one is logged and answered with Django's HTML 500,
 * never thrown at the caller.
 *
 * @example
 * const response = await handleRequest(state, await receiveRequest(request))
 */
export async function handleRequest(
  state: MockState,
  received: ReceivedRequest,
): Promise<Response> {
  const { request } = received
  try {
    const response = applyCors(request, await answer(state, received))
    return withoutHeadBody(request, response)
  } catch (error) {
    logger.error(
      'Failed to answer %s %s: %o',
      request.method,
      request.url,
      error,
    )
    return withoutHeadBody(request, applyCors(request, htmlServerError()))
  }
}

async function answer(
  state: MockState,
  { request, url, body }: ReceivedRequest,
): Promise<Response> {
  // The CORS middleware answers a preflight before Django matches the URL.
  if (isPreflight(request)) return preflight()

  const route = matchRoute(decodePath(url.pathname))
  if (!route) return htmlNotFound(url.pathname)

  await state.ready
  return state.exclusive(() => respond(state, request, url, route, body))
}

async function respond(
  state: MockState,
  request: Request,
  url: URL,
  route: RouteMatch,
  body: RequestBody,
): Promise<Response> {
  const view = views[route.view]
  const allow = { allow: allowHeader(view) }

  try {
    const response = await runView(view, {
      state,
      request,
      url,
      route,
      method: request.method,
      tunnelledMethod: tunnelledMethod(request, body),
      data: () => {
        if (!body.ok) throw body.error
        return body.data
      },
    })
    return withHeaders(response, allow)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error

    // The server's exception handler reads the body before rendering any
    // error, so a malformed body wins over whatever failed first.
    const shown = body.ok ? error : body.error
    return withHeaders(json(shown.status, shown.body), {
      ...allow,
      ...shown.headers,
    })
  }
}

/** The method a `text/plain` POST names in `_method`, if it names one. */
function tunnelledMethod(request: Request, body: RequestBody): string | null {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim()
  if (request.method !== 'POST' || mediaType?.toLowerCase() !== 'text/plain') {
    return null
  }
  if (!body.ok || typeof body.data !== 'object' || body.data === null) {
    return null
  }

  const named = (body.data as Record<string, unknown>)._method
  return typeof named === 'string' && TUNNELLED_METHODS.has(named)
    ? named
    : null
}

/**
 * A HEAD answer keeps its status and headers and sends no body, whatever
 * answered it (a view, an error, a scenario, the billing or rate limit
 * switch): the server's HTTP layer drops the body of every HEAD response.
 * Any other answer, and a network error, is returned as it is.
 *
 * @example
 * return withoutHeadBody(request, applyCors(request, response))
 */
export function withoutHeadBody(
  request: Request,
  response: Response,
): Response {
  if (request.method !== 'HEAD' || response.type === 'error') return response

  return new Response(null, {
    status: response.status,
    headers: response.headers,
  })
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
