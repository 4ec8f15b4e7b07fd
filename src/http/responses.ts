/** The content type of every JSON answer (`apps/core/renderers.py`). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

/**
 * Where an answer `json` made keeps its text, so the journal can note a
 * body without reading the stream and building a second response. A
 * property of the response, not a `WeakMap`: an entry in a weak map costs
 * every request more than the rest of `json` but the stringify.
 */
const TEXT = Symbol('syncano-mock.text')

type TextBearing = Response & { [TEXT]?: string }

/**
 * A JSON answer as the server renders it: compact, non-ASCII characters as
 * they are.
 *
 * @example
 * json(200, { id: 1 })
 */
export function json(status: number, body: unknown): Response {
  const text = JSON.stringify(body)
  const response: TextBearing = new Response(text, {
    status,
    // A `Headers`, not a plain object: msw's interceptors make a second
    // `Headers` of a plain object to note its raw header names.
    headers: new Headers({ 'content-type': JSON_CONTENT_TYPE }),
  })
  response[TEXT] = text
  return response
}

/**
 * The body text of an answer made by `json`, or `undefined` for any other
 * response (its body is then only known by reading it).
 *
 * @example
 * knownText(json(200, { id: 1 })) // '{"id":1}'
 */
export function knownText(response: Response): string | undefined {
  return (response as TextBearing)[TEXT]
}

/** A 204 with no body and no content type, as a DRF delete answers. */
export function noContent(): Response {
  return new Response(null, { status: 204 })
}

/**
 * Django's own 404 page: what a URL that matches no pattern gets, such as a
 * path without its trailing slash. It is HTML, not JSON.
 */
export function htmlNotFound(path: string): Response {
  return new Response(
    `<h1>Not Found</h1><p>The requested URL ${escapeHtml(path)} was not found on this server.</p>`,
    { status: 404, headers: { 'content-type': 'text/html' } },
  )
}

/** Django's own 500 page, the real server's answer to a crash. */
export function htmlServerError(): Response {
  return new Response('<h1>Server Error (500)</h1>', {
    status: 500,
    headers: { 'content-type': 'text/html' },
  })
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
