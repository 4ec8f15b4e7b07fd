import { beforeEach, describe, expect, test } from 'vitest'
import { createSyncanoMock } from '../../src/index.ts'
import { call } from '../support/call.ts'
import { INSTANCE, ORIGIN, keys } from '../support/fixture-keys.ts'

const mock = createSyncanoMock()

beforeEach(() => mock.reset())

describe('journal', () => {
  test('records a request with its keys, user, masked body and answer', async () => {
    const answer = await call(mock, 'PATCH', 'user/?fields=id', {
      apiKey: keys.apiKey,
      userKey: keys.jane,
      body: { username: 'Janet', password: 'hunter2' },
    })

    expect(mock.journal.entries).toEqual([
      {
        sequence: 1,
        method: 'PATCH',
        path: `/v1.1/instances/${INSTANCE}/user/`,
        query: { fields: 'id' },
        instance: INSTANCE,
        route: 'user/',
        keys: { apiKey: keys.apiKey, userKey: keys.jane },
        user: { id: 1, username: 'jane' },
        admin: null,
        body: { username: 'Janet', password: '********' },
        status: 200,
        response: answer.body,
        scenario: false,
      },
    ])
  })

  test('masks passwords nested in the body', async () => {
    await call(mock, 'POST', 'users/', {
      apiKey: keys.apiKey,
      body: { username: 'kate', password: 'p', profile: { password: 'q' } },
    })

    expect(mock.journal.last()?.body).toEqual({
      username: 'kate',
      password: '********',
      profile: { password: '********' },
    })
  })

  test('names the admin of an account key and keeps error answers', async () => {
    await call(mock, 'GET', 'users/999/', { apiKey: keys.account })

    const entry = mock.journal.last()
    expect([entry?.admin, entry?.user, entry?.status, entry?.response]).toEqual(
      ['admin@example.com', null, 404, { detail: 'Not found' }],
    )
  })

  test('names no user given an unknown key', async () => {
    await call(mock, 'GET', 'users/', { apiKey: 'f'.repeat(39) + '1' })

    expect(mock.journal.last()?.user).toBeNull()
    expect(mock.journal.last()?.status).toBe(403)
  })

  test('records the user a reset_key request was made as, before the key changes', async () => {
    await call(mock, 'POST', 'users/1/reset_key/', { apiKey: keys.account })
    await call(mock, 'GET', 'user/', {
      apiKey: keys.apiKey,
      userKey: keys.jane,
    })

    expect(mock.journal.last()?.user).toBeNull()
    expect(mock.journal.entries).toHaveLength(2)
  })

  test('keeps the keys a request was sent with when its headers change after', async () => {
    const request = new Request(`${ORIGIN}/v1.1/instances/${INSTANCE}/user/`, {
      headers: { 'x-api-key': keys.apiKey, 'x-user-key': keys.jane },
    })
    const answer = await mock.fetch(request)
    request.headers.set('x-user-key', keys.john)
    request.headers.set('x-api-key', keys.ignoreAcl)

    expect(answer.status).toBe(200)
    expect(mock.journal.last()?.keys).toEqual({
      apiKey: keys.apiKey,
      userKey: keys.jane,
    })
  })

  test('lets a test assign to any field of an entry', async () => {
    await call(mock, 'PATCH', 'user/', {
      apiKey: keys.apiKey,
      userKey: keys.jane,
      body: { username: 'janet' },
    })
    const entry = mock.journal.entries[0]!

    entry.body = null
    entry.response = 'checked'
    entry.query = {}
    entry.keys = { apiKey: null, userKey: null }

    expect(entry).toMatchObject({
      body: null,
      response: 'checked',
      query: {},
      keys: { apiKey: null, userKey: null },
    })
    expect(JSON.parse(JSON.stringify(entry))).toMatchObject({
      body: null,
      response: 'checked',
    })
  })

  test('keeps requests in the order they were answered', async () => {
    await call(mock, 'GET', 'users/1/', { apiKey: keys.account })
    await call(mock, 'GET', 'users/2/', { apiKey: keys.account })
    await call(mock, 'GET', 'users/3/', { apiKey: keys.account })

    expect(
      mock.journal.entries.map((entry) => [entry.sequence, entry.route]),
    ).toEqual([
      [1, 'users/1/'],
      [2, 'users/2/'],
      [3, 'users/3/'],
    ])
  })

  test('is cleared by reset()', async () => {
    await call(mock, 'GET', 'users/1/', { apiKey: keys.account })
    await mock.reset()

    expect(mock.journal.entries).toEqual([])
  })
})

