// Contract of GET and DELETE users/<id>/ and POST users/<id>/reset_key/
// (spec 2.2, 3.1, 4.1, 4.4, 4.5 and 5). Behaviours pinned by the server's
// apps/users/tests/test_user_api.py are named next to their tests.
import { beforeEach, describe, expect, test } from 'vitest'
import {
  createSyncanoMock,
  key,
  type Dialect,
  type FixturesInput,
  type SyncanoMock,
} from '../../src/index.ts'
import { formatTimestamp } from '../../src/model/clock.ts'
import { call } from '../support/call.ts'

const ACCOUNT = 'a000000000000000000000000000000000000002'
const READ_ADMIN = 'a000000000000000000000000000000000000006'
const PLAIN_KEY = 'b000000000000000000000000000000000000001'
const IGNORE_ACL = 'b000000000000000000000000000000000000005'
const JANE_KEY = 'c000000000000000000000000000000000000000'
const JOHN_KEY = 'c000000000000000000000000000000000000002'

/** When the fixtures' profiles were made: the page's time plus the owner in ms. */
const SEED_EPOCH_MICROS = 1_466_412_207_204_105

const fixtures: FixturesInput = {
  admins: [
    { email: 'admin@example.com', account_key: ACCOUNT, role: 'full' },
    { email: 'reader@example.com', account_key: READ_ADMIN, role: 'read' },
  ],
  instances: [
    {
      name: 'my-instance',
      owner: 'admin@example.com',
      api_keys: [
        { api_key: PLAIN_KEY },
        { api_key: IGNORE_ACL, ignore_acl: true },
      ],
      profile_schema: [
        { name: 'nickname', type: 'string' },
        { name: 'age', type: 'integer' },
      ],
      groups: [
        { id: 1, name: 'staff', label: 'Staff' },
        { id: 2, name: 'crew', label: 'Crew' },
      ],
      users: [
        {
          id: 5,
          username: 'jane',
          user_key: JANE_KEY,
          groups: [2, 1],
          profile: { nickname: 'J', age: 30, group: 1 },
        },
        { id: 6, username: 'john', user_key: JOHN_KEY, groups: [1] },
      ],
    },
  ],
}

const notFound = (dialect: Dialect) => ({
  detail: dialect === 'docs' ? 'Not found' : 'Not found.',
})
const permissionDenied = {
  detail: 'You do not have permission to perform this action.',
}

function groupBody(id: number, dialect: Dialect, prefix: string) {
  const [name, label] = id === 1 ? ['staff', 'Staff'] : ['crew', 'Crew']
  return {
    id,
    ...(dialect === 'server' ? { name } : {}),
    label,
    description: '',
    links: {
      self: `${prefix}/groups/${id}/`,
      users: `${prefix}/groups/${id}/users/`,
    },
  }
}

/** Jane (id 5, profile 1) as the server shows her. */
function janeBody(dialect: Dialect, prefix: string, userKey = JANE_KEY) {
  const at = formatTimestamp(SEED_EPOCH_MICROS + 5 * 1000)
  const self = `${prefix}/users/5/`
  const profileSelf = `${prefix}/classes/user_profile/objects/1/`
  return {
    id: 5,
    username: 'jane',
    profile: {
      id: 1,
      created_at: at,
      updated_at: at,
      revision: 1,
      owner: 5,
      owner_permissions: 'full',
      group: 1,
      group_permissions: 'none',
      other_permissions: 'none',
      channel: null,
      channel_room: null,
      nickname: 'J',
      age: 30,
      links: { self: profileSelf, owner: self, group: `${prefix}/groups/1/` },
    },
    groups: [groupBody(1, dialect, prefix), groupBody(2, dialect, prefix)],
    user_key: userKey,
    links: {
      self,
      groups: `${self}groups/`,
      'reset-key': `${self}reset_key/`,
      profile: profileSelf,
    },
  }
}

/** What a write must leave as it was when it fails. */
function snapshot(mock: SyncanoMock) {
  return structuredClone({
    users: mock.db.users.all(),
    profiles: mock.db.profiles.all(),
    memberships: mock.db.memberships.all(),
    groups: mock.db.groups.all(),
  })
}

