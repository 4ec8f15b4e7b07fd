// The permission matrix of spec 2.2 for users/, users/<id>/ and
// users/<id>/reset_key/: every kind of key against every action, with the
// state checked after each write. Read from `UserViewSet.permission_classes`
// and `get_queryset` in apps/users/v1/views.py; the rows for an API key with
// allow_user_create and for ignore_acl are pinned by the server's
// apps/users/tests/test_user_api.py (TestUserList.test_listing_without_user).
import { beforeEach, describe, expect, test } from 'vitest'
import {
  createSyncanoMock,
  key,
  type FixturesInput,
  type SyncanoMock,
} from '../../src/index.ts'
import { call } from '../support/call.ts'

const JANE_KEY = 'c000000000000000000000000000000000000000'
const STALE_USER_KEY = 'c00000000000000000000000000000000000000e'

/** Account keys by role; the owner's admin is written `read` on purpose. */
const admins = {
  owner: 'a000000000000000000000000000000000000000',
  full: 'a000000000000000000000000000000000000002',
  write: 'a000000000000000000000000000000000000004',
  read: 'a000000000000000000000000000000000000006',
}
/** Instance API keys by flag. */
const apiKeys = {
  plain: 'b000000000000000000000000000000000000001',
  allowUserCreate: 'b000000000000000000000000000000000000003',
  ignoreAcl: 'b000000000000000000000000000000000000005',
  allowGroupCreate: 'b000000000000000000000000000000000000007',
}

const fixtures: FixturesInput = {
  admins: [
    { email: 'owner@example.com', account_key: admins.owner, role: 'read' },
    { email: 'full@example.com', account_key: admins.full, role: 'full' },
    { email: 'write@example.com', account_key: admins.write, role: 'write' },
    { email: 'read@example.com', account_key: admins.read, role: 'read' },
  ],
  instances: [
    {
      name: 'my-instance',
      owner: 'owner@example.com',
      api_keys: [
        { api_key: apiKeys.plain },
        { api_key: apiKeys.allowUserCreate, allow_user_create: true },
        { api_key: apiKeys.ignoreAcl, ignore_acl: true },
        { api_key: apiKeys.allowGroupCreate, allow_group_create: true },
      ],
      groups: [{ id: 1, label: 'Staff' }],
      users: [
        { id: 5, username: 'jane', user_key: JANE_KEY, groups: [1] },
        { id: 6, username: 'john', groups: [1] },
      ],
    },
  ],
}

interface Caller {
  apiKey?: string
  userKey?: string
}

const callers: Record<string, Caller> = {
  'the owner (written read)': { apiKey: admins.owner },
  'a full admin': { apiKey: admins.full },
  'a write admin': { apiKey: admins.write },
  'a read admin': { apiKey: admins.read },
  'an account key with a user key': { apiKey: admins.full, userKey: JANE_KEY },
  'a plain API key': { apiKey: apiKeys.plain },
  'a plain API key and a user key': {
    apiKey: apiKeys.plain,
    userKey: JANE_KEY,
  },
  'a plain API key and a stale user key': {
    apiKey: apiKeys.plain,
    userKey: STALE_USER_KEY,
  },
  'an allow_user_create key': { apiKey: apiKeys.allowUserCreate },
  'an allow_user_create key and a user key': {
    apiKey: apiKeys.allowUserCreate,
    userKey: JANE_KEY,
  },
  'an allow_group_create key': { apiKey: apiKeys.allowGroupCreate },
  'an allow_group_create key and a user key': {
    apiKey: apiKeys.allowGroupCreate,
    userKey: JANE_KEY,
  },
  'an ignore_acl key': { apiKey: apiKeys.ignoreAcl },
  'an ignore_acl key and a user key': {
    apiKey: apiKeys.ignoreAcl,
    userKey: JANE_KEY,
  },
  'no key': {},
  'a user key alone': { userKey: JANE_KEY },
}

/** What an action answers: a status, or what a list shows. */
type Outcome = 'all' | 'self' | 200 | 201 | 204 | 403 | 404

interface Row {
  list: Outcome
  create: Outcome
  getSelf: Outcome
  getOther: Outcome
  patchSelf: Outcome
  patchOther: Outcome
  putSelf: Outcome
  resetSelf: Outcome
  resetOther: Outcome
  deleteSelf: Outcome
  deleteOther: Outcome
}

