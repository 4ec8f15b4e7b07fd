import { createAdaptorServer } from '@hono/node-server'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getResponse } from 'msw'
import type { SyncanoMock } from '../create-syncano-mock.ts'
import { MESSAGE_PREFIX } from '../errors/syncano-mock-error.ts'
import { applyCors, isPreflight, preflight } from '../http/cors.ts'
import { directAnswer } from '../http/direct-answer.ts'
import { answerControlRoute } from './control-routes.ts'
import { htmlNotFound, json } from '../http/responses.ts'

/** The address the standalone server listens on unless told otherwise. */
export const DEFAULT_HOST = '127.0.0.1'

/** The port the standalone server listens on unless told otherwise. */
export const DEFAULT_PORT = 4010

/** The largest request body the standalone server reads: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024

/** How long a client has to send one whole request: 30 seconds. */
export const DEFAULT_REQUEST_TIMEOUT = 30_000

/** Where and how the standalone server listens. */
export interface StandaloneServerOptions {
  mock: SyncanoMock
  /** Defaults to `127.0.0.1`. */
  host?: string
  /** Defaults to 4010; 0 picks a free port. */
  port?: number
  /** The largest request body in bytes; a larger one gets a 413. */
  bodyLimit?: number
  /**
   * Milliseconds a client has to send a whole request (headers within
   * 10 seconds of them); a slower one gets a 408 and is disconnected.
   */
  requestTimeout?: number
}

/** A listening standalone server. */
export interface StandaloneServer {
  /** `http://host:port`, the base URL for clients. */
  url: string
  server: Server
  /** Stops listening and drops open connections. */
  close: () => Promise<void>
}

/**
 * Serves a mock's msw handlers over real HTTP, for any client in any
 * language. `getResponse()` turns each request into the mocked response;
 * anything the handlers do not take gets Django's HTML 404, as an unknown
 * URL does on the real server.
 *
 * Limitation: the real server takes bodies up to 128 MB (nginx's
 * `client_max_body_size`) and answers a larger one with nginx's HTML 413;
 * this server stops at `bodyLimit` (1 MiB unless set) with a JSON 413 that
 * says so, to keep a runaway upload from filling its memory.
 *
 * @example
 * const mock = createSyncanoMock({ baseUrl: '*' })
 * const { url, close } = await startStandaloneServer({ mock, port: 0 })
 */
export async function startStandaloneServer(
  options: StandaloneServerOptions,
): Promise<StandaloneServer> {
  const { mock, host = DEFAULT_HOST, port = DEFAULT_PORT } = options
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const requestTimeout = options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT

  const server = createAdaptorServer({
    fetch: (request: Request) => answer(mock, request, bodyLimit),
    overrideGlobalObjects: false,
    serverOptions: {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 10_000),
      // Node checks the two timeouts on this beat (30 s by default).
      connectionsCheckingInterval: Math.min(requestTimeout, 1_000),
    },
  }) as Server

  await listen(server, host, port)
  const address = server.address() as AddressInfo
  return {
    url: `http://${formatHost(host)}:${address.port}`,
    server,
    close: () => close(server),
  }
}

async function answer(
  mock: SyncanoMock,
  request: Request,
  bodyLimit: number,
): Promise<Response> {
  const limited = await limitBody(request, bodyLimit)
  if (!limited) return applyCors(request, payloadTooLarge(bodyLimit))

  const preflighted = isPreflight(request)
  const control = preflighted ? null : await answerControlRoute(mock, limited)
  if (control) return applyCors(request, control)

  const mocked =
    (await directAnswer(mock, limited)) ??
    (await getResponse(mock.handlers, limited))
  if (mocked) return mocked

  // The server's CORS middleware answers a preflight to any URL before
  // Django matches it; the control routes get the same headers.
  const path = new URL(request.url).pathname
  return applyCors(request, preflighted ? preflight() : htmlNotFound(path))
}

/**
 * The request with a body of at most `limit` bytes, or `undefined` when it
 * is larger. A declared `Content-Length` is judged before a byte is read
 * (Node holds the body to it); a chunked body is read up to the limit.
 */
async function limitBody(
  request: Request,
  limit: number,
): Promise<Request | undefined> {
  const declared = request.headers.get('content-length')
  if (declared !== null) return Number(declared) > limit ? undefined : request
  if (!request.body) return request

  const bytes = await readAtMost(request.body, limit)
  if (!bytes) return undefined

  const headers = new Headers(request.headers)
  headers.delete('transfer-encoding')
  return new Request(request.url, {
    method: request.method,
    headers,
    body: bytes,
  })
}

async function readAtMost(
  body: ReadableStream<Uint8Array<ArrayBuffer>>,
  limit: number,
): Promise<Blob | undefined> {
  const reader = body.getReader()
  const chunks: Array<Uint8Array<ArrayBuffer>> = []
  let size = 0

  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength
    if (size > limit) {
      discardRest(reader)
      return undefined
    }
    chunks.push(read.value)
  }

  return new Blob(chunks)
}

/**
 * Reads and drops what is left of an oversized body for up to a second,
 * in the background. Cancelling the stream at once closes the socket under
 * a client that is still sending, which may then lose the 413 to an EPIPE;
 * this way the answer goes out first, as nginx's lingering close does.
 */
function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const deadline = Date.now() + 1000
  const drop = async () => {
    let read = await reader.read()
    while (!read.done && Date.now() < deadline) read = await reader.read()
    if (!read.done) await reader.cancel()
  }
  drop().catch(() => undefined)
}

function payloadTooLarge(limit: number): Response {
  return json(413, {
    detail:
      `${MESSAGE_PREFIX} Request body is over the standalone server's limit of ` +
      `${limit} bytes. Send a smaller body or raise the limit with --body-limit.`,
  })
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}
