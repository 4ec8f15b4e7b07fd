// Scenarios: per-test answers that leave the rest of the mock as it is.
import { createSyncanoMock } from 'syncano-mock'
import { beforeEach, expect, test } from 'vitest'

const mock = createSyncanoMock()
const url = 'https://api.syncano.io/v1.1/instances/my-instance/users/1/'
const headers = { 'X-API-KEY': 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345670' }

beforeEach(() => mock.reset())

test('answers one route with a status, once', async () => {
  mock.scenarios.respond('GET users/:id/', { status: 404 }, { once: true })

  const first = await mock.fetch(new Request(url, { headers }))
  const second = await mock.fetch(new Request(url, { headers }))

  expect([first.status, await first.json()]).toEqual([
    404,
    { detail: 'Not found' },
  ])
  expect(second.status).toBe(200)
})

test('fails with a network error, adds latency, limits the rate', async () => {
  mock.scenarios.networkError('PATCH users/:id/', { once: true })
  mock.scenarios.delay(50)
  mock.scenarios.rateLimit(60)

  await expect(
    mock.fetch(new Request(url, { method: 'PATCH', headers })),
  ).rejects.toThrow('Failed to fetch')
})

test('blocks the instance owner for billing', async () => {
  mock.scenarios.billing('overdue_invoices')

  const response = await mock.fetch(new Request(url, { headers }))

  expect([response.status, await response.json()]).toEqual([
    403,
    { detail: 'Account blocked due to overdue invoices.' },
  ])
})
