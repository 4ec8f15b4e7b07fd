import type { TestProject } from 'vitest/node'
import { createSyncanoMock } from '../../../src/index.ts'
import { startStandaloneServer } from '../../../src/server/create-standalone-server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the standalone server under test. */
    standaloneServerUrl: string
  }
}

/**
 * Starts the standalone server in Node on a free port of the loopback, as
 * `syncano-mock serve` does, for the browser tests to call from their own
 * origin (vitest's page, on another port).
 */
export default async function setup(project: TestProject) {
  const mock = createSyncanoMock({ baseUrl: '*' })
  const server = await startStandaloneServer({ mock, port: 0 })
  project.provide('standaloneServerUrl', server.url)
  return () => server.close()
}
