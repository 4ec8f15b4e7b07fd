import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSyncanoMock } from '../src/index.ts'
import { benchFixtures } from './bench-fixtures.ts'
import { documentedPatch, instancePath, userPage } from './requests.ts'
import { startChild, type ChildServer } from './start-child.ts'

/** Throughput and latency of one load run. */
export interface LoadFigures {
  name: string
  /** Requests per second, the mean over the run. */
  throughput: number
  /** Milliseconds. */
  median: number
  /** Milliseconds (autocannon reports the 97.5th percentile). */
  p97_5: number
  non2xx: number
  errors: number
}

/** How long each load run lasts. */
export interface LoadOptions {
  users: number
  /** Seconds per run. */
  duration: number
  connections: number
}

const SERVERS = new URL('./servers/', import.meta.url).pathname
const JSON_SERVER_BIN = new URL(
  '../node_modules/json-server/lib/cli/bin.js',
  import.meta.url,
).pathname

/**
 * Sends the documented PATCH over loopback to the standalone server, to
 * json-server 0.17.4 holding the same users, and to a plain `node:http`
 * server answering the same body statically; each in its own process.
 */
export async function measureHttpLoad(
  options: LoadOptions,
): Promise<Array<LoadFigures>> {
  const { users, body } = await sameRecords(options.users)
  const figures: Array<LoadFigures> = []

  figures.push(
    await withServer(
      startChild(join(SERVERS, 'syncano-server.ts'), [String(options.users)]),
      (url) =>
        load('standalone server', url, instancePath('users/1/'), options),
    ),
  )
  figures.push(
    await withServer(startJsonServer(users), (url) =>
      load('json-server 0.17.4', url, '/users/1', options),
    ),
  )
  figures.push(
    await withServer(
      startChild(join(SERVERS, 'static-server.ts'), [body]),
      (url) => load('node:http static', url, '/', options),
    ),
  )
  return figures
}

async function withServer<T>(
  starting: Promise<ChildServer>,
  run: (url: string) => Promise<T>,
): Promise<T> {
  const server = await starting
  try {
    return await run(server.url)
  } finally {
    server.stop()
  }
}

async function load(
  name: string,
  url: string,
  path: string,
  options: LoadOptions,
): Promise<LoadFigures> {
  const requests = [0, 1].map((round) => {
    const { init } = documentedPatch(round)
    return {
      method: 'PATCH' as const,
      path,
      headers: init.headers as Record<string, string>,
      body: init.body as string,
    }
  })
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    requests,
  })

  return {
    name,
    throughput: result.requests.average,
    median: result.latency.p50,
    p97_5: result.latency.p97_5,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/** The first users of the world as the API shows them, and one of them. */
async function sameRecords(size: number) {
  const mock = createSyncanoMock({ fixtures: benchFixtures(size) })
  const page = userPage()
  const response = await mock.fetch(
    new Request(`https://api.syncano.io${page.path}`, page.init),
  )
  const { objects } = (await response.json()) as { objects: Array<unknown> }
  return { users: objects, body: JSON.stringify(objects[0]) }
}

async function startJsonServer(users: Array<unknown>): Promise<ChildServer> {
  const folder = mkdtempSync(join(tmpdir(), 'syncano-mock-bench-'))
  const database = join(folder, 'db.json')
  writeFileSync(database, JSON.stringify({ users }))

  const port = await freePort()
  const child = spawn(
    process.execPath,
    [JSON_SERVER_BIN, database, '--port', String(port), '--quiet'],
    { stdio: 'ignore' },
  )
  const url = `http://127.0.0.1:${port}`
  await waitUntilServing(`${url}/users/1`)
  return { url, stop: () => child.kill() }
}

async function waitUntilServing(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(url)
      await response.text()
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Server at ${url} did not start`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(),
      )
    })
  })
}
