// The benchmark: `npm run bench` (full) or `npm run bench -- --quick`
// (a smoke run with small worlds and short timings).
import { parseArgs } from 'node:util'
import { measureHttpLoad, type LoadFigures } from './http-load.ts'
import { measureInProcess, type LatencyFigures } from './in-process.ts'
import { ms, renderTable, type Row } from './report.ts'
import { measureReset, measureStartup } from './startup.ts'

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false } },
})
const quick = values.quick

const LARGE = quick ? 2_000 : 100_000
const settings = {
  time: quick ? 100 : 2_000,
  load: { users: 100, duration: quick ? 1 : 10, connections: 10 },
  resetUsers: 1_000,
}

const inProcess = await measureInProcess({
  largeUsers: LARGE,
  time: settings.time,
})
const load = await measureHttpLoad(settings.load)
const startup = await measureStartup(LARGE)
const reset = await measureReset(settings.resetUsers, settings.time)

const rows: Array<Row> = [
  latencyRow(
    `documented PATCH in-process, 100 users`,
    'PATCH small',
    'bare PATCH',
    1.3,
  ),
  latencyRow(
    `same at ${LARGE.toLocaleString('en')} users`,
    'PATCH large',
    'PATCH small',
    1.2,
  ),
  latencyRow(
    `login by username at ${LARGE.toLocaleString('en')} users`,
    'login large',
    'login small',
    1.2,
  ),
  latencyRow(
    `list page of 100 users at ${LARGE.toLocaleString('en')} users`,
    'list large',
    'bare list',
    1.5,
  ),
  throughputRow('json-server 0.17.4', 1.0),
  throughputRow('node:http static', 0.6),
  {
    case: `\`createSyncanoMock\` generating ${LARGE.toLocaleString('en')} users`,
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

const command = `npm run bench${quick ? ' -- --quick' : ''}`
process.stdout.write(`${renderTable(rows, command)}\n`)

function latencyRow(
  name: string,
  ours: string,
  base: string,
  target: number,
): Row {
  const figure = latency(ours)
  const baseline = latency(base)
  const ratio = figure.median / baseline.median
  return {
    case: name,
    figure: `median ${ms(figure.median)}, p95 ${ms(figure.p95)}`,
    baseline: `${base}: median ${ms(baseline.median)}, p95 ${ms(baseline.p95)}`,
    ratio: `${ratio.toFixed(2)}x`,
    target: `<= ${target}x`,
    met: ratio <= target,
  }
}

function throughputRow(baselineName: string, target: number): Row {
  const ours = throughput('standalone server')
  const baseline = throughput(baselineName)
  const ratio = ours.throughput / baseline.throughput
  return {
    case: `standalone server, PATCH over loopback, ${settings.load.connections} connections, vs ${baselineName}`,
    figure: describeLoad(ours),
    baseline: describeLoad(baseline),
    ratio: `${ratio.toFixed(2)}x`,
    target: `>= ${target}x throughput`,
    met: ratio >= target,
  }
}

function describeLoad(figures: LoadFigures): string {
  return (
    `${figures.throughput.toFixed(0)} req/s, median ${figures.median} ms, ` +
    `p97.5 ${figures.p97_5} ms, ${figures.non2xx} non-2xx, ${figures.errors} errors`
  )
}

function latency(name: string): LatencyFigures {
  const figures = inProcess.get(name)
  if (!figures) throw new Error(`No figures for "${name}"`)
  return figures
}

function throughput(name: string): LoadFigures {
  const figures = load.find((entry) => entry.name === name)
  if (!figures) throw new Error(`No figures for "${name}"`)
  return figures
}
