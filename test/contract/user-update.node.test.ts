// Contract of PUT and PATCH users/<id>/ (spec 2.2, 3.1, 3.2, 4.1 and 4.2),
// PATCH as the documentation page users-update-patch shows it. Behaviours
// pinned by the server's apps/users/tests/test_user_api.py (TestUserDetail)
// are named next to their tests.
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
  vi,
} from 'vitest'
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
const SEEDED = formatTimestamp(SEED_EPOCH_MICROS + 5 * 1000)
/** The moment every write of this file happens at. */
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678)
const STAMP = formatTimestamp(NOW * 1000)

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
        { name: 'born', type: 'datetime' },
      ],
      groups: [
        { id: 1, name: 'staff', label: 'Staff' },
        { id: 2, name: 'crew', label: 'Crew' },
      ],
      users: [
        {
          id: 5,
          username: 'jane',
          password: 'secret',
          user_key: JANE_KEY,
          groups: [1],
          profile: {
            nickname: 'J',
            age: 30,
            owner_permissions: 'write',
            group_permissions: 'read',
            other_permissions: 'read',
          },
        },
        { id: 6, username: 'john', password: 'secret', user_key: JOHN_KEY },
      ],
    },
  ],
}

type Profile = Record<string, unknown>

/** Jane (id 5, profile 1) with the given changes, as the server shows her. */
function janeBody(
  dialect: Dialect,
  prefix: string,
  changes: { username?: string; profile?: Profile } = {},
) {
  const self = `${prefix}/users/5/`
  const profileSelf = `${prefix}/classes/user_profile/objects/1/`
  return {
    id: 5,
    username: changes.username ?? 'jane',
    profile: {
      id: 1,
      created_at: SEEDED,
      updated_at: SEEDED,
      revision: 1,
      owner: 5,
      owner_permissions: 'write',
      group: null,
      group_permissions: 'read',
      other_permissions: 'read',
      channel: null,
      channel_room: null,
      nickname: 'J',
      age: 30,
      born: null,
      links: { self: profileSelf, owner: self },
      ...changes.profile,
    },
    groups: [
      {
        id: 1,
        ...(dialect === 'server' ? { name: 'staff' } : {}),
        label: 'Staff',
        description: '',
        links: {
          self: `${prefix}/groups/1/`,
          users: `${prefix}/groups/1/users/`,
        },
      },
    ],
    user_key: JANE_KEY,
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
  })
}

function stored(mock: SyncanoMock) {
  return {
    user: mock.db.users.find('byId', key('my-instance', 5)),
    profile: mock.db.profiles.find('byOwner', key('my-instance', 5)),
  }
}

const DOCS = '/v1/instances/my-instance'

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterAll(() => {
  vi.useRealTimers()
})

describe.each<[Dialect, string]>([
  ['docs', DOCS],
  ['server', '/v1.1/instances/my-instance'],
])('PATCH users/<id>/ (%s dialect)', (dialect, prefix) => {
  let mock: SyncanoMock
  beforeEach(async () => {
    mock = createSyncanoMock({ fixtures, dialect })
    await mock.ready
  })

  // The documentation page's own call: an API key, a user key, a username.
  test('renames the caller and echoes the name as sent given the documented call', async () => {
    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      body: { username: 'Jane.Doe' },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(
      janeBody(dialect, prefix, { username: 'Jane.Doe' }),
    )
    expect(stored(mock).user).toEqual({
      instance: 'my-instance',
      id: 5,
      username: 'jane.doe',
      password: 'secret',
      user_key: JANE_KEY,
    })

    const read = await call(mock, 'GET', 'users/5/', { apiKey: ACCOUNT })
    expect(read.body).toEqual(
      janeBody(dialect, prefix, { username: 'jane.doe' }),
    )
  })

  test("returns the page's Django length message or DRF's given a username of 118 characters", async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      body: { username: 'u'.repeat(118) },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      username: [
        dialect === 'docs'
          ? 'Ensure this value has at most 64 characters (it has 118).'
          : 'Ensure this field has no more than 64 characters.',
      ],
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test("returns 404 and changes nothing given another user's id with a user key", async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/6/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      body: { username: 'x' },
    })

    expect(response.status).toBe(404)
    expect(response.body).toEqual({
      detail: dialect === 'docs' ? 'Not found' : 'Not found.',
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test('returns 403 and changes nothing given a wrong API key', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: 'b000000000000000000000000000000000000009',
      userKey: JANE_KEY,
      body: { username: 'x' },
    })

    expect(response.status).toBe(403)
    expect(response.body).toEqual({ detail: 'No such API Key.' })
    expect(snapshot(mock)).toEqual(before)
  })
})

