/**
 * CORS as the server's django-cors-headers 3.2.1 middleware does it with
 * `CORS_ORIGIN_ALLOW_ALL = True` and no credentials (`settings/common.py`;
 * `corsheaders/middleware.py`). The middleware wraps every response, the
 * HTML 404 of an unknown URL included.
 */
const OPTIONS_HEADERS = {
  'access-control-allow-headers':
    'accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with, x-api-key, x-user-key',
  'access-control-allow-methods': 'DELETE, GET, OPTIONS, PATCH, POST, PUT',
  'access-control-max-age': '86400',
}

/** Whether a request is a CORS preflight: OPTIONS naming a method. */
export function isPreflight(request: Request): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.headers.has('access-control-request-method')
  )
}

/** The preflight answer: 200 and empty, before URL matching or any view. */
export function preflight(): Response {
  return new Response(null, {
    status: 200,
    headers: { 'content-length': '0' },
  })
}

/**
 * Adds the CORS headers of the middleware: `Vary: Origin` always; with an
 * `Origin` header, `Access-Control-Allow-Origin: *`, and on an OPTIONS
 * request the allowed headers, methods and max age as well.
 *
 * @example
 * applyCors(request, json(200, body))
 */
export function applyCors(request: Request, response: Response): Response {
  const vary = response.headers.get('vary')
  response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin')
  if (!request.headers.has('origin')) return response

  response.headers.set('access-control-allow-origin', '*')
  if (request.method === 'OPTIONS') {
    for (const [name, value] of Object.entries(OPTIONS_HEADERS)) {
      response.headers.set(name, value)
    }
  }
  return response
}
