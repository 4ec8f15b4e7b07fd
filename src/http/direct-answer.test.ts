import { http, HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import { createSyncanoMock } from '../create-syncano-mock.ts'
import { directAnswer } from './direct-answer.ts'

const ACCOUNT_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345670'

function readJane(origin: string): Request {
  return new Request(`${origin}/v1.1/instances/my-instance/users/1/`, {
    headers: { 'x-api-key': ACCOUNT_KEY },
  })
}

describe('directAnswer', () => {
  test('answers a request to the mock as its handler does', async () => {
    const mock = createSyncanoMock()

    const response = await directAnswer(
      mock,
      readJane('https://api.syncano.io'),
    )

    expect(response?.status).toBe(200)
    expect(await response?.json()).toMatchObject({ id: 1, username: 'jane' })
    expect(mock.journal.entries).toHaveLength(1)
  })

  test('leaves a request outside the base URL to msw', () => {
    const mock = createSyncanoMock()

    expect(directAnswer(mock, readJane('https://elsewhere.test'))).toBe(null)
    expect(mock.journal.entries).toHaveLength(0)
  })

  test('leaves every request to msw once the handlers were changed', () => {
    const mock = createSyncanoMock()
    mock.handlers.unshift(http.get('*', () => HttpResponse.text('mine')))

    expect(directAnswer(mock, readJane('https://api.syncano.io'))).toBe(null)
  })

  test('answers nothing for an object that is no mock', () => {
    expect(
      directAnswer({ handlers: [] }, readJane('https://api.syncano.io')),
    ).toBe(null)
  })
})
