import { setupSyncanoWorker } from 'syncano-mock/browser'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { INSTANCE, keys } from '../support/fixture-keys.ts'

// An app behind its own proxy calls `/api/...` on its origin; the mock is
// told so with a baseUrl that has a path, here in the server dialect.
const { mock, worker } = setupSyncanoWorker({
  baseUrl: `${location.origin}/api`,
  dialect: 'server',
})

beforeAll(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }))
beforeEach(() => mock.reset())
afterAll(() => worker.stop())

function patchUser(id: number, body: unknown): Promise<Response> {
  return fetch(`/api/v1.1/instances/${INSTANCE}/users/${id}/`, {
    method: 'PATCH',
    headers: {
      'X-API-KEY': keys.apiKey,
      'X-USER-KEY': keys.jane,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  })
}

test("answers the page's own origin below the baseUrl's path", async () => {
  const response = await patchUser(1, { username: 'x'.repeat(65) })

  expect(response.status).toBe(400)
  expect(await response.json()).toEqual({
    username: ['Ensure this field has no more than 64 characters.'],
  })
  expect(mock.data.user(1)?.username).toBe('jane')
})

test("answers the server dialect's 404 given another user's id", async () => {
  const response = await patchUser(2, { username: 'johnny' })

  expect(response.status).toBe(404)
  expect(await response.json()).toEqual({ detail: 'Not found.' })
  expect(mock.data.user(2)?.username).toBe('john')
})

test("lets the page's other requests through to the network", async () => {
  const response = await fetch('/mockServiceWorker.js')

  expect(response.status).toBe(200)
  expect(await response.text()).toContain('Mock Service Worker')
  expect(mock.journal.filter({})).toEqual([])
})
