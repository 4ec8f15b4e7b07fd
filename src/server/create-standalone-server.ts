import { createAdaptorServer } from '@hono/node-server'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getResponse } from 'msw'
import type { SyncanoMock } from '../create-syncano-mock.ts'
import { htmlNotFound } from '../http/responses.ts'
import { answerControlRoute } from './control-routes.ts'

/** Where and how the standalone server listens. */
export interface StandaloneServerOptions {
  mock: SyncanoMock
  /** Defaults to 127.0.0.1. */
  host?: string
  /** Defaults to 4010; 0 picks a free port. */
  port?: number
}

/** A listening standalone server. */
export interface StandaloneServer {
  /** `http://host:port`, the base URL for clients. */
  url: string
  server: Server
  close: () => Promise<void>
}

/**
 * Serves a mock's msw handlers over real HTTP, for any client in any
 * language. `getResponse()` turns each request into the mocked response;
 * anything the handlers do not take gets Django's HTML 404, as an unknown
 * URL does on the real server.
 *
 * @example
 * const mock = createSyncanoMock({ baseUrl: '*' })
 * const { url, close } = await startStandaloneServer({ mock, port: 0 })
 */
export async function startStandaloneServer(
  options: StandaloneServerOptions,
): Promise<StandaloneServer> {
  const { mock, host = '127.0.0.1', port = 4010 } = options
  const server = createAdaptorServer({
    fetch: async (request: Request) =>
      (await answerControlRoute(mock, request)) ??
      (await getResponse(mock.handlers, request)) ??
      htmlNotFound(new URL(request.url).pathname),
    overrideGlobalObjects: false,
  }) as Server

  await listen(server, host, port)
  const address = server.address() as AddressInfo
  return {
    url: `http://${formatHost(host)}:${address.port}`,
    server,
    close: () => close(server),
  }
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