describe.each<[Dialect, 'v1' | 'v1.1', string]>([
  ['docs', 'v1.1', '/v1/instances/my-instance'],
  ['server', 'v1.1', '/v1.1/instances/my-instance'],
  ['server', 'v1', '/v1/instances/my-instance'],
])('GET users/<id>/ (%s dialect, %s)', (dialect, version, prefix) => {
  const mock = createSyncanoMock({ fixtures, dialect })
  beforeEach(() => mock.reset())

  // test_user_api.py TestUserDetail.test_getting
  test('returns the whole user given an account key', async () => {
    const response = await call(mock, 'GET', 'users/5/', {
      apiKey: ACCOUNT,
      version,
    })

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    )
    expect(response.headers.get('allow')).toBe(
      'GET, PUT, PATCH, DELETE, HEAD, OPTIONS',
    )
    expect(response.body).toEqual(janeBody(dialect, prefix))
  })

  test('returns the caller given an instance API key and its own user key', async () => {
    const response = await call(mock, 'GET', 'users/5/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      version,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(dialect, prefix))
  })

  test.each(['7', 'abc', '0', '2147483648', '-5'])(
    'returns 404 given the id %s',
    async (id) => {
      const response = await call(mock, 'GET', `users/${id}/`, {
        apiKey: ACCOUNT,
        version,
      })

      expect(response.status).toBe(404)
      expect(response.body).toEqual(notFound(dialect))
    },
  )

  test("returns 404 given another user's id with a user key", async () => {
    const response = await call(mock, 'GET', 'users/6/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      version,
    })

    expect(response.status).toBe(404)
    expect(response.body).toEqual(notFound(dialect))
  })

  test("returns 404 given another user's id with an ignore_acl key and a user key", async () => {
    const response = await call(mock, 'GET', 'users/6/', {
      apiKey: IGNORE_ACL,
      userKey: JANE_KEY,
      version,
    })

    expect(response.status).toBe(404)
    expect(response.body).toEqual(notFound(dialect))
  })

  test('returns 404 given a username__startswith the user does not match', async () => {
    const response = await call(
      mock,
      'GET',
      'users/5/?username__startswith=jo',
      {
        apiKey: ACCOUNT,
        version,
      },
    )

    expect(response.status).toBe(404)
    expect(response.body).toEqual(notFound(dialect))
  })
})

describe('GET users/<id>/', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test('returns the user given a username__startswith it matches', async () => {
    const response = await call(
      mock,
      'GET',
      'users/5/?username__startswith=ja',
      {
        apiKey: ACCOUNT,
      },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', '/v1/instances/my-instance'))
  })

  // Django looks a pk up through int(), which takes a sign, surrounding
  // whitespace and underscores between digits.
  test.each(['%2B5', '%205%20', '0_5'])(
    'returns the user given the id %s, which int() reads as 5',
    async (id) => {
      const response = await call(mock, 'GET', `users/${id}/`, {
        apiKey: ACCOUNT,
      })

      expect(response.status).toBe(200)
      expect(response.body).toEqual(
        janeBody('docs', '/v1/instances/my-instance'),
      )
    },
  )

  test.each(['5_', '__5', '0x5', '5e0'])(
    'returns 404 given the id %s, which int() refuses',
    async (id) => {
      const response = await call(mock, 'GET', `users/${id}/`, {
        apiKey: ACCOUNT,
      })

      expect(response.status).toBe(404)
      expect(response.body).toEqual({ detail: 'Not found' })
    },
  )

  test('returns the user given a username__startswith it matches once stripped', async () => {
    const response = await call(
      mock,
      'GET',
      'users/5/?username__startswith=%20ja%20',
      {
        apiKey: ACCOUNT,
      },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', '/v1/instances/my-instance'))
  })

  test('keeps only the asked fields at every level given fields', async () => {
    const response = await call(
      mock,
      'GET',
      'users/5/?fields=id,profile,groups,nickname,label',
      { apiKey: IGNORE_ACL },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      id: 5,
      profile: { id: 1, nickname: 'J' },
      groups: [
        { id: 1, label: 'Staff' },
        { id: 2, label: 'Crew' },
      ],
    })
  })

  test('drops the named fields at every level given excluded_fields', async () => {
    const response = await call(
      mock,
      'GET',
      'users/5/?excluded_fields=profile,groups,links,user_key',
      { apiKey: ACCOUNT },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ id: 5, username: 'jane' })
  })

  test('answers HEAD with the status and no body given an account key', async () => {
    const response = await call(mock, 'HEAD', 'users/5/', { apiKey: ACCOUNT })

    expect(response.status).toBe(200)
    expect(response.body).toBeNull()
  })
})

