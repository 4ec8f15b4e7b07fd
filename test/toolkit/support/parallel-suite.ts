// The suite that parallel-alpha.node.test.ts and parallel-beta.node.test.ts
// both run: vitest gives each file its own worker, so the two suites run side
// by side, each with its own mocks.
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSyncanoMock, type SyncanoMock } from '../../../src/index.ts'
import { INSTANCE, keys, ORIGIN } from '../../support/fixture-keys.ts'

interface ParallelSuite {
  /** The username prefix this file writes. */
  own: string
  /** The username prefix the other file writes. */
  other: string
  seed: number
  /** The prefixes of the concurrent tests inside `server.boundary()`. */
  boundaries: [string, string]
}

const users = `${ORIGIN}/v1.1/instances/${INSTANCE}/users/`

async function createUsers(
  prefix: string,
  count: number,
): Promise<Array<number>> {
  const statuses = []
  for (let index = 0; index < count; index++) {
    const response = await fetch(users, {
      method: 'POST',
      headers: {
        'X-API-KEY': keys.account,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        username: `${prefix}${index}`,
        password: 'secret',
      }),
    })
    statuses.push(response.status)
    // Give the other test's requests a chance to interleave with these.
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  return statuses
}

function ownUsernames(mock: SyncanoMock, prefix: string): Array<string> {
  return mock.data
    .users()
    .map((user) => user.username)
    .filter((name) => name.startsWith(prefix))
}

/** Declares the isolation tests of one of the two parallel files. */
export function runParallelSuite({
  own,
  other,
  seed,
  boundaries,
}: ParallelSuite): void {
  const server = setupServer()

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  describe.concurrent('two mocks in server.boundary()', () => {
    for (const prefix of boundaries) {
      test(
        `keeps the ${prefix} mock's writes to itself`,
        server.boundary(async () => {
          const mock = createSyncanoMock()
          server.use(...mock.handlers)

          const statuses = await createUsers(prefix, 15)

          expect(statuses).toEqual(Array(15).fill(201))
          expect(ownUsernames(mock, prefix)).toHaveLength(15)
          expect(mock.data.users()).toHaveLength(10 + 15)
          expect(mock.journal.filter({ route: 'POST users/' })).toHaveLength(15)
          expect(mock.data.user(25)?.username).toBe(`${prefix}14`)
        }),
      )
    }
  })

  test(`keeps this file’s mock apart from the ${other} file’s`, async () => {
    const mock = createSyncanoMock({ seed })
    await server.boundary(async () => {
      server.use(...mock.handlers)
      await createUsers(own, 20)
    })()

    expect(ownUsernames(mock, other)).toEqual([])
    expect(ownUsernames(mock, own)).toHaveLength(20)
  })
}