describe('PATCH users/<id>/', () => {
  let mock: SyncanoMock
  beforeEach(async () => {
    mock = createSyncanoMock({ fixtures })
    await mock.ready
  })

  test('changes nothing and answers the user given an empty body', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: {},
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS))
    expect(snapshot(mock)).toEqual(before)
  })

  test('changes nothing given an empty profile', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { profile: {} },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS))
    expect(snapshot(mock)).toEqual(before)
  })

  test('changes nothing given the values the user already has', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: {
        username: 'jane',
        profile: { nickname: 'J', age: '30', owner_permissions: 2 },
      },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS))
    expect(snapshot(mock)).toEqual(before)
  })

  test('keeps the key and the profile given a new password', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      body: { password: ' s3cret ' },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS))
    expect(snapshot(mock)).toEqual({
      ...before,
      users: before.users.map((user) =>
        user.id === 5 ? { ...user, password: 's3cret' } : user,
      ),
    })
  })

  test('echoes the new case given its own name in capitals', async () => {
    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { username: 'JANE' },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS, { username: 'JANE' }))
    expect(stored(mock).user?.username).toBe('jane')
  })

  test("returns 400 and changes nothing given another user's name in capitals", async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { username: 'John', password: 'new' },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({ username: ['This field must be unique.'] })
    expect(snapshot(mock)).toEqual(before)
  })

  test('returns 400 and changes nothing given a null username and a blank password', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { username: null, password: '' },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      username: ['This field may not be null.'],
      password: ['This field may not be blank.'],
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test('bumps updated_at but not revision given only permission changes', async () => {
    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { profile: { other_permissions: 'none', group: 1 } },
    })

    const profile = {
      updated_at: STAMP,
      other_permissions: 'none',
      group: 1,
      links: {
        self: `${DOCS}/classes/user_profile/objects/1/`,
        owner: `${DOCS}/users/5/`,
        group: `${DOCS}/groups/1/`,
      },
    }
    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS, { profile }))
    expect(stored(mock).profile).toMatchObject({
      updated_at: STAMP,
      revision: 1,
      other_permissions: 'none',
      group: 1,
    })
  })

  test('bumps revision and updated_at given a custom field change', async () => {
    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      body: {
        profile: { nickname: 'Janie', born: '2015-01-01T12:00:00.000000Z' },
      },
    })

    const profile = {
      updated_at: STAMP,
      revision: 2,
      nickname: 'Janie',
      born: { type: 'datetime', value: '2015-01-01T12:00:00.000000Z' },
    }
    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS, { profile }))
    expect(stored(mock).profile).toMatchObject({
      updated_at: STAMP,
      revision: 2,
      data: { nickname: 'Janie', age: 30, born: '2015-01-01T12:00:00.000000Z' },
    })
  })

  test('clears a custom field given null', async () => {
    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { profile: { age: null } },
    })

    const profile = { updated_at: STAMP, revision: 2, age: null }
    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS, { profile }))
  })

  test('ignores read-only profile fields given id, owner, revision and dates', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: {
        id: 9,
        user_key: JOHN_KEY,
        groups: [],
        profile: {
          id: 9,
          owner: 6,
          revision: 7,
          created_at: '2000-01-01T00:00:00.000000Z',
          updated_at: '2000-01-01T00:00:00.000000Z',
          channel_room: 'lobby',
        },
      },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS))
    expect(snapshot(mock)).toEqual(before)
  })

  test('accepts a group the caller belongs to given a user key', async () => {
    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      body: { profile: { group: '1' } },
    })

    expect(response.status).toBe(200)
    expect(stored(mock).profile?.group).toBe(1)
  })

  test('returns 400 and changes nothing given a group the caller is not in with a user key', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      body: { username: 'janet', profile: { group: 2 } },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      profile: { group: ['Invalid group specified.'] },
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test('accepts any group given an account key', async () => {
    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { profile: { group: 2 } },
    })

    expect(response.status).toBe(200)
    expect(stored(mock).profile?.group).toBe(2)
  })

  test('returns 400 and changes nothing given a bad custom value and a bad choice', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: {
        username: 'janet',
        profile: { age: '3.5', born: 'yesterday', owner_permissions: 'all' },
      },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      profile: {
        owner_permissions: ['"all" is not a valid choice.'],
        age: ['A valid integer is required.'],
        born: [
          'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm:ss.uuuuuuZ.',
        ],
      },
    })
    expect(snapshot(mock)).toEqual(before)
  })

  // DRF reads a datetime with strptime('%Y-%m-%dT%H:%M:%S.%fZ'): %f takes
  // one to six digits, month, day and time fields may drop a leading zero,
  // and literals match in any case. The value is shown with six digits.
  test.each([
    ['2015-01-01T12:00:00.000Z', '2015-01-01T12:00:00.000000Z'],
    ['2015-01-01T12:00:00.5Z', '2015-01-01T12:00:00.500000Z'],
    ['2016-2-29t7:5:9.123456z', '2016-02-29T07:05:09.123456Z'],
  ])('stores a custom datetime given %s', async (born, shown) => {
    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { profile: { born } },
    })

    const profile = {
      updated_at: STAMP,
      revision: 2,
      born: { type: 'datetime', value: shown },
    }
    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS, { profile }))
    expect(stored(mock).profile).toMatchObject({ data: { born: shown } })
  })

  test.each([
    '2015-01-01T12:00:00Z',
    '2015-01-01T12:00:00.1234567Z',
    '2015-02-29T12:00:00.000000Z',
    '2015-01-01T12:00:60.000000Z',
    '2015-01-01 12:00:00.000000Z',
    '2015-01-01T12:00:00.000000+00:00',
  ])('returns 400 and changes nothing given the datetime %s', async (born) => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { profile: { born } },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      profile: {
        born: [
          'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm:ss.uuuuuuZ.',
        ],
      },
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test('keeps the whitespace around a custom string field', async () => {
    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { profile: { nickname: ' Janie  ' } },
    })

    const profile = { updated_at: STAMP, revision: 2, nickname: ' Janie  ' }
    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody('docs', DOCS, { profile }))
    expect(stored(mock).profile).toMatchObject({
      data: { nickname: ' Janie  ', age: 30 },
    })
  })

  // The nested profile serializer has no stored object, so the server's
  // `OpDictFieldSerializerMixin` reads no operation here.
  test('returns 400 and changes nothing given _increment on a custom integer', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { profile: { age: { _increment: 1 } } },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      profile: { age: ['A valid integer is required.'] },
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test('returns 400 and changes nothing given a custom integer out of range', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: ACCOUNT,
      body: { profile: { age: 2147483648 } },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      profile: {
        age: ['Ensure this value is less than or equal to 2147483647.'],
      },
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test('returns 403 and changes nothing given a read-role account key', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/5/', {
      apiKey: READ_ADMIN,
      body: { username: 'x' },
    })

    expect(response.status).toBe(403)
    expect(response.body).toEqual({
      detail: 'You do not have permission to perform this action.',
    })
    expect(snapshot(mock)).toEqual(before)
  })
})

