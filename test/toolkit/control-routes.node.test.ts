import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createSyncanoMock } from '../../src/index.ts'
import {
  startStandaloneServer,
  type StandaloneServer,
} from '../../src/server/create-standalone-server.ts'
import { INSTANCE, keys } from '../support/fixture-keys.ts'

const mock = createSyncanoMock({ baseUrl: '*' })
let server: StandaloneServer

beforeAll(async () => {
  server = await startStandaloneServer({ mock, port: 0 })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}/v1.1/instances/${INSTANCE}/${path}`, init)
}

function control(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}/__mock/${path}`, init)
}

const patchJane = {
  method: 'PATCH',
  headers: { 'X-API-KEY': keys.account, 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'janet', password: 'pw' }),
}

describe('GET /__mock/journal', () => {
  test('lists the requests the server answered, filtered by the query', async () => {
    await api('users/2/', { headers: { 'X-API-KEY': keys.account } })
    await api('users/1/', patchJane)

    const response = await control('journal?route=PATCH+users/:id/')
    const entries = (await response.json()) as Array<{
      body: unknown
      admin: string
    }>

    expect(response.status).toBe(200)
    expect(entries.map((entry) => [entry.admin, entry.body])).toEqual([
      ['admin@example.com', { username: 'janet', password: '********' }],
    ])
  })

  test('answers 400 given a route that can match no route', async () => {
    await api('users/1/', patchJane)

    const response = await control('journal?route=users')

    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      detail:
        '[syncano-mock] Failed to filter the journal: route "users" matches no route of the users area. ' +
        'Write an optional method, then a path below instances/<name>/ that ends in "/" ' +
        '(":name" for any one segment) or in "*", such as "PATCH users/:id/", "users/2/" or "GET *".',
      code: 'INVALID_OPTION',
    })
    expect(mock.journal.entries).toHaveLength(1)
  })

  test('answers 400 given a status that is not a number', async () => {
    await api('users/1/', patchJane)

    const response = await control('journal?status=abc')

    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      detail:
        '[syncano-mock] Failed to filter the journal: status "abc" is not an HTTP status. ' +
        'Expected an integer from 100 to 599.',
      code: 'INVALID_OPTION',
    })
    expect(mock.journal.entries).toHaveLength(1)
  })

  test('reads user=0, which is no user id, as a username', async () => {
    await api('users/1/', patchJane)

    const response = await control('journal?user=0')

    expect([response.status, await response.json()]).toEqual([200, []])
  })

  test('is not itself recorded', async () => {
    await control('journal')

    expect(mock.journal.entries).toEqual([])
  })
})

describe('DELETE /__mock/journal', () => {
  test('clears the journal and keeps the data', async () => {
    await api('users/1/', patchJane)

    const response = await control('journal', { method: 'DELETE' })

    expect(response.status).toBe(204)
    expect(mock.journal.entries).toEqual([])
    expect(mock.data.user(1)?.username).toBe('janet')
  })
})

describe('POST /__mock/reset', () => {
  test('puts the fixtures back', async () => {
    await api('users/1/', patchJane)

    const response = await control('reset', { method: 'POST' })

    expect(response.status).toBe(204)
    expect(mock.data.user(1)?.username).toBe('jane')
  })
})

describe('GET /__mock/snapshot and POST /__mock/restore', () => {
  test('take a state and bring it back', async () => {
    await api('users/1/', patchJane)
    const snapshot = await (await control('snapshot')).text()
    await control('reset', { method: 'POST' })

    const response = await control('restore', {
      method: 'POST',
      body: snapshot,
    })

    expect(response.status).toBe(204)
    expect(mock.data.user(1)?.username).toBe('janet')
  })

  test('answers 400 given a body that is not a snapshot', async () => {
    const response = await control('restore', { method: 'POST', body: '{}' })

    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      detail:
        '[syncano-mock] Failed to restore a snapshot: $.version: Invalid input: expected 1.',
      code: 'INVALID_OPTION',
    })
  })
})

describe('POST /__mock/restore with a bad body', () => {
  test('answers 400 naming the first problem of a snapshot that breaks the data, and changes nothing', async () => {
    const snapshot = await (await control('snapshot')).json()
    snapshot.tables.users[1].username = 'JANE'
    await api('users/1/', patchJane)

    const response = await control('restore', {
      method: 'POST',
      body: JSON.stringify(snapshot),
    })

    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      detail:
        '[syncano-mock] Failed to restore a snapshot: $.tables.users[1].username: duplicate username (case-insensitive).',
      code: 'INVALID_OPTION',
    })
    expect(mock.data.user(1)?.username).toBe('janet')
  })

  test('answers 400 saying the body is not JSON, and changes nothing', async () => {
    await api('users/1/', patchJane)

    const response = await control('restore', {
      method: 'POST',
      body: '{"version": 1,',
    })

    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      detail:
        '[syncano-mock] Failed to restore a snapshot: the body is not valid JSON.',
      code: 'INVALID_OPTION',
    })
    expect(mock.data.user(1)?.username).toBe('janet')
  })
})

describe('unknown control routes', () => {
  test('answer 404 naming the route, with the code UNKNOWN_ROUTE', async () => {
    const response = await control('nothing')

    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      detail: '[syncano-mock] No control route "GET nothing".',
      code: 'UNKNOWN_ROUTE',
    })
  })

  test('answer 404 to HEAD on a route that only takes POST', async () => {
    const response = await control('reset', { method: 'HEAD' })

    expect([response.status, await response.text()]).toEqual([404, ''])
  })
})

describe('HEAD on a GET control route', () => {
  test('answers as GET does, without the body', async () => {
    await api('users/2/', { headers: { 'X-API-KEY': keys.account } })

    const head = await control('journal', { method: 'HEAD' })
    const get = await control('journal')

    expect([head.status, await head.text()]).toEqual([200, ''])
    expect(head.headers.get('content-type')).toBe(
      get.headers.get('content-type'),
    )
    expect(mock.journal.entries).toHaveLength(1)
  })

  test('answers a 400 as GET does, without the body', async () => {
    const response = await control('journal?status=abc', { method: 'HEAD' })

    expect([response.status, await response.text()]).toEqual([400, ''])
  })
})
