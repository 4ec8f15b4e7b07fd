import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createSyncanoMock } from '../../src/index.ts'
import {
  startStandaloneServer,
  type StandaloneServer,
} from '../../src/server/create-standalone-server.ts'
import { fixtureUserBody, storedUser } from '../client/support/bodies.ts'
import { INSTANCE, keys } from '../support/fixture-keys.ts'

const mock = createSyncanoMock({ baseUrl: '*' })
let server: StandaloneServer

beforeAll(async () => {
  server = await startStandaloneServer({ mock, port: 0 })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

/** The documentation page's update, as its curl sends it. */
function documentedPatch(body: unknown): Promise<Response> {
  return fetch(`${server.url}/v1.1/instances/${INSTANCE}/users/1/`, {
    method: 'PATCH',
    headers: {
      'X-API-KEY': keys.apiKey,
      'X-USER-KEY': keys.jane,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  })
}

describe('PATCH users/<id>/ over HTTP', () => {
  test('listens on a free port of the loopback address', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.url).not.toBe('http://127.0.0.1:0')
  })

  test('renames the user and answers the whole user', async () => {
    const response = await documentedPatch({ username: 'Janet' })

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    )
    expect(await response.json()).toEqual(
      fixtureUserBody(mock, 'jane', { username: 'Janet' }),
    )
    expect(storedUser(mock, 1)?.username).toBe('janet')
  })

  test('answers the documented 400 and keeps the user given a long username', async () => {
    const response = await documentedPatch({ username: 'x'.repeat(65) })

    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      username: ['Ensure this value has at most 64 characters (it has 65).'],
    })
    expect(storedUser(mock, 1)?.username).toBe('jane')
  })

  test("answers Django's HTML 404 given a path without its trailing slash", async () => {
    const response = await fetch(
      `${server.url}/v1.1/instances/${INSTANCE}/users/1`,
      { headers: { 'X-API-KEY': keys.account } },
    )

    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
  })
})

describe('CORS on the standalone server', () => {
  const origin = { Origin: 'http://localhost:6006' }

  test('answers a preflight to any path as the CORS middleware does', async () => {
    const response = await fetch(`${server.url}/__mock/reset`, {
      method: 'OPTIONS',
      headers: { ...origin, 'Access-Control-Request-Method': 'POST' },
    })

    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'DELETE, GET, OPTIONS, PATCH, POST, PUT',
      'access-control-max-age': '86400',
      'content-length': '0',
      vary: 'Origin',
    })
  })

  test('adds the CORS headers to the control routes', async () => {
    const response = await fetch(`${server.url}/__mock/reset`, {
      method: 'POST',
      headers: origin,
    })

    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('vary')).toBe('Origin')
  })

  test('adds the CORS headers to the HTML 404 of an unknown path', async () => {
    const response = await fetch(`${server.url}/favicon.ico`, {
      headers: origin,
    })

    expect(response.status).toBe(404)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })
})
