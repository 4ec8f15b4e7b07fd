import { cpus } from 'node:os'

/** One row of the benchmark table. */
export interface Row {
  case: string
  figure: string
  baseline: string
  ratio: string
  target: string
  met: boolean
}

/** Milliseconds with three decimals. */
export function ms(value: number): string {
  return `${value.toFixed(3)} ms`
}

/** The table as Markdown, headed by the machine it ran on. */
export function renderTable(rows: ReadonlyArray<Row>, command: string): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const header = [
    `Machine: ${cpu}, ${cpus().length} cores; Node ${process.version}.`,
    `Command: \`${command}\`.`,
    '',
    '| case | figure | baseline in the same run | ratio | target | met |',
    '|---|---|---|---|---|---|',
  ]
  const lines = rows.map(
    (row) =>
      `| ${row.case} | ${row.figure} | ${row.baseline} | ${row.ratio} | ` +
      `${row.target} | ${row.met ? 'yes' : '**no**'} |`,
  )
  return [...header, ...lines].join('\n')
}
