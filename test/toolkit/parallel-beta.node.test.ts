// Runs next to parallel-alpha.node.test.ts: each file has its own mock, and
// the concurrent tests below have one mock each inside msw's server.boundary().
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSyncanoMock, type SyncanoMock } from '../../src/index.ts'
import { INSTANCE, keys, ORIGIN } from '../support/fixture-keys.ts'

const server = setupServer()
const users = `${ORIGIN}/v1.1/instances/${INSTANCE}/users/`

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

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

describe.concurrent('two mocks in server.boundary()', () => {
  for (const prefix of ['up', 'down']) {
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

test('keeps this file’s mock apart from parallel-alpha’s', async () => {
  const mock = createSyncanoMock({ seed: 202 })
  await server.boundary(async () => {
    server.use(...mock.handlers)
    await createUsers('beta', 20)
  })()

  expect(
    mock.data
      .users()
      .map((user) => user.username)
      .filter((name) => name.startsWith('alpha')),
  ).toEqual([])
  expect(ownUsernames(mock, 'beta')).toHaveLength(20)
})
