// Where the keys of a request are read from, which source wins, and how the
// last hex digit tells an account key from an instance API key (spec 2.1,
// 2.3). Read from `ApiKeyAuthentication` in the server's
// apps/core/authentication.py and `check_parity` in apps/core/helpers.py.
import { beforeEach, describe, expect, test } from 'vitest'
import { createSyncanoMock, type FixturesInput } from '../../src/index.ts'
import { call, type CallOptions } from '../support/call.ts'
import { INSTANCE } from '../support/fixture-keys.ts'
import { storedProfileIdentity, userBody } from '../client/support/bodies.ts'

const ACCOUNT = 'a000000000000000000000000000000000000002'
const PLAIN_KEY = 'b000000000000000000000000000000000000001'
const JANE_KEY = 'c000000000000000000000000000000000000000'
const JOHN_KEY = 'c000000000000000000000000000000000000002'
/** Well-formed keys that belong to no one, one of each parity. */
const UNKNOWN_EVEN = 'd000000000000000000000000000000000000004'
const UNKNOWN_ODD = 'd000000000000000000000000000000000000005'

const fixtures: FixturesInput = {
  admins: [{ email: 'admin@example.com', account_key: ACCOUNT, role: 'full' }],
  instances: [
    {
      name: INSTANCE,
      owner: 'admin@example.com',
      api_keys: [{ api_key: PLAIN_KEY }],
      users: [
        { id: 1, username: 'jane', user_key: JANE_KEY },
        { id: 2, username: 'john', user_key: JOHN_KEY },
      ],
    },
  ],
}

const noSuchApiKey = { detail: 'No such API Key.' }
const permissionDenied = {
  detail: 'You do not have permission to perform this action.',
}

const mock = createSyncanoMock({ fixtures })
beforeEach(() => mock.reset())

/** A fixture user as every answer shows it. */
function userOf(id: 1 | 2) {
  const [username, user_key] =
    id === 1 ? ['jane', JANE_KEY] : ['john', JOHN_KEY]
  return userBody({
    id,
    username,
    user_key,
    groups: [],
    profile: { ...storedProfileIdentity(mock, id), data: {} },
  })
}

/** GET users/1/: 200 with an account key, 403 without one. */
function getJane(path: string, options: CallOptions = {}) {
  return call(mock, 'GET', `users/1/${path}`, options)
}

/** GET user/: the user whose key counted, next to the plain API key. */
function getCaller(path: string, options: CallOptions = {}) {
  return call(mock, 'GET', `user/${path}`, { apiKey: PLAIN_KEY, ...options })
}

