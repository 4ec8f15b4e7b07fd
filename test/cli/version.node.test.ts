import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string
}

describe('syncano-mock --version', () => {
  test.each(['--version', '-v'])(
    'prints the package version and exits 0 given %s',
    (flag) => {
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/cli/run.ts', flag],
        { encoding: 'utf8', timeout: 20_000 },
      )

      expect(result).toMatchObject({
        status: 0,
        stdout: `${version}\n`,
        stderr: '',
      })
    },
  )
})