describe.each<[Dialect, string]>([
  ['docs', DOCS],
  ['server', '/v1.1/instances/my-instance'],
])('PUT users/<id>/ (%s dialect)', (dialect, prefix) => {
  let mock: SyncanoMock
  beforeEach(async () => {
    mock = createSyncanoMock({ fixtures, dialect })
    await mock.ready
  })

  // test_user_api.py TestUserDetail.test_updating
  test('replaces username and password and leaves the profile given both', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PUT', 'users/5/', {
      apiKey: ACCOUNT,
      body: { username: 'John23@doe.com', password: 'test23' },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(
      janeBody(dialect, prefix, { username: 'John23@doe.com' }),
    )
    expect(snapshot(mock)).toEqual({
      ...before,
      users: before.users.map((user) =>
        user.id === 5
          ? { ...user, username: 'john23@doe.com', password: 'test23' }
          : user,
      ),
    })
  })

  test('returns 400 and changes nothing given only a username', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PUT', 'users/5/', {
      apiKey: ACCOUNT,
      body: { username: 'x' },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({ password: ['This field is required.'] })
    expect(snapshot(mock)).toEqual(before)
  })

  test('returns 400 and changes nothing given neither username nor password', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PUT', 'users/5/', {
      apiKey: ACCOUNT,
      body: { profile: { nickname: 'x' } },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      username: ['This field is required.'],
      password: ['This field is required.'],
    })
    expect(snapshot(mock)).toEqual(before)
  })

  // test_user_api.py TestUserDetail.test_updating_with_profile
  test('resets omitted permissions and keeps omitted custom fields given a profile', async () => {
    const born = '2015-01-01T12:00:00.000000Z'
    const response = await call(mock, 'PUT', 'users/5/', {
      apiKey: ACCOUNT,
      body: { username: 'jane', password: 'test23', profile: { born } },
    })

    const profile = {
      updated_at: STAMP,
      revision: 2,
      owner_permissions: 'full',
      group_permissions: 'none',
      other_permissions: 'none',
      born: { type: 'datetime', value: born },
    }
    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(dialect, prefix, { profile }))

    const read = await call(mock, 'GET', 'users/5/', { apiKey: ACCOUNT })
    expect(read.body).toEqual(janeBody(dialect, prefix, { profile }))
  })

  test('resets permissions but not revision given an empty profile', async () => {
    const response = await call(mock, 'PUT', 'users/5/', {
      apiKey: ACCOUNT,
      body: { username: 'jane', password: 'secret', profile: {} },
    })

    const profile = {
      updated_at: STAMP,
      owner_permissions: 'full',
      group_permissions: 'none',
      other_permissions: 'none',
    }
    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(dialect, prefix, { profile }))
    expect(stored(mock).profile).toMatchObject({
      revision: 1,
      updated_at: STAMP,
    })
  })

  test('keeps the permissions sent given a profile naming them', async () => {
    const response = await call(mock, 'PUT', 'users/5/', {
      apiKey: ACCOUNT,
      body: {
        username: 'jane',
        password: 'secret',
        profile: { owner_permissions: 'write', group_permissions: 'read' },
      },
    })

    const profile = { updated_at: STAMP, other_permissions: 'none' }
    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(dialect, prefix, { profile }))
  })

  // test_user_api.py TestUserDetail.test_updating_with_invalid_profile_data
  test('returns 400 and changes nothing given a wrong permission choice', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PUT', 'users/5/', {
      apiKey: ACCOUNT,
      body: {
        username: 'john23@doe.com',
        password: 'test23',
        profile: { group_permissions: 'wrong_choice' },
      },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      profile: { group_permissions: ['"wrong_choice" is not a valid choice.'] },
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test('returns 200 given an ignore_acl key', async () => {
    const response = await call(mock, 'PUT', 'users/6/', {
      apiKey: IGNORE_ACL,
      body: { username: 'johnny', password: 'x' },
    })

    expect(response.status).toBe(200)
    expect(mock.db.users.find('byId', key('my-instance', 6))).toMatchObject({
      username: 'johnny',
      password: 'x',
      user_key: JOHN_KEY,
    })
  })
})
