import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'

const run = promisify(execFile)
const script = fileURLToPath(
  new URL('./support/dump-seeded-mock.ts', import.meta.url),
)

async function dumpIn(seed: number): Promise<string> {
  const { stdout } = await run(process.execPath, [
    '--import',
    'tsx',
    script,
    String(seed),
  ])
  return stdout
}

describe('seed', () => {
  test('gives byte-identical data in two processes given the same seed', async () => {
    const [first, second, other] = await Promise.all([
      dumpIn(42),
      dumpIn(42),
      dumpIn(43),
    ])

    expect(first.length).toBeGreaterThan(10_000)
    expect(first).toBe(second)
    expect(first).not.toBe(other)
  }, 30_000)

  test('generates real-looking users with keys of the right parity', async () => {
    const tables = JSON.parse(await dumpIn(42)) as {
      users: Array<{ id: number; username: string; user_key: string }>
      apiKeys: Array<{ api_key: string }>
      profiles: Array<{
        owner: number
        data: { nickname: unknown; age: unknown }
      }>
    }

    expect(tables.users.map((user) => user.id)).toEqual(
      Array.from({ length: 41 }, (_, index) => index + 1),
    )
    for (const user of tables.users) {
      expect(user.username).toMatch(/^[a-z0-9._-]+$/)
      expect(parseInt(user.user_key.slice(-1), 16) % 2).toBe(0)
    }
    for (const apiKey of tables.apiKeys) {
      expect(parseInt(apiKey.api_key.slice(-1), 16) % 2).toBe(1)
    }
    for (const profile of tables.profiles.filter((item) => item.owner <= 40)) {
      expect(typeof profile.data.nickname).toBe('string')
      expect(profile.data.age).toSatisfy(
        (age) =>
          Number.isInteger(age) &&
          (age as number) >= 18 &&
          (age as number) <= 90,
      )
    }
  }, 30_000)
})
