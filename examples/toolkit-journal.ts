// Request journal: assert what the app sent.
import { createSyncanoMock } from 'syncano-mock'
import { expect, test } from 'vitest'

const mock = createSyncanoMock()

test('the app sends exactly one PATCH with the new name', async () => {
  await mock.fetch(
    new Request('https://api.syncano.io/v1.1/instances/my-instance/user/', {
      method: 'PATCH',
      headers: {
        'X-API-KEY': 'b5c6d7e8f90123456789abcdef0123456789abc1',
        'X-USER-KEY': '15e8b35e1cd9b8abf806f3e925951f2612bf0d20',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ username: 'janet', password: 'new-secret' }),
    }),
  )

  const patches = mock.journal.filter({ method: 'PATCH', user: 'jane' })
  expect(patches).toHaveLength(1)
  expect(patches[0]?.route).toBe('user/')
  expect(patches[0]?.body).toEqual({ username: 'janet', password: '********' })
  expect(patches[0]?.status).toBe(200)
})
