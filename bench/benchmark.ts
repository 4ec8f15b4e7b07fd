import { measureHttpLoad, type LoadFigures } from './http-load.ts'
import { measureInProcess, type LatencyFigures } from './in-process.ts'
import { ms, type Row } from './report.ts'
import { measureReset, measureStartup } from './startup.ts'

/** The sizes and timings of one benchmark run. */
export interface BenchmarkSettings {
  /** The large world: 100,000 users in a full run. */
  largeUsers: number
  /** Milliseconds of measuring per in-process case. */
  time: number
  /** Seconds of load per HTTP server. */
  loadSeconds: number
  connections: number
  resetUsers: number
}

/** A full run: the figures `BENCHMARKS.md` keeps. */
export const FULL_RUN: BenchmarkSettings = {
  largeUsers: 100_000,
  time: 2_000,
  loadSeconds: 10,
  connections: 10,
  resetUsers: 1_000,
}

/** A smoke run: small worlds and short timings, every row still made. */
export const QUICK_RUN: BenchmarkSettings = {
  largeUsers: 2_000,
  time: 100,
  loadSeconds: 1,
  connections: 10,
  resetUsers: 1_000,
}

/** Runs every case of the benchmark and answers the table's rows. */
export async function runBenchmark(
  settings: BenchmarkSettings,
): Promise<Array<Row>> {
  // First, while nothing else of the run holds memory or a core: a mock of
  // 100,000 users left for the collector by the cases below would be
  // collected while the child seeds.
  const startup = await measureStartup(settings.largeUsers)
  const inProcess = await measureInProcess({
    largeUsers: settings.largeUsers,
    time: settings.time,
  })
  const load = await measureHttpLoad({
    users: 100,
    duration: settings.loadSeconds,
    connections: settings.connections,
  })
  const reset = await measureReset(settings.resetUsers, settings.time)

  const large = settings.largeUsers.toLocaleString('en')
  const latency = latencyRow(inProcess)
  const throughput = throughputRow(load, settings.connections)
  return [
    latency(
      'documented PATCH in-process, 100 users',
      'PATCH small',
      'bare PATCH',
      1.3,
    ),
    latency(`same at ${large} users`, 'PATCH large', 'PATCH small', 1.2),
    latency(
      `login by username at ${large} users`,
      'login large',
      'login small',
      1.2,
    ),
    latency(
      `list page of 100 users at ${large} users`,
      'list large',
      'bare list',
      1.5,
    ),
    throughput('json-server 0.17.4', 1.0),
    throughput('node:http static', 0.6),
    {
      case: `\`createSyncanoMock\` generating ${large} users`,
      figure: `${(startup.milliseconds / 1000).toFixed(2)} s, heap ${(startup.heapBytes / 2 ** 20).toFixed(0)} MB`,
      baseline: '-',
      ratio: '-',
      target: '<= 3 s, heap <= 250 MB',
      met: startup.milliseconds <= 3_000 && startup.heapBytes <= 250 * 2 ** 20,
    },
    {
      case: `\`reset()\` with ${settings.resetUsers.toLocaleString('en')} users`,
      figure: `median ${ms(reset.median)}, p95 ${ms(reset.p95)}`,
      baseline: '-',
      ratio: '-',
      target: '<= 20 ms',
      met: reset.median <= 20,
    },
  ]
}

/**
 * A latency row. The verdict uses the ratio of CPU time per request: on a
 * shared machine the wall-clock medians of two identical cases differ by
 * half when another process takes a core; the wall-clock ratio is shown
 * beside it.
 */
function latencyRow(figures: Map<string, LatencyFigures>) {
  return (name: string, ours: string, base: string, target: number): Row => {
    const figure = find(figures, ours)
    const baseline = find(figures, base)
    const ratio = figure.cpu / baseline.cpu
    const wall = figure.median / baseline.median
    return {
      case: name,
      figure: describeLatency(figure),
      baseline: `${base}: ${describeLatency(baseline)}`,
      ratio: `${ratio.toFixed(2)}x CPU (wall ${wall.toFixed(2)}x)`,
      target: `<= ${target}x`,
      met: ratio <= target,
    }
  }
}

function describeLatency(figures: LatencyFigures): string {
  return (
    `median ${ms(figures.median)}, p95 ${ms(figures.p95)}, ` +
    `CPU ${ms(figures.cpu)}`
  )
}

function throughputRow(load: Array<LoadFigures>, connections: number) {
  return (baselineName: string, target: number): Row => {
    const ours = findLoad(load, 'standalone server')
    const baseline = findLoad(load, baselineName)
    const ratio = ours.throughput / baseline.throughput
    return {
      case: `standalone server, PATCH over loopback, ${connections} connections, vs ${baselineName}`,
      figure: describeLoad(ours),
      baseline: describeLoad(baseline),
      ratio: `${ratio.toFixed(2)}x`,
      target: `>= ${target}x throughput`,
      met: ratio >= target,
    }
  }
}

function describeLoad(figures: LoadFigures): string {
  return (
    `${figures.throughput.toFixed(0)} req/s, median ${figures.median} ms, ` +
    `p97.5 ${figures.p97_5} ms, ${figures.non2xx} non-2xx, ${figures.errors} errors`
  )
}

function find(figures: Map<string, LatencyFigures>, name: string) {
  const found = figures.get(name)
  if (!found) throw new Error(`No figures for "${name}"`)
  return found
}

function findLoad(load: Array<LoadFigures>, name: string): LoadFigures {
  const found = load.find((entry) => entry.name === name)
  if (!found) throw new Error(`No figures for "${name}"`)
  return found
}
