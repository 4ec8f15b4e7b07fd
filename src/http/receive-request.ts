import { readBody, type RequestBody } from './read-body.ts'

/** A request with its URL parsed and its body read and parsed, once. */
export interface ReceivedRequest {
  request: Request
  url: URL
  /** The body as sent; empty when there is none. */
  bytes: Uint8Array
  /** The body as the server's parsers read it, or the error they raise. */
  body: RequestBody
}

/** Methods whose requests `fetch` refuses to give a body. */
const BODILESS = new Set(['GET', 'HEAD'])

/**
 * Reads a request once for every step that looks at it: the journal, the
 * billing and rate limit gate and the handlers. Reading it once spares a
 * `clone()` per step, whose stream tee costs more than the mock's own work.
 *
 * @example
 * const received = await receiveRequest(request)
 * received.body // { ok: true, data: { username: 'jane' }, form: false }
 */
export async function receiveRequest(
  request: Request,
): Promise<ReceivedRequest> {
  // Not `request.body`: the standalone server's requests make a stream for
  // it, where `arrayBuffer()` reads the socket directly.
  const bytes = BODILESS.has(request.method)
    ? new Uint8Array()
    : new Uint8Array(await request.arrayBuffer())
  const body = await readBody(bytes, request.headers.get('content-type'))
  return { request, url: new URL(request.url), bytes, body }
}
