import { expect, test } from 'vitest'
import { createSyncanoMock } from '../../src/index.ts'
import { call } from './call.ts'
import { keys } from './fixture-keys.ts'

test('call reads a JSON answer of the mock', async () => {
  const mock = createSyncanoMock()
  const { status, body } = await call(mock, 'GET', 'users/3/', {
    apiKey: keys.account,
  })
  expect(status).toBe(200)
  expect(body).toMatchObject({ id: 3, username: 'alice' })
})
