import { http, HttpResponse, type JsonBodyType, type RequestHandler } from 'msw'
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
  /**
   * Milliseconds of the process's CPU time per request: the median over
   * rounds of a fixed number of requests. Unlike the latency, it does not
   * count the time the process waited for a core that others held.
   */
  cpu: number
}

/** How long each in-process case runs. */
export interface InProcessOptions {
  /** The size of the large world (100,000 in a full run). */
  largeUsers: number
  /** Milliseconds of measuring per case. */
  time: number
}

const SMALL_USERS = 100
/** Rounds the cases take turns in; see `runCases`. */
const ROUNDS = 5
/** Requests per batch of the CPU time rounds. */
const CPU_BATCH = 100
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
  const server = setupServer()
  server.listen({ onUnhandledRequest: 'error' })

  // Each case runs with only its own handlers, as an app's tests set them
  // up: msw tries handlers in order and reads a request's cookies for each
  // one it tries, so a case behind another's handlers would pay for them.
  let round = 0
  const cases: Array<BenchCase> = [
    ['bare PATCH', bare, () => send(BARE_ORIGIN, documentedPatch(round++))],
    [
      'PATCH small',
      small.handlers,
      () => send(SMALL_ORIGIN, documentedPatch(round++)),
    ],
    [
      'PATCH large',
      large.handlers,
      () => send(LARGE_ORIGIN, documentedPatch(round++)),
    ],
    ['login small', small.handlers, () => send(SMALL_ORIGIN, login())],
    ['login large', large.handlers, () => send(LARGE_ORIGIN, login())],
    ['bare list', bare, () => send(BARE_ORIGIN, userPage())],
    ['list large', large.handlers, () => send(LARGE_ORIGIN, userPage())],
  ]
  // Switched by the request itself rather than by a hook: tinybench calls
  // a task outside its hooks too.
  let current: ReadonlyArray<RequestHandler> = []
  const use = (handlers: ReadonlyArray<RequestHandler>) => {
    if (handlers === current) return
    server.resetHandlers(...handlers)
    current = handlers
  }

  try {
    return await runCases(cases, use, options)
  } finally {
    server.close()
  }
}

/** A case: its name, the handlers it runs with and one request of it. */
type BenchCase = [
  name: string,
  handlers: ReadonlyArray<RequestHandler>,
  run: () => Promise<void>,
]

/**
 * Runs the cases in rounds, each case a slice of the time per round, and
 * pools their samples: on a shared machine a burst of load then falls on
 * every case alike instead of on the one that happened to be running.
 */
async function runCases(
  cases: ReadonlyArray<BenchCase>,
  use: (handlers: ReadonlyArray<RequestHandler>) => void,
  options: InProcessOptions,
): Promise<Map<string, LatencyFigures>> {
  const samples = new Map<string, Array<number>>()

  for (let pass = 0; pass < ROUNDS; pass++) {
    const bench = new Bench({
      time: options.time / ROUNDS,
      warmupTime: pass === 0 ? 200 : 20,
      retainSamples: true,
    })
    for (const [name, handlers, run] of cases) {
      bench.add(name, () => {
        use(handlers)
        return run()
      })
    }
    await bench.run()

    for (const task of bench.tasks) {
      const pooled = samples.get(task.name) ?? []
      pooled.push(...samplesOf(task))
      samples.set(task.name, pooled)
    }
  }

  const cpu = await cpuPerRequest(cases, use, options.time)
  return new Map(
    [...samples].map(([name, pooled]) => [
      name,
      { ...figuresOf(name, pooled), cpu: median(cpu.get(name) ?? []) },
    ]),
  )
}

/**
 * The CPU time each case costs per request, from `process.cpuUsage()`
 * around batches of requests, the cases taking turns batch by batch.
 */
async function cpuPerRequest(
  cases: ReadonlyArray<BenchCase>,
  use: (handlers: ReadonlyArray<RequestHandler>) => void,
  time: number,
): Promise<Map<string, Array<number>>> {
  const perRound = new Map<string, Array<number>>()
  const rounds = Math.max(3, Math.round(time / 200))

  for (let pass = 0; pass < rounds; pass++) {
    for (const [name, handlers, run] of cases) {
      use(handlers)
      const before = process.cpuUsage()
      for (let request = 0; request < CPU_BATCH; request++) await run()
      const used = process.cpuUsage(before)
      const figures = perRound.get(name) ?? []
      figures.push((used.user + used.system) / 1000 / CPU_BATCH)
      perRound.set(name, figures)
    }
  }
  return perRound
}

function median(values: Array<number>): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  )
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

function samplesOf(task: Bench['tasks'][number]): Array<number> {
  const result = task.result
  if (result.state !== 'completed') {
    throw new Error(
      `Benchmark case "${task.name}" did not complete: ${result.state}`,
      { cause: 'error' in result ? result.error : undefined },
    )
  }
  return [...(result.latency.samples ?? [])]
}

function figuresOf(
  name: string,
  pooled: Array<number>,
): Omit<LatencyFigures, 'cpu'> {
  const sorted = pooled.sort((a, b) => a - b)
  return {
    name,
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    samples: sorted.length,
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
