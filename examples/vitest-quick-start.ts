// Quick start: the documentation page's PATCH, answered by the mock in a
// vitest test. The keys are those of the default fixtures.
import type { UserBody } from 'syncano-mock'
import { setupSyncanoServer } from 'syncano-mock/node'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'

const { mock, server } = setupSyncanoServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => mock.reset())
afterAll(() => server.close())

test('renames the user with an API key and the user key', async () => {
  const response = await fetch(
    'https://api.syncano.io/v1.1/instances/my-instance/users/1/',
    {
      method: 'PATCH',
      headers: {
        'X-API-KEY': 'b5c6d7e8f90123456789abcdef0123456789abc1',
        'X-USER-KEY': '15e8b35e1cd9b8abf806f3e925951f2612bf0d20',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ username: 'janet' }),
    },
  )

  const user = (await response.json()) as UserBody
  expect(response.status).toBe(200)
  expect([user.id, user.username, user.profile.owner]).toEqual([1, 'janet', 1])
  expect(mock.data.user(1)?.username).toBe('janet')
  expect(mock.journal.filter({ route: 'PATCH users/:id/' })).toHaveLength(1)
})