const FULL: Row = {
  list: 'all',
  create: 201,
  getSelf: 200,
  getOther: 200,
  patchSelf: 200,
  patchOther: 200,
  putSelf: 200,
  resetSelf: 200,
  resetOther: 200,
  deleteSelf: 204,
  deleteOther: 204,
}
const NONE: Row = {
  list: 403,
  create: 403,
  getSelf: 403,
  getOther: 403,
  patchSelf: 403,
  patchOther: 403,
  putSelf: 403,
  resetSelf: 403,
  resetOther: 403,
  deleteSelf: 403,
  deleteOther: 403,
}
/** An instance API key with a user key: the user himself, and no delete. */
const SELF: Row = {
  list: 'self',
  create: 403,
  getSelf: 200,
  getOther: 404,
  patchSelf: 200,
  patchOther: 404,
  putSelf: 200,
  resetSelf: 200,
  resetOther: 404,
  deleteSelf: 403,
  deleteOther: 403,
}

const matrix: Record<string, Row> = {
  'the owner (written read)': FULL,
  'a full admin': FULL,
  'a write admin': FULL,
  'a read admin': { ...NONE, list: 'all', getSelf: 200, getOther: 200 },
  'an account key with a user key': FULL,
  'a plain API key': NONE,
  'a plain API key and a user key': SELF,
  'a plain API key and a stale user key': NONE,
  'an allow_user_create key': { ...NONE, create: 201 },
  'an allow_user_create key and a user key': { ...SELF, create: 201 },
  'an allow_group_create key': NONE,
  'an allow_group_create key and a user key': SELF,
  'an ignore_acl key': FULL,
  'an ignore_acl key and a user key': {
    ...SELF,
    create: 201,
    deleteSelf: 204,
    deleteOther: 404,
  },
  'no key': NONE,
  'a user key alone': NONE,
}

const permissionDenied = {
  detail: 'You do not have permission to perform this action.',
}
const notFound = { detail: 'Not found' }

function user(mock: SyncanoMock, id: number) {
  return mock.db.users.find('byId', key('my-instance', id))
}

function snapshot(mock: SyncanoMock) {
  return structuredClone({
    users: mock.db.users.all(),
    profiles: mock.db.profiles.all(),
    memberships: mock.db.memberships.all(),
  })
}

/** Checks a refused write: its exact answer, and that nothing changed. */
async function expectRefused(
  mock: SyncanoMock,
  outcome: Outcome,
  write: () => ReturnType<typeof call>,
) {
  const before = snapshot(mock)
  const response = await write()

  expect(response.status).toBe(outcome)
  expect(response.body).toEqual(outcome === 404 ? notFound : permissionDenied)
  expect(snapshot(mock)).toEqual(before)
}

describe.each(Object.entries(callers))(
  'users routes given %s',
  (name, caller) => {
    const row = matrix[name] as Row
    let mock: SyncanoMock
    beforeEach(async () => {
      mock = createSyncanoMock({ fixtures })
      await mock.ready
    })

    test(`answers GET users/ with ${row.list}`, async () => {
      const response = await call(mock, 'GET', 'users/?fields=id', caller)

      if (row.list === 403) {
        expect(response.status).toBe(403)
        expect(response.body).toEqual(permissionDenied)
        return
      }
      const ids = row.list === 'all' ? [5, 6] : [5]
      expect(response.status).toBe(200)
      expect(response.body).toEqual({
        next: null,
        prev: null,
        objects: ids.map((id) => ({ id })),
      })
    })

    test(`answers POST users/ with ${row.create}`, async () => {
      const create = () =>
        call(mock, 'POST', 'users/', {
          ...caller,
          body: { username: 'gordon', password: 'x' },
        })
      if (row.create !== 201) return expectRefused(mock, row.create, create)

      const response = await create()
      expect(response.status).toBe(201)
      expect(user(mock, 7)).toMatchObject({ username: 'gordon', password: 'x' })
    })

    test.each<[string, number, keyof Row]>([
      ['its own user', 5, 'getSelf'],
      ['another user', 6, 'getOther'],
    ])(
      'answers GET users/<id>/ for %s as the matrix says',
      async (_, id, cell) => {
        const response = await call(
          mock,
          'GET',
          `users/${id}/?fields=id`,
          caller,
        )

        const outcome = row[cell]
        expect(response.status).toBe(outcome)
        if (outcome === 200) expect(response.body).toEqual({ id })
        else
          expect(response.body).toEqual(
            outcome === 404 ? notFound : permissionDenied,
          )
      },
    )

    test.each<[string, number, keyof Row]>([
      ['its own user', 5, 'patchSelf'],
      ['another user', 6, 'patchOther'],
    ])(
      'answers PATCH users/<id>/ for %s as the matrix says',
      async (_, id, cell) => {
        const patch = () =>
          call(mock, 'PATCH', `users/${id}/`, {
            ...caller,
            body: { username: 'Renamed' },
          })
        const outcome = row[cell]
        if (outcome !== 200) return expectRefused(mock, outcome, patch)

        const response = await patch()
        expect(response.status).toBe(200)
        expect((response.body as { username: string }).username).toBe('Renamed')
        expect(user(mock, id)?.username).toBe('renamed')
      },
    )

    test('answers PUT users/5/ as the matrix says', async () => {
      const put = () =>
        call(mock, 'PUT', 'users/5/', {
          ...caller,
          body: { username: 'janet', password: 'new' },
        })
      if (row.putSelf !== 200) return expectRefused(mock, row.putSelf, put)

      const response = await put()
      expect(response.status).toBe(200)
      expect(user(mock, 5)).toMatchObject({
        username: 'janet',
        password: 'new',
      })
    })

    test.each<[string, number, keyof Row]>([
      ['its own user', 5, 'resetSelf'],
      ['another user', 6, 'resetOther'],
    ])(
      'answers POST reset_key/ for %s as the matrix says',
      async (_, id, cell) => {
        const reset = () => call(mock, 'POST', `users/${id}/reset_key/`, caller)
        const outcome = row[cell]
        if (outcome !== 200) return expectRefused(mock, outcome, reset)

        const oldKey = user(mock, id)?.user_key
        const response = await reset()
        const newKey = (response.body as { user_key: string }).user_key
        expect(response.status).toBe(200)
        expect(newKey).not.toBe(oldKey)
        expect(user(mock, id)?.user_key).toBe(newKey)
      },
    )

    test.each<[string, number, keyof Row]>([
      ['its own user', 5, 'deleteSelf'],
      ['another user', 6, 'deleteOther'],
    ])(
      'answers DELETE users/<id>/ for %s as the matrix says',
      async (_, id, cell) => {
        const remove = () => call(mock, 'DELETE', `users/${id}/`, caller)
        const outcome = row[cell]
        if (outcome !== 204) return expectRefused(mock, outcome, remove)

        const response = await remove()
        expect(response.status).toBe(204)
        expect(response.body).toBeNull()
        expect(user(mock, id)).toBeUndefined()
      },
    )
  },
)

