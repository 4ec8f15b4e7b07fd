import { http, HttpResponse, type JsonBodyType } from 'msw'
import { setupServer } from 'msw/node'
import { Bench } from 'tinybench'
import { createSyncanoMock, type SyncanoMock } from '../src/index.ts'
import { benchFixtures } from './bench-fixtures.ts'
import {
  documentedPatch,
  instancePath,
  login,
  userPage,
  type BenchRequest,
} from './requests.ts'

/** Latency figures of one case, in milliseconds per request. */
export interface LatencyFigures {
  name: string
  median: number
  p95: number
  samples: number
}

/** How long each in-process case runs. */
export interface InProcessOptions {
  /** The size of the large world (100,000 in a full run). */
  largeUsers: number
  /** Milliseconds of measuring per case. */
  time: number
}

const SMALL_USERS = 100
const SMALL_ORIGIN = 'https://small.bench'
const LARGE_ORIGIN = 'https://large.bench'
const BARE_ORIGIN = 'https://bare.bench'

/**
 * Measures the in-process cases through `setupServer` and `fetch`: the
 * documented PATCH, login and a page of 100 users, on a small and a large
 * world, beside bare msw handlers that answer the same bodies statically.
 */
export async function measureInProcess(
  options: InProcessOptions,
): Promise<Map<string, LatencyFigures>> {
  const small = createSyncanoMock({
    fixtures: benchFixtures(SMALL_USERS),
    baseUrl: SMALL_ORIGIN,
  })
  const large = createSyncanoMock({
    fixtures: benchFixtures(options.largeUsers),
    baseUrl: LARGE_ORIGIN,
  })
  await Promise.all([small.ready, large.ready])

  const bare = await bareHandlers(small)
  const server = setupServer(...bare, ...small.handlers, ...large.handlers)
  server.listen({ onUnhandledRequest: 'error' })

  try {
    return await runCases(options)
  } finally {
    server.close()
  }
}

async function runCases(
  options: InProcessOptions,
): Promise<Map<string, LatencyFigures>> {
  const bench = new Bench({
    time: options.time,
    warmupTime: 200,
    retainSamples: true,
  })
  let round = 0

  bench
    .add('bare PATCH', () => send(BARE_ORIGIN, documentedPatch(round++)))
    .add('PATCH small', () => send(SMALL_ORIGIN, documentedPatch(round++)))
    .add('PATCH large', () => send(LARGE_ORIGIN, documentedPatch(round++)))
    .add('login small', () => send(SMALL_ORIGIN, login()))
    .add('login large', () => send(LARGE_ORIGIN, login()))
    .add('bare list', () => send(BARE_ORIGIN, userPage()))
    .add('list large', () => send(LARGE_ORIGIN, userPage()))

  await bench.run()
  return new Map(bench.tasks.map((task) => [task.name, figuresOf(task)]))
}

/**
 * msw handlers that answer the documented PATCH and the page of users with
 * the very bodies the mock gives, without doing any of its work.
 */
async function bareHandlers(mock: SyncanoMock) {
  const user = await bodyOf(mock, documentedPatch(0))
  const page = await bodyOf(mock, userPage())

  return [
    http.patch(`${BARE_ORIGIN}${instancePath('users/1/')}`, () =>
      HttpResponse.json(user),
    ),
    http.get(`${BARE_ORIGIN}${instancePath('users/')}`, () =>
      HttpResponse.json(page),
    ),
  ]
}

async function bodyOf(
  mock: SyncanoMock,
  request: BenchRequest,
): Promise<JsonBodyType> {
  const response = await mock.fetch(
    new Request(`${SMALL_ORIGIN}${request.path}`, request.init),
  )
  if (!response.ok) {
    throw new Error(`Benchmark request failed: ${response.status}`)
  }
  return (await response.json()) as JsonBodyType
}

async function send(origin: string, request: BenchRequest): Promise<void> {
  const response = await fetch(`${origin}${request.path}`, request.init)
  await response.text()
  if (!response.ok)
    throw new Error(`Benchmark request failed: ${response.status}`)
}

function figuresOf(task: Bench['tasks'][number]): LatencyFigures {
  const result = task.result
  if (result.state !== 'completed') {
    throw new Error(
      `Benchmark case "${task.name}" did not complete: ${result.state}`,
      {
        cause: 'error' in result ? result.error : undefined,
      },
    )
  }

  const samples = result.latency.samples ?? []
  return {
    name: task.name,
    median: result.latency.p50,
    p95: percentile(samples, 0.95),
    samples: result.latency.samplesCount,
  }
}

/** The value below which `share` of the sorted samples fall. */
export function percentile(
  sorted: ReadonlyArray<number>,
  share: number,
): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(
    sorted.length - 1,
    Math.ceil(share * sorted.length) - 1,
  )
  return sorted[Math.max(0, index)] as number
}
