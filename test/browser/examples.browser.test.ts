import { expect, test } from 'vitest'
import { enableMocking } from '../../examples/browser-quick-start.ts'
import { INSTANCE, keys } from '../support/fixture-keys.ts'

const userUrl = `https://api.syncano.io/v1.1/instances/${INSTANCE}/users/1/`

test('answers the documented PATCH once the quick start has started the mock', async () => {
  const mock = await enableMocking()

  const response = await fetch(userUrl, {
    method: 'PATCH',
    headers: {
      'X-API-KEY': keys.apiKey,
      'X-USER-KEY': keys.jane,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ username: 'janet' }),
  })
  const body: unknown = await response.json()
  const stored = await fetch(userUrl, {
    headers: { 'X-API-KEY': keys.account },
  })

  expect(response.status).toBe(200)
  expect(body).toEqual(await stored.json())
  expect(mock.data.user(1)?.username).toBe('janet')
  expect(mock.journal.filter({ route: 'PATCH users/:id/' })).toHaveLength(1)
})
