import { describe, expect, test } from 'vitest'
import { receiveRequest } from './receive-request.ts'
import { json, knownText } from './responses.ts'

const URL_OF_USERS = 'https://api.syncano.io/v1.1/instances/my-instance/users/'

describe('receiveRequest', () => {
  test('reads and parses a JSON body once', async () => {
    const request = new Request(URL_OF_USERS, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":"jane"}',
    })

    const received = await receiveRequest(request)

    expect(received.body).toEqual({
      ok: true,
      data: { username: 'jane' },
      form: false,
    })
    expect(new TextDecoder().decode(received.bytes)).toBe('{"username":"jane"}')
    expect(received.url.pathname).toBe('/v1.1/instances/my-instance/users/')
    expect(request.bodyUsed).toBe(true)
  })

  test('reads no body from a GET', async () => {
    const received = await receiveRequest(new Request(URL_OF_USERS))

    expect(received.bytes).toEqual(new Uint8Array())
    expect(received.body).toEqual({ ok: true, data: {}, form: false })
  })

  test('keeps the parse error of a malformed body for the view to answer', async () => {
    const received = await receiveRequest(
      new Request(URL_OF_USERS, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      }),
    )

    if (received.body.ok) throw new Error('Expected a parse error')
    expect(received.body.error.status).toBe(400)
    expect(received.body.error.body).toEqual({
      detail:
        'JSON parse error - Parse error at offset 1: Missing a name for object member.',
    })
  })
})

describe('knownText', () => {
  test('gives the text of an answer json made, without reading it', async () => {
    const response = json(200, { id: 1 })

    expect(knownText(response)).toBe('{"id":1}')
    expect(response.bodyUsed).toBe(false)
    expect(await response.text()).toBe('{"id":1}')
  })

  test('knows nothing of another response', () => {
    expect(knownText(new Response('{"id":1}'))).toBe(undefined)
  })
})
