import Syncano, { type Connection, type QuerySet } from 'syncano'
import { http } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import {
  setupSyncanoServer,
  type NodeSyncanoMockOptions,
  type SyncanoServer,
} from '../../../src/node/index.ts'
import { INSTANCE, ORIGIN } from '../../support/fixture-keys.ts'

/** The keys a client connection sends. */
export interface ConnectionKeys {
  accountKey?: string
  apiKey?: string
  userKey?: string
}

/** One request as the client put it on the wire. */
export interface WireRequest {
  method: string
  url: string
  apiKey: string | null
  userKey: string | null
  /** The JSON body, `undefined` when there is none (msw drops GET bodies). */
  body: unknown
}

/** A mock behind msw's `setupServer`, with the requests it received. */
export interface ClientServer extends SyncanoServer {
  /** Requests since the current test started, in order. */
  requests: Array<WireRequest>
}

/**
 * Starts a mock behind msw's `setupServer` for the file's tests: every test
 * starts from the fixtures and an empty request log, and a request the
 * handlers do not take fails the test rather than leaving the process.
 *
 * @example
 * const { mock, requests } = useClientServer()
 */
export function useClientServer(
  options: NodeSyncanoMockOptions = {},
): ClientServer {
  const { mock, server } = setupSyncanoServer(options)
  const requests: Array<WireRequest> = []

  // A resolver that returns nothing hands the request on to the mock.
  const recorder = http.all('*', async ({ request }) => {
    requests.push(await toWireRequest(request.clone()))
  })

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(async () => {
    await mock.reset()
    requests.length = 0
    server.use(recorder)
  })
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())

  return { mock, server, requests }
}

/**
 * A client connection to the mock's origin. `defaults` is passed on purpose:
 * without it every connection shares one defaults object (a stampit ref).
 *
 * @example
 * const { User } = connect({ apiKey: keys.apiKey, userKey: keys.jane })
 */
export function connect(keys: ConnectionKeys): Connection {
  return Syncano({
    baseUrl: ORIGIN,
    ...keys,
    defaults: { instanceName: INSTANCE },
  })
}

/**
 * Runs a query set to a real promise that also rejects. `await` on a query
 * set alone never settles when the request fails.
 *
 * @example
 * const user = await settle(User.please().get({ instanceName, id: 1 }))
 */
export function settle<T>(querySet: QuerySet<T>): Promise<T> {
  return querySet.then((result) => result)
}

/** What a test reads of a client error. */
export interface ClientError {
  name: string
  status?: number
  message: string
  errors?: unknown
}

/**
 * Waits for a client call to fail and returns its error, or throws when the
 * call succeeds.
 *
 * @example
 * expect(await failureOf(User.please().login(props, creds))).toEqual({...})
 */
export async function failureOf(call: Promise<unknown>): Promise<ClientError> {
  try {
    await call
  } catch (error) {
    const { name, status, message, errors } = error as ClientError
    return status === undefined
      ? { name, message, errors }
      : { name, status, message, errors }
  }
  throw new Error('Expected the client call to fail, but it succeeded.')
}

/**
 * The data of a client model: its own fields without the library's private
 * references and methods.
 *
 * @example
 * expect(attributesOf(user)).toEqual({ instanceName: 'my-instance', id: 1, ... })
 */
export function attributesOf(model: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(model).filter(
      ([name, value]) => !name.startsWith('_') && typeof value !== 'function',
    ),
  )
}

async function toWireRequest(request: Request): Promise<WireRequest> {
  const text = await request.text()
  return {
    method: request.method,
    url: request.url,
    apiKey: request.headers.get('x-api-key'),
    userKey: request.headers.get('x-user-key'),
    body: text === '' ? undefined : JSON.parse(text),
  }
}