describe.each<Dialect>(['docs', 'server'])(
  'DELETE users/<id>/ (%s dialect)',
  (dialect) => {
    const mock = createSyncanoMock({ fixtures, dialect })
    beforeEach(() => mock.reset())

    // test_user_api.py TestUserDetail.test_deleting
    test('returns 204 with no body and no content type given an account key', async () => {
      const response = await call(mock, 'DELETE', 'users/5/', {
        apiKey: ACCOUNT,
      })

      expect(response.status).toBe(204)
      expect(response.body).toBeNull()
      expect(response.headers.get('content-type')).toBeNull()
    })

    test('removes the user, its profile and its memberships given an account key', async () => {
      const before = snapshot(mock)

      await call(mock, 'DELETE', 'users/5/', { apiKey: ACCOUNT })

      expect(snapshot(mock)).toEqual({
        users: before.users.filter((user) => user.id !== 5),
        profiles: before.profiles.filter((profile) => profile.owner !== 5),
        memberships: before.memberships.filter((member) => member.user !== 5),
        groups: before.groups,
      })
      const read = await call(mock, 'GET', 'users/5/', { apiKey: ACCOUNT })
      expect(read.status).toBe(404)
      expect(read.body).toEqual(notFound(dialect))
    })

    test("kills the user's key at once given a delete", async () => {
      await call(mock, 'DELETE', 'users/5/', { apiKey: ACCOUNT })

      const response = await call(mock, 'GET', 'users/', {
        apiKey: PLAIN_KEY,
        userKey: JANE_KEY,
      })

      expect(response.status).toBe(403)
      expect(response.body).toEqual(permissionDenied)
    })

    test('returns 404 and deletes nothing given an unknown id', async () => {
      const before = snapshot(mock)

      const response = await call(mock, 'DELETE', 'users/9/', {
        apiKey: ACCOUNT,
      })

      expect(response.status).toBe(404)
      expect(response.body).toEqual(notFound(dialect))
      expect(snapshot(mock)).toEqual(before)
    })

    test('returns 404 given a user deleted before', async () => {
      await call(mock, 'DELETE', 'users/5/', { apiKey: ACCOUNT })

      const response = await call(mock, 'DELETE', 'users/5/', {
        apiKey: ACCOUNT,
      })

      expect(response.status).toBe(404)
      expect(response.body).toEqual(notFound(dialect))
    })

    test.each<[string, string, string | undefined]>([
      ['an instance API key and its own user key', PLAIN_KEY, JANE_KEY],
      ['a read-role account key', READ_ADMIN, undefined],
      ['an instance API key alone', PLAIN_KEY, undefined],
    ])(
      'returns 403 and deletes nothing given %s',
      async (_, apiKey, userKey) => {
        const before = snapshot(mock)

        const response = await call(mock, 'DELETE', 'users/5/', {
          apiKey,
          userKey,
        })

        expect(response.status).toBe(403)
        expect(response.body).toEqual(permissionDenied)
        expect(snapshot(mock)).toEqual(before)
      },
    )

    test('deletes the caller given an ignore_acl key and its own user key', async () => {
      const response = await call(mock, 'DELETE', 'users/5/', {
        apiKey: IGNORE_ACL,
        userKey: JANE_KEY,
      })

      expect(response.status).toBe(204)
      expect(mock.db.users.find('byId', key('my-instance', 5))).toBeUndefined()
    })

    test("returns 404 and deletes nothing given another user's id with an ignore_acl key and a user key", async () => {
      const before = snapshot(mock)

      const response = await call(mock, 'DELETE', 'users/6/', {
        apiKey: IGNORE_ACL,
        userKey: JANE_KEY,
      })

      expect(response.status).toBe(404)
      expect(response.body).toEqual(notFound(dialect))
      expect(snapshot(mock)).toEqual(before)
    })

    test('deletes any user given an ignore_acl key alone', async () => {
      const response = await call(mock, 'DELETE', 'users/6/', {
        apiKey: IGNORE_ACL,
      })

      expect(response.status).toBe(204)
      expect(mock.db.users.find('byId', key('my-instance', 6))).toBeUndefined()
    })
  },
)

