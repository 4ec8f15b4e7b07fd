import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { main } from '../../src/cli/main.ts'

interface Exit {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `syncano-mock serve` from the sources until it exits. */
function serve(args: Array<string>): Promise<Exit> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/run.ts', 'serve', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  // A server that started after all must not outlive the test.
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)

  return new Promise((resolve) => {
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

afterEach(() => {
  process.exitCode = undefined
})

/**
 * Runs the command line in this process, as `bin/syncano-mock` does, and
 * reads what it printed and the exit code it set.
 */
async function run(args: Array<string>): Promise<Exit> {
  const output = { stdout: '', stderr: '' }
  const spies = (['stdout', 'stderr'] as const).map((name) =>
    vi.spyOn(process[name], 'write').mockImplementation((chunk) => {
      output[name] += String(chunk)
      return true
    }),
  )

  try {
    await main(['node', 'syncano-mock', 'serve', ...args])
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
  const code = Number(process.exitCode ?? 0)
  process.exitCode = undefined
  return { code, ...output }
}

const folder = mkdtempSync(join(tmpdir(), 'syncano-mock-config-'))

/** Writes a fixtures file and returns its path. */
function fixturesFile(name: string, text: string): string {
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}

describe('serve given a bad configuration', () => {
  test('exits 1 with the parse error given a malformed fixtures file', async () => {
    const path = fixturesFile('malformed.json', '{"instances": [')

    expect(await run(['--port', '0', '--fixtures', path])).toEqual({
      code: 1,
      stdout: '',
      stderr: `[syncano-mock] Failed to parse fixtures file "${path}": Unexpected end of JSON input.\n`,
    })
  })

  test('exits 1 naming the JSON path given an invalid fixtures file', async () => {
    const path = fixturesFile(
      'invalid.json',
      JSON.stringify({
        instances: [
          { name: 'a', users: [{ username: 'x' }, { username: 'X' }] },
        ],
      }),
    )

    expect(await run(['--port', '0', '--fixtures', path])).toEqual({
      code: 1,
      stdout: '',
      stderr: `[syncano-mock] Failed to load fixtures from "${path}": $.instances[0].users[1].username: duplicate username (case-insensitive).\n`,
    })
  })

  test('exits 1 given a fixtures file with an unknown dialect', async () => {
    const path = fixturesFile(
      'dialect.json',
      JSON.stringify({ dialect: 'django', instances: [{ name: 'a' }] }),
    )

    expect(await run(['--port', '0', '--fixtures', path])).toEqual({
      code: 1,
      stdout: '',
      stderr: `[syncano-mock] Failed to load fixtures from "${path}": $.dialect: Invalid option: expected one of "docs"|"server".\n`,
    })
  })

  test('exits 1 given a fixtures file that does not exist', async () => {
    const path = join(folder, 'missing.json')

    expect(await run(['--port', '0', '--fixtures', path])).toEqual({
      code: 1,
      stdout: '',
      stderr: `[syncano-mock] Failed to read fixtures file "${path}": ENOENT: no such file or directory, open '${path}'.\n`,
    })
  })

  test('exits 1 naming the port given a port in use', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const { port } = taken.address() as AddressInfo

    const exit = await run(['--port', String(port)])
    taken.close()

    expect(exit).toEqual({
      code: 1,
      stdout: '',
      stderr: `[syncano-mock] Failed to listen on 127.0.0.1:${port}: the port is in use. Choose another --port.\n`,
    })
  })

  test('exits 1 naming the host given an address of another machine', async () => {
    // 192.0.2.0/24 is kept for documentation: no machine has it.
    expect(await run(['--port', '0', '--host', '192.0.2.1'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        '[syncano-mock] Failed to listen on "192.0.2.1": no such address on this machine. Choose another --host.\n',
    })
  })
})

// Commander ends the process itself on a bad flag, so these run the real
// command, which takes seconds on a busy machine.
describe('serve given a bad flag', { timeout: 30_000 }, () => {
  test('exits 1 given an unknown dialect', async () => {
    expect(await serve(['--port', '0', '--dialect', 'django'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `[syncano-mock] option '-d, --dialect <dialect>' argument 'django' is invalid. Expected "docs" or "server".\n` +
        '(add --help for usage)\n',
    })
  })

  test('exits 1 given a port that is no port', async () => {
    expect(await serve(['--port', '70000'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "[syncano-mock] option '-p, --port <port>' argument '70000' is invalid. Expected a whole number from 0 to 65535.\n" +
        '(add --help for usage)\n',
    })
  })
})