describe('users routes given keys the instance does not know', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test.each<[string, string]>([
    ['an unknown account key', 'a00000000000000000000000000000000000000a'],
    ['an unknown instance API key', 'b00000000000000000000000000000000000000b'],
    ['a user key sent as the API key', JANE_KEY],
    ['a key that is not hex', 'not-a-key'],
  ])(
    'returns 403 No such API Key. and changes nothing given %s',
    async (_, apiKey) => {
      const before = snapshot(mock)

      const response = await call(mock, 'PATCH', 'users/5/', {
        apiKey,
        body: { username: 'x' },
      })

      expect(response.status).toBe(403)
      expect(response.body).toEqual({ detail: 'No such API Key.' })
      expect(snapshot(mock)).toEqual(before)
    },
  )
})

describe('users routes given an unmapped method', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test.each<[string, string, string]>([
    ['PUT', 'users/', 'GET, POST, HEAD, OPTIONS'],
    ['DELETE', 'users/', 'GET, POST, HEAD, OPTIONS'],
    ['POST', 'users/5/', 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'],
    ['PATCH', 'users/5/reset_key/', 'POST, OPTIONS'],
  ])(
    'returns 405 to %s %s given an account key',
    async (method, path, allow) => {
      const before = snapshot(mock)

      const response = await call(mock, method, path, {
        apiKey: admins.full,
        body: { username: 'x' },
      })

      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe(allow)
      expect(response.body).toEqual({
        detail: `Method "${method}" not allowed.`,
      })
      expect(snapshot(mock)).toEqual(before)
    },
  )

  test('returns 403 before 405 given no key', async () => {
    const response = await call(mock, 'PUT', 'users/', { body: {} })

    expect(response.status).toBe(403)
    expect(response.body).toEqual(permissionDenied)
  })

  // An unmapped method has no viewset action, so `ModelPermissions` takes
  // it for a detail call: DELETE on the list needs `delete`, PUT `update`.
  test.each<[string, string, Caller]>([
    [
      'DELETE',
      'an API key and a user key',
      { apiKey: apiKeys.plain, userKey: JANE_KEY },
    ],
    ['PUT', 'a read admin', { apiKey: admins.read }],
    ['DELETE', 'a read admin', { apiKey: admins.read }],
  ])(
    'returns 403 to %s users/ given %s, whose rights lack that action',
    async (method, _name, caller) => {
      const before = snapshot(mock)

      const response = await call(mock, method, 'users/', {
        ...caller,
        body: { username: 'x' },
      })

      expect(response.status).toBe(403)
      expect(response.body).toEqual(permissionDenied)
      expect(snapshot(mock)).toEqual(before)
    },
  )

  test('returns 405 to PUT users/ given an API key and a user key, which may update', async () => {
    const response = await call(mock, 'PUT', 'users/', {
      apiKey: apiKeys.plain,
      userKey: JANE_KEY,
      body: { username: 'x' },
    })

    expect(response.status).toBe(405)
    expect(response.body).toEqual({ detail: 'Method "PUT" not allowed.' })
  })
})