describe('journal.filter', () => {
  beforeEach(async () => {
    await call(mock, 'GET', 'user/', {
      apiKey: keys.apiKey,
      userKey: keys.jane,
    })
    await call(mock, 'PATCH', 'users/2/', {
      apiKey: keys.apiKey,
      userKey: keys.john,
      body: { username: 'johnny' },
    })
    await call(mock, 'PATCH', 'user/', {
      apiKey: keys.apiKey,
      userKey: keys.jane,
      body: { profile: { nickname: 'Jay' } },
    })
    await call(mock, 'GET', 'groups/1/', { apiKey: keys.account })
  })

  test('selects by route pattern with a method', () => {
    const patches = mock.journal.filter({ route: 'PATCH users/:id/' })

    expect(patches.map((entry) => entry.body)).toEqual([{ username: 'johnny' }])
  })

  test('selects by route pattern without a method', () => {
    expect(
      mock.journal.filter({ route: 'user/' }).map((entry) => entry.method),
    ).toEqual(['GET', 'PATCH'])
  })

  test('selects by method', () => {
    expect(
      mock.journal.filter({ method: 'patch' }).map((entry) => entry.route),
    ).toEqual(['users/2/', 'user/'])
  })

  test('selects by username or user id', () => {
    const byName = mock.journal
      .filter({ user: 'Jane' })
      .map((entry) => entry.sequence)
    const byId = mock.journal.filter({ user: 2 }).map((entry) => entry.sequence)

    expect([byName, byId]).toEqual([[1, 3], [2]])
  })

  test('combines fields and finds the newest match with last()', () => {
    const entry = mock.journal.last({
      method: 'PATCH',
      user: 'jane',
      status: 200,
    })

    expect(entry?.body).toEqual({ profile: { nickname: 'Jay' } })
    expect(mock.journal.filter({ method: 'DELETE' })).toEqual([])
  })

  test.each(['users', 'users/:id', 'FOO users/'])(
    'throws given the route pattern "%s", which can match no route',
    (route) => {
      const message =
        `[syncano-mock] Failed to filter the journal: route "${route}" matches no route of the users area. ` +
        'Write an optional method, then a path below instances/<name>/ that ends in "/" ' +
        '(":name" for any one segment) or in "*", such as "PATCH users/:id/", "users/2/" or "GET *".'

      expect(() => mock.journal.filter({ route })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION', message }),
      )
      expect(() => mock.journal.last({ route })).toThrow(message)
      expect(mock.journal.entries).toHaveLength(4)
    },
  )
})

describe('journal filter values', () => {
  const failed = '[syncano-mock] Failed to filter the journal:'

  test.each([
    [
      'null',
      null,
      'the filter must be an object such as { method: "PATCH" }, got null.',
    ],
    [
      'a number',
      5,
      'the filter must be an object such as { method: "PATCH" }, got 5.',
    ],
    [
      'a status that is not a number',
      { status: 'abc' },
      'status "abc" is not an HTTP status. Expected an integer from 100 to 599.',
    ],
    [
      'a status out of range',
      { status: 700 },
      'status "700" is not an HTTP status. Expected an integer from 100 to 599.',
    ],
    [
      'a method that is not a string',
      { method: 5 },
      'method "5" is not a method name. Expected a string such as "PATCH".',
    ],
    [
      'a user that is neither an id nor a username',
      { user: true },
      'user "true" is not a user. Expected a user id (a positive integer) or a username.',
    ],
    [
      'a user id that is not positive',
      { user: 0 },
      'user "0" is not a user. Expected a user id (a positive integer) or a username.',
    ],
    [
      'a misspelt field',
      { stauts: 200 },
      'unknown field "stauts". Expected route, method, user or status.',
    ],
  ])('throws given %s', async (_, filter, message) => {
    await call(mock, 'GET', 'users/1/', { apiKey: keys.account })

    expect(() => mock.journal.filter(filter as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: `${failed} ${message}`,
      }),
    )
    expect(() => mock.journal.last(filter as never)).toThrow(
      `${failed} ${message}`,
    )
    expect(mock.journal.entries).toHaveLength(1)
  })

  test('compares methods in any case on both sides', async () => {
    await mock.fetch(
      new Request(`https://api.syncano.io/v1.1/instances/${INSTANCE}/users/`, {
        method: 'patch',
        headers: { 'X-API-KEY': keys.account },
      }),
    )

    expect(
      mock.journal.filter({ method: 'Patch' }).map((entry) => entry.sequence),
    ).toEqual([1])
  })
})

describe('journal limit', () => {
  test('keeps the newest entries given journalLimit', async () => {
    const limited = createSyncanoMock({ journalLimit: 2 })

    for (const id of [1, 2, 3]) {
      await call(limited, 'GET', `users/${id}/`, { apiKey: keys.account })
    }

    expect(
      limited.journal.entries.map((entry) => [entry.sequence, entry.route]),
    ).toEqual([
      [2, 'users/2/'],
      [3, 'users/3/'],
    ])
  })

  test('records nothing given journalLimit 0, and still answers', async () => {
    const silent = createSyncanoMock({ journalLimit: 0 })

    const answer = await call(silent, 'GET', 'users/1/', {
      apiKey: keys.account,
    })

    expect(answer.status).toBe(200)
    expect(silent.journal.entries).toEqual([])
  })
})