describe('GET users/<id>/ given an API key source', () => {
  test.each<[string, string, CallOptions]>([
    ['the X-API-KEY header', '', { apiKey: ACCOUNT }],
    ['the api_key query parameter', `?api_key=${ACCOUNT}`, {}],
    ['the apikey query parameter', `?apikey=${ACCOUNT}`, {}],
    [
      'Authorization: Token <key>',
      '',
      { headers: { authorization: `Token ${ACCOUNT}` } },
    ],
    [
      'Authorization with any first word',
      '',
      { headers: { authorization: `ApiKey ${ACCOUNT}` } },
    ],
    [
      'the X-API-KEY header in upper case',
      '',
      { apiKey: ACCOUNT.toUpperCase() },
    ],
  ])('returns the user given the key in %s', async (_, path, options) => {
    const response = await getJane(path, options)

    expect(response.status).toBe(200)
    expect(response.body).toEqual(userOf(1))
  })

  test('returns the user given the key as _api_key in the body', async () => {
    // The view is read through the tunnelled GET of a text/plain POST.
    const response = await call(mock, 'POST', 'users/1/', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ _method: 'GET', _api_key: ACCOUNT }),
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(userOf(1))
  })

  // `_, api_key = header.split(' ', 2)` raises ValueError unless the header
  // has exactly two parts, and the header is then ignored.
  test.each([
    ['three parts', `Token ${ACCOUNT} extra`],
    ['one part', ACCOUNT],
    ['two spaces', `Token  ${ACCOUNT}`],
  ])(
    'returns 403 as with no key given an Authorization header of %s',
    async (_, authorization) => {
      const response = await getJane('', { headers: { authorization } })

      expect(response.status).toBe(403)
      expect(response.body).toEqual(permissionDenied)
    },
  )

  test('reads _api_key from the body given an Authorization header of three parts', async () => {
    const response = await call(mock, 'PATCH', 'users/1/', {
      headers: { authorization: `Token ${UNKNOWN_EVEN} extra` },
      body: { _api_key: ACCOUNT, username: 'janet' },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ ...userOf(1), username: 'janet' })
  })

  test('returns 403 as with no key given an empty X-API-KEY header', async () => {
    const response = await getJane('', { headers: { 'x-api-key': '' } })

    expect(response.status).toBe(403)
    expect(response.body).toEqual(permissionDenied)
  })

  test('reads the query given an empty X-API-KEY header', async () => {
    const response = await getJane(`?api_key=${ACCOUNT}`, {
      headers: { 'x-api-key': '' },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(userOf(1))
  })
})

describe('GET users/<id>/ given API keys in several sources', () => {
  test.each<[string, string, CallOptions]>([
    [
      'X-API-KEY over the api_key query',
      `?api_key=${UNKNOWN_EVEN}`,
      { apiKey: ACCOUNT },
    ],
    [
      'the api_key query over the apikey query',
      `?api_key=${ACCOUNT}&apikey=${UNKNOWN_EVEN}`,
      {},
    ],
    [
      'the apikey query over Authorization',
      `?apikey=${ACCOUNT}`,
      { headers: { authorization: `Token ${UNKNOWN_EVEN}` } },
    ],
    [
      'X-API-KEY over Authorization',
      '',
      {
        apiKey: ACCOUNT,
        headers: { authorization: `Token ${UNKNOWN_EVEN}` },
      },
    ],
  ])('reads %s given a good key there', async (_, path, options) => {
    const response = await getJane(path, options)

    expect(response.status).toBe(200)
    expect(response.body).toEqual(userOf(1))
  })

  test.each<[string, string, CallOptions]>([
    [
      'X-API-KEY over the api_key query',
      `?api_key=${ACCOUNT}`,
      { apiKey: UNKNOWN_EVEN },
    ],
    [
      'the api_key query over the apikey query',
      `?api_key=${UNKNOWN_EVEN}&apikey=${ACCOUNT}`,
      {},
    ],
    [
      'the apikey query over Authorization',
      `?apikey=${UNKNOWN_EVEN}`,
      { headers: { authorization: `Token ${ACCOUNT}` } },
    ],
  ])('reads %s given a key of no one there', async (_, path, options) => {
    const response = await getJane(path, options)

    expect(response.status).toBe(403)
    expect(response.body).toEqual(noSuchApiKey)
  })

  test('reads Authorization over _api_key given a key of no one there', async () => {
    const response = await call(mock, 'PATCH', 'users/1/', {
      headers: { authorization: `Token ${UNKNOWN_EVEN}` },
      body: { _api_key: ACCOUNT, username: 'janet' },
    })

    expect(response.status).toBe(403)
    expect(response.body).toEqual(noSuchApiKey)
  })
})

describe('GET user/ given a user key source', () => {
  test.each<[string, string, CallOptions]>([
    ['the X-USER-KEY header', '', { userKey: JANE_KEY }],
    ['the user_key query parameter', `?user_key=${JANE_KEY}`, {}],
    ['the userkey query parameter', `?userkey=${JANE_KEY}`, {}],
    [
      'the X-USER-KEY header in upper case',
      '',
      { userKey: JANE_KEY.toUpperCase() },
    ],
    [
      'the api_key and user_key query parameters',
      `?api_key=${PLAIN_KEY}&user_key=${JANE_KEY}`,
      { apiKey: '' },
    ],
  ])('returns the caller given the key in %s', async (_, path, options) => {
    const response = await getCaller(path, options)

    expect(response.status).toBe(200)
    expect(response.body).toEqual(userOf(1))
  })

  test('returns the caller given the key as _user_key in the body', async () => {
    const response = await call(mock, 'PATCH', 'user/', {
      apiKey: PLAIN_KEY,
      body: { _user_key: JANE_KEY },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(userOf(1))
  })

  test('returns the caller given an upper-case instance API key', async () => {
    const response = await getCaller('', {
      apiKey: PLAIN_KEY.toUpperCase(),
      userKey: JANE_KEY,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(userOf(1))
  })

  test.each<[string, string, CallOptions]>([
    [
      'X-USER-KEY over the user_key query',
      `?user_key=${JOHN_KEY}`,
      { userKey: JANE_KEY },
    ],
    [
      'the user_key query over the userkey query',
      `?user_key=${JANE_KEY}&userkey=${JOHN_KEY}`,
      {},
    ],
  ])('reads %s', async (_, path, options) => {
    const response = await getCaller(path, options)

    expect(response.status).toBe(200)
    expect(response.body).toEqual(userOf(1))
  })

  test('reads the userkey query over _user_key', async () => {
    const response = await call(mock, 'PATCH', `user/?userkey=${JANE_KEY}`, {
      apiKey: PLAIN_KEY,
      body: { _user_key: JOHN_KEY },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(userOf(1))
  })

  test('returns 403 given a user key without an API key', async () => {
    const response = await getCaller('', { apiKey: '', userKey: JANE_KEY })

    expect(response.status).toBe(403)
    expect(response.body).toEqual(permissionDenied)
  })
})

describe('GET users/ given the parity of a key', () => {
  test('lists every user given an account key and ignores its user key', async () => {
    const response = await call(mock, 'GET', 'users/', {
      apiKey: ACCOUNT,
      userKey: JANE_KEY,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: null,
      prev: null,
      objects: [userOf(1), userOf(2)],
    })
  })

  test.each([
    ['a user key, even, as the API key', JANE_KEY],
    ['an even key of no admin', UNKNOWN_EVEN],
    ['an odd key of no API key', UNKNOWN_ODD],
    ['a key that is not hex', 'not-a-key'],
    ['a hex key of 39 characters', ACCOUNT.slice(1)],
  ])('returns 403 No such API Key. given %s', async (_, apiKey) => {
    const response = await call(mock, 'GET', 'users/', { apiKey })

    expect(response.status).toBe(403)
    expect(response.body).toEqual(noSuchApiKey)
  })

  // apps/users/tests/test_user_api.py test_getting_with_incorrect_credentials:
  // a user key of no one is ignored, and the permissions decide.
  test.each([
    ['a user key of no one', UNKNOWN_EVEN],
    ['the API key as the user key', PLAIN_KEY],
  ])('returns the generic 403 given %s', async (_, userKey) => {
    const response = await call(mock, 'GET', 'users/', {
      apiKey: PLAIN_KEY,
      userKey,
    })

    expect(response.status).toBe(403)
    expect(response.body).toEqual(permissionDenied)
  })
})