describe.each<[Dialect, string]>([
  ['docs', '/v1/instances/my-instance'],
  ['server', '/v1.1/instances/my-instance'],
])('POST users/<id>/reset_key/ (%s dialect)', (dialect, prefix) => {
  const mock = createSyncanoMock({ fixtures, dialect })
  beforeEach(() => mock.reset())

  // test_user_api.py TestUserResetKeyView.test_resetting_is_successful
  test('returns 200 with the user and a new key given its own user key', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/5/reset_key/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
    })

    const newKey = (response.body as { user_key: string }).user_key
    expect(response.status).toBe(200)
    expect(response.headers.get('allow')).toBe('POST, OPTIONS')
    expect(response.body).toEqual(janeBody(dialect, prefix, newKey))
    expect(newKey).toMatch(/^[0-9a-f]{39}[02468ace]$/)
    expect(newKey).not.toBe(JANE_KEY)
    expect(snapshot(mock)).toEqual({
      ...before,
      users: before.users.map((user) =>
        user.id === 5 ? { ...user, user_key: newKey } : user,
      ),
    })
  })

  test('kills the old key and honours the new one at once given a reset', async () => {
    const reset = await call(mock, 'POST', 'users/5/reset_key/', {
      apiKey: ACCOUNT,
    })
    const newKey = (reset.body as { user_key: string }).user_key

    const old = await call(mock, 'GET', 'users/5/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
    })
    expect(old.status).toBe(403)
    expect(old.body).toEqual(permissionDenied)

    const fresh = await call(mock, 'GET', 'users/5/', {
      apiKey: PLAIN_KEY,
      userKey: newKey,
    })
    expect(fresh.status).toBe(200)
    expect(fresh.body).toEqual(janeBody(dialect, prefix, newKey))
  })

  test('ignores the request body given fields in it', async () => {
    const response = await call(mock, 'POST', 'users/5/reset_key/', {
      apiKey: ACCOUNT,
      body: { user_key: JOHN_KEY, username: 'x', profile: { age: 1 } },
    })

    const newKey = (response.body as { user_key: string }).user_key
    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(dialect, prefix, newKey))
    expect(newKey).not.toBe(JOHN_KEY)
  })

  test("returns 404 and resets nothing given another user's id with a user key", async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/6/reset_key/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
    })

    expect(response.status).toBe(404)
    expect(response.body).toEqual(notFound(dialect))
    expect(snapshot(mock)).toEqual(before)
  })

  test.each<[string, string]>([
    ['a read-role account key', READ_ADMIN],
    ['an instance API key alone', PLAIN_KEY],
  ])('returns 403 and resets nothing given %s', async (_, apiKey) => {
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/5/reset_key/', { apiKey })

    expect(response.status).toBe(403)
    expect(response.body).toEqual(permissionDenied)
    expect(snapshot(mock)).toEqual(before)
  })

  test('returns 405 given a GET with an account key', async () => {
    const response = await call(mock, 'GET', 'users/5/reset_key/', {
      apiKey: ACCOUNT,
    })

    expect(response.status).toBe(405)
    expect(response.body).toEqual({ detail: 'Method "GET" not allowed.' })
  })

  test('returns 403 before 405 given a GET without a key', async () => {
    const response = await call(mock, 'GET', 'users/5/reset_key/')

    expect(response.status).toBe(403)
    expect(response.body).toEqual(permissionDenied)
  })
})
