// The benchmark: `npm run bench` (full) or `npm run bench -- --quick`
// (a smoke run with small worlds and short timings).
import { parseArgs } from 'node:util'
import { FULL_RUN, QUICK_RUN, runBenchmark } from './benchmark.ts'
import { renderTable } from './report.ts'

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false } },
})

const rows = await runBenchmark(values.quick ? QUICK_RUN : FULL_RUN)
const command = `npm run bench${values.quick ? ' -- --quick' : ''}`
process.stdout.write(`${renderTable(rows, command)}\n`)
