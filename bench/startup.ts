import { fork } from 'node:child_process'
import { Bench } from 'tinybench'
import { createSyncanoMock } from '../src/index.ts'
import { benchFixtures } from './bench-fixtures.ts'
import { percentile, type LatencyFigures } from './in-process.ts'

/** What creating one large mock cost. */
export interface StartupFigures {
  users: number
  milliseconds: number
  heapBytes: number
}

const SCRIPT = new URL('./servers/startup.ts', import.meta.url).pathname

/** How many fresh processes the startup figure is the median of. */
const STARTUP_RUNS = 3

/**
 * Creates a mock of `users` users in each of three fresh processes (so the
 * heap figure holds nothing else) and reports the median run: the time
 * until it is ready and the heap it holds after a full collection.
 */
export async function measureStartup(users: number): Promise<StartupFigures> {
  const runs: Array<StartupFigures> = []
  for (let run = 0; run < STARTUP_RUNS; run++) {
    runs.push(await startupRun(users))
  }
  runs.sort((a, b) => a.milliseconds - b.milliseconds)
  return runs[Math.floor(STARTUP_RUNS / 2)] as StartupFigures
}

function startupRun(users: number): Promise<StartupFigures> {
  const child = fork(SCRIPT, [String(users)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('message', (message) => {
      resolve(message as StartupFigures)
      child.kill()
    })
    child.once('exit', (code) =>
      reject(new Error(`Startup run exited (${code})`)),
    )
  })
}

/** Times `reset()` of a mock of `users` users. */
export async function measureReset(
  users: number,
  time: number,
): Promise<Omit<LatencyFigures, 'cpu'>> {
  const mock = createSyncanoMock({ fixtures: benchFixtures(users) })
  await mock.ready

  const bench = new Bench({ time, warmupTime: 100, retainSamples: true })
  bench.add('reset', () => mock.reset())
  await bench.run()

  const result = bench.tasks[0]?.result
  if (result?.state !== 'completed') throw new Error('reset() did not complete')
  return {
    name: 'reset',
    median: result.latency.p50,
    p95: percentile(result.latency.samples ?? [], 0.95),
    samples: result.latency.samplesCount,
  }
}
