import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { keys } from '../support/fixture-keys.ts'

const running: Array<ChildProcess> = []

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL')
})

interface Served {
  child: ChildProcess
  banner: string
  /** Everything the server printed after its banner. */
  after: () => string
}

/** Starts `syncano-mock serve` from the sources and waits for its banner. */
function serve(
  args: Array<string>,
  env: Record<string, string> = {},
): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/run.ts', 'serve', ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  running.push(child)

  return new Promise((resolve, reject) => {
    let output = ''
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)))
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      output += chunk
      const end = output.indexOf(BANNER_END)
      if (end === -1) return

      const banner = output.slice(0, end + BANNER_END.length)
      resolve({ child, banner, after: () => output.slice(banner.length) })
    })
  })
}

const BANNER_END = 'Press Ctrl+C to stop.\n'

/** The pieces of the ready curl the banner prints. */
function readCurl(banner: string) {
  const header = (name: string) =>
    new RegExp(`-H "${name}: ([0-9a-f]{40})"`).exec(banner)?.[1]
  const url = /"(http:\/\/[^"]+\/users\/\d+\/)"/.exec(banner)?.[1]
  return { apiKey: header('X-API-KEY'), userKey: header('X-USER-KEY'), url }
}

// Each test starts a process from the sources, which takes seconds on a
// busy machine.
describe('syncano-mock serve', { timeout: 30_000 }, () => {
  test('prints a banner whose curl renames the user', async () => {
    const { banner } = await serve(['--port', '0'])
    const { apiKey, userKey, url } = readCurl(banner)

    expect(banner).toMatch(
      /^syncano-mock \(docs dialect\) listening on http:\/\/127\.0\.0\.1:\d+\n/,
    )
    expect(banner).toContain('  instance  my-instance\n')
    expect(banner).toContain(`  api key   ${keys.apiKey}\n`)
    expect(banner).toContain('  user      1 jane (profile 1)\n')
    expect(banner).toContain(`  user key  ${keys.jane}\n`)
    expect([apiKey, userKey]).toEqual([keys.apiKey, keys.jane])

    const response = await fetch(url as string, {
      method: 'PATCH',
      headers: {
        'X-API-KEY': apiKey as string,
        'X-USER-KEY': userKey as string,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ username: 'new-name' }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ id: 1, username: 'new-name' })
  })

  test('takes the port from PORT, the dialect and a fixtures file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'syncano-mock-cli-'))
    const fixtures = join(folder, 'fixtures.json')
    writeFileSync(
      fixtures,
      JSON.stringify({
        instances: [{ name: 'shop', users: [{ id: 7, username: 'kate' }] }],
      }),
    )

    const { banner } = await serve(
      ['--dialect', 'server', '--fixtures', fixtures, '--seed', '3'],
      { PORT: '0' },
    )
    const url = /listening on (\S+)/.exec(banner)?.[1] as string
    const response = await fetch(`${url}/v1.1/instances/shop/users/7/`, {
      headers: { 'X-API-KEY': keys.apiKey },
    })

    expect(banner).toMatch(/^syncano-mock \(server dialect\) listening on /)
    expect(banner).toContain('  instance  shop\n')
    expect(banner).toContain('  user      7 kate (profile 1)\n')
    expect(response.status).toBe(403)
  })

  test.each(['SIGINT', 'SIGTERM'] as const)(
    'stops cleanly on %s',
    async (signal) => {
      const { child, after } = await serve(['--port', '0'])
      const exit = once(child, 'exit')

      child.kill(signal)
      const [code] = await exit

      expect(code).toBe(0)
      expect(after()).toBe(`Stopping on ${signal}.\n`)
    },
  )

  test('stops cleanly on SIGTERM given a reader that went away', async () => {
    const { child } = await serve(['--port', '0'])
    const exit = once(child, 'exit')

    // As `syncano-mock serve | head -3` leaves it: nobody reads stdout.
    child.stdout?.destroy()
    child.kill('SIGTERM')
    const [code] = await exit

    expect(code).toBe(0)
  })
})
