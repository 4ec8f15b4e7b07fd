import { describe, expect, test } from 'vitest'
import { QUICK_RUN, runBenchmark } from '../../bench/benchmark.ts'
import { renderTable } from '../../bench/report.ts'

// The quick run of `npm run bench`: it checks that every case runs and
// answers, never how fast (the machine running the tests is shared).
describe('benchmark', () => {
  test('makes every row of the table from a quick run, every request answered', async () => {
    const rows = await runBenchmark(QUICK_RUN)

    expect(rows.map((row) => row.case)).toEqual([
      'documented PATCH in-process, 100 users',
      'same at 2,000 users',
      'login by username at 2,000 users',
      'list page of 100 users at 2,000 users',
      'standalone server, PATCH over loopback, 10 connections, vs json-server 0.17.4',
      'standalone server, PATCH over loopback, 10 connections, vs node:http static',
      '`createSyncanoMock` generating 2,000 users',
      '`reset()` with 1,000 users',
    ])
    for (const row of rows.slice(0, 4)) {
      expect(row.ratio).toMatch(/^\d+\.\d\dx CPU \(wall \d+\.\d\dx\)$/)
      expect(row.figure).toMatch(
        /^median \d+\.\d{3} ms, p95 \d+\.\d{3} ms, CPU \d+\.\d{3} ms$/,
      )
    }
    for (const row of rows.slice(4, 6)) {
      expect(row.ratio).toMatch(/^\d+\.\d\dx$/)
    }
    for (const row of rows.slice(4, 6)) {
      expect(row.figure).toMatch(/ 0 non-2xx, 0 errors$/)
      expect(row.baseline).toMatch(/ 0 non-2xx, 0 errors$/)
    }
    expect(rows[6]?.figure).toMatch(/^\d+\.\d\d s, heap \d+ MB$/)
    expect(rows[7]?.figure).toMatch(/^median \d+\.\d{3} ms, p95 \d+\.\d{3} ms$/)

    const table = renderTable(rows, 'npm run bench -- --quick').split('\n')
    expect(table.slice(0, 3)).toEqual([
      expect.stringMatching(/^Machine: .+, \d+ cores; Node v\d+\.\d+\.\d+\.$/),
      'Command: `npm run bench -- --quick`.',
      '',
    ])
    expect(table).toHaveLength(5 + rows.length)
  }, 240_000)
})
