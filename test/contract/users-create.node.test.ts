// Contract of POST users/ (spec 3.1, 3.2, 4.1, 4.2, 4.4 and 4.5). Behaviours
// pinned by the server's apps/users/tests/test_user_api.py (TestUserList)
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
const CREATE_KEY = 'b000000000000000000000000000000000000003'
const IGNORE_ACL = 'b000000000000000000000000000000000000005'
const GROUP_KEY = 'b000000000000000000000000000000000000007'
const JANE_KEY = 'c000000000000000000000000000000000000000'

/** The moment every create of this file happens at. */
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678)
const STAMP = formatTimestamp(NOW * 1000)

// Three users (ids 5 to 7) and three profiles (ids 1 to 3): a new user gets
// id 8 and profile id 4.
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
        { api_key: CREATE_KEY, allow_user_create: true },
        { api_key: IGNORE_ACL, ignore_acl: true },
        { api_key: GROUP_KEY, allow_group_create: true },
      ],
      profile_schema: [
        { name: 'nickname', type: 'string' },
        { name: 'age', type: 'integer' },
      ],
      groups: [{ id: 1, name: 'staff', label: 'Staff' }],
      users: [
        { id: 5, username: 'jane', user_key: JANE_KEY, groups: [1] },
        { id: 6, username: 'john' },
        { id: 7, username: 'alice' },
      ],
    },
  ],
}

/** The whole body of the user a create makes, with id 8 and profile id 4. */
function createdBody(
  prefix: string,
  username: string,
  userKey: string,
  profile: Record<string, unknown> = {},
) {
  const self = `${prefix}/users/8/`
  const profileSelf = `${prefix}/classes/user_profile/objects/4/`
  return {
    id: 8,
    username,
    profile: {
      id: 4,
      created_at: STAMP,
      updated_at: STAMP,
      revision: 1,
      owner: 8,
      owner_permissions: 'full',
      group: null,
      group_permissions: 'none',
      other_permissions: 'none',
      channel: null,
      channel_room: null,
      nickname: null,
      age: null,
      ...profile,
      links: { self: profileSelf, owner: self },
    },
    groups: [],
    user_key: userKey,
    links: {
      self,
      groups: `${self}groups/`,
      'reset-key': `${self}reset_key/`,
      profile: profileSelf,
    },
  }
}

/** What a failed write must leave as it was. */
function snapshot(mock: SyncanoMock) {
  const instance = mock.db.instances.find('byName', 'my-instance')
  return structuredClone({
    users: mock.db.users.all(),
    profiles: mock.db.profiles.all(),
    memberships: mock.db.memberships.all(),
    sequences: instance?.sequences,
  })
}

function keyOf(body: unknown): string {
  return (body as { user_key: string }).user_key
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterAll(() => {
  vi.useRealTimers()
})

describe.each<[Dialect, 'v1' | 'v1.1', string]>([
  ['docs', 'v1.1', '/v1/instances/my-instance'],
  ['server', 'v1.1', '/v1.1/instances/my-instance'],
  ['server', 'v1', '/v1/instances/my-instance'],
])('POST users/ (%s dialect, %s)', (dialect, version, prefix) => {
  let mock: SyncanoMock
  beforeEach(async () => {
    vi.setSystemTime(NOW)
    mock = createSyncanoMock({ fixtures, dialect })
    await mock.ready
  })

  // test_user_api.py TestUserList.test_adding
  test('returns 201 with the new user and a default profile given a username and a password', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      version,
      body: { username: 'gordon', password: 'crowbar' },
    })

    const userKey = keyOf(response.body)
    expect(response.status).toBe(201)
    expect(response.headers.get('location')).toBeNull()
    expect(response.body).toEqual(createdBody(prefix, 'gordon', userKey))
    expect(userKey).toMatch(/^[0-9a-f]{39}[02468ace]$/)
    expect(mock.db.users.find('byId', key('my-instance', 8))).toEqual({
      instance: 'my-instance',
      id: 8,
      username: 'gordon',
      password: 'crowbar',
      user_key: userKey,
    })

    const read = await call(mock, 'GET', 'users/8/', {
      apiKey: ACCOUNT,
      version,
    })
    expect(read.body).toEqual(response.body)
  })

  test('echoes the submitted case and stores the name lowercased given a mixed-case username', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      version,
      body: { username: '  Gordon Freeman ', password: ' crowbar ' },
    })

    const userKey = keyOf(response.body)
    expect(response.status).toBe(201)
    expect(response.body).toEqual(
      createdBody(prefix, 'Gordon Freeman', userKey),
    )
    expect(mock.db.users.find('byId', key('my-instance', 8))).toMatchObject({
      username: 'gordon freeman',
      password: 'crowbar',
    })

    const read = await call(mock, 'GET', 'users/8/', {
      apiKey: ACCOUNT,
      version,
    })
    expect(read.body).toEqual(createdBody(prefix, 'gordon freeman', userKey))
  })

  // test_user_api.py TestUserList.test_adding_with_profile
  test('applies the sent profile data given a profile', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      version,
      body: {
        username: 'gordon',
        password: 'crowbar',
        profile: {
          group_permissions: 'write',
          other_permissions: 1,
          owner_permissions: '2',
          group: 1,
          nickname: 'G',
          age: '27',
        },
      },
    })

    const profile = {
      group_permissions: 'write',
      other_permissions: 'read',
      owner_permissions: 'write',
      group: 1,
      nickname: 'G',
      age: 27,
    }
    const body = createdBody(prefix, 'gordon', keyOf(response.body), profile)
    body.profile.links = {
      ...body.profile.links,
      group: `${prefix}/groups/1/`,
    } as typeof body.profile.links
    expect(response.status).toBe(201)
    expect(response.body).toEqual(body)
    expect(mock.db.profiles.find('byOwner', key('my-instance', 8))).toEqual({
      instance: 'my-instance',
      id: 4,
      owner: 8,
      created_at: STAMP,
      updated_at: STAMP,
      revision: 1,
      owner_permissions: 'write',
      group: 1,
      group_permissions: 'write',
      other_permissions: 'read',
      channel: null,
      channel_room: null,
      data: { nickname: 'G', age: 27 },
    })
  })
})

describe('POST users/', () => {
  let mock: SyncanoMock
  beforeEach(async () => {
    vi.setSystemTime(NOW)
    mock = createSyncanoMock({ fixtures })
    await mock.ready
  })

  test('accepts a number as username and stores its text given 1337', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: { username: 1337, password: 42 },
    })

    expect(response.status).toBe(201)
    expect(response.body).toEqual(
      createdBody('/v1/instances/my-instance', '1337', keyOf(response.body)),
    )
    expect(mock.db.users.find('byId', key('my-instance', 8))).toMatchObject({
      username: '1337',
      password: '42',
    })
  })

  test('ignores unknown and read-only fields given id, user_key, groups and extra keys', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: {
        username: 'gordon',
        password: 'crowbar',
        id: 99,
        user_key: 'c000000000000000000000000000000000000004',
        groups: [1],
        links: {},
        email: 'gordon@example.com',
        profile: { id: 77, owner: 5, revision: 9, created_at: 'x', extra: 1 },
      },
    })

    const userKey = keyOf(response.body)
    expect(response.status).toBe(201)
    expect(response.body).toEqual(
      createdBody('/v1/instances/my-instance', 'gordon', userKey),
    )
    expect(userKey).not.toBe('c000000000000000000000000000000000000004')
    expect(mock.db.users.find('byId', key('my-instance', 99))).toBeUndefined()
  })

  test('accepts a username of 64 characters after trimming given 66 with spaces', async () => {
    const name = 'x'.repeat(64)
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: { username: ` ${name} `, password: 'p'.repeat(128) },
    })

    expect(response.status).toBe(201)
    expect(response.body).toEqual(
      createdBody('/v1/instances/my-instance', name, keyOf(response.body)),
    )
  })

  test('hands out a new id, never a deleted one, given a create after a delete', async () => {
    await call(mock, 'DELETE', 'users/7/', { apiKey: ACCOUNT })

    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: { username: 'alice', password: 'x' },
    })

    expect(response.status).toBe(201)
    expect(response.body).toEqual(
      createdBody('/v1/instances/my-instance', 'alice', keyOf(response.body)),
    )
  })

  test('accepts a username another user dropped given a create after its delete', async () => {
    await call(mock, 'DELETE', 'users/6/', { apiKey: ACCOUNT })

    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: { username: 'JOHN', password: 'x' },
    })

    expect(response.status).toBe(201)
    expect((response.body as { username: string }).username).toBe('JOHN')
  })

  // test_user_api.py TestUserList.test_adding (API key with allow_user_create)
  test('returns 201 given an API key with allow_user_create', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: CREATE_KEY,
      body: { username: 'gordon', password: 'x' },
    })

    expect(response.status).toBe(201)
    expect(response.body).toEqual(
      createdBody('/v1/instances/my-instance', 'gordon', keyOf(response.body)),
    )
  })

  test('returns 201 given an ignore_acl key', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: IGNORE_ACL,
      body: { username: 'gordon', password: 'x' },
    })

    expect(response.status).toBe(201)
    expect(response.body).toEqual(
      createdBody('/v1/instances/my-instance', 'gordon', keyOf(response.body)),
    )
  })

  test('accepts any group given allow_user_create and a stale user key', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: CREATE_KEY,
      userKey: 'c000000000000000000000000000000000000008',
      body: { username: 'gordon', password: 'x', profile: { group: 1 } },
    })

    // A stale user key is ignored, so the group needs no membership.
    expect(response.status).toBe(201)
  })

  test('returns 400 given a group the caller does not belong to with a user key', async () => {
    mock.db.memberships.remove(mock.db.memberships.all()[0]!)
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/', {
      apiKey: CREATE_KEY,
      userKey: JANE_KEY,
      body: { username: 'gordon', password: 'x', profile: { group: 1 } },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      profile: { group: ['Invalid group specified.'] },
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test.each<[string, string]>([
    ['no key', ''],
    ['a plain API key', PLAIN_KEY],
    ['an allow_group_create key', GROUP_KEY],
    ['a read-role account key', READ_ADMIN],
  ])('returns 403 and creates nothing given %s', async (_, apiKey) => {
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/', {
      apiKey,
      body: { username: 'gordon', password: 'x' },
    })

    expect(response.status).toBe(403)
    expect(response.body).toEqual({
      detail: 'You do not have permission to perform this action.',
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test('returns 403 and creates nothing given a plain API key and a user key', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      body: { username: 'gordon', password: 'x' },
    })

    expect(response.status).toBe(403)
    expect(response.body).toEqual({
      detail: 'You do not have permission to perform this action.',
    })
    expect(snapshot(mock)).toEqual(before)
  })

  test('creates the next user with the next ids given a failed create before it', async () => {
    await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: { username: 'jane', password: 'x' },
    })

    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: { username: 'gordon', password: 'x' },
    })
    expect(response.body).toEqual(
      createdBody('/v1/instances/my-instance', 'gordon', keyOf(response.body)),
    )
  })
})

describe.each<Dialect>(['docs', 'server'])(
  'POST users/ with a bad body (%s dialect)',
  (dialect) => {
    let mock: SyncanoMock
    beforeEach(async () => {
      mock = createSyncanoMock({ fixtures, dialect })
      await mock.ready
    })

    const tooLongName = ` ${'n'.repeat(65)} `
    const tooLongPassword = 'p'.repeat(129)
    const usernameLength =
      dialect === 'docs'
        ? 'Ensure this value has at most 64 characters (it has 65).'
        : 'Ensure this field has no more than 64 characters.'
    const passwordLength =
      dialect === 'docs'
        ? 'Ensure this value has at most 128 characters (it has 129).'
        : 'Ensure this field has no more than 128 characters.'

    const cases: Array<[string, unknown, unknown]> = [
      [
        'an empty object',
        {},
        {
          username: ['This field is required.'],
          password: ['This field is required.'],
        },
      ],
      [
        'blank fields',
        { username: '', password: '   ' },
        {
          username: ['This field may not be blank.'],
          password: ['This field may not be blank.'],
        },
      ],
      [
        'null fields',
        { username: null, password: null },
        {
          username: ['This field may not be null.'],
          password: ['This field may not be null.'],
        },
      ],
      [
        'a boolean username and an object password',
        { username: true, password: { a: 1 } },
        {
          username: ['Not a valid string.'],
          password: ['Not a valid string.'],
        },
      ],
      [
        'an array username',
        { username: ['jane'], password: 'x' },
        { username: ['Not a valid string.'] },
      ],
      [
        'too long fields',
        { username: tooLongName, password: tooLongPassword },
        { username: [usernameLength], password: [passwordLength] },
      ],
      [
        'a taken username in another case',
        { username: ' JANE ', password: 'x' },
        { username: ['This field must be unique.'] },
      ],
      [
        'a missing password and a bad profile',
        { username: 'gordon', profile: { group_permissions: 'wrong_choice' } },
        {
          password: ['This field is required.'],
          profile: {
            group_permissions: ['"wrong_choice" is not a valid choice.'],
          },
        },
      ],
      [
        'a JSON array',
        [{ username: 'gordon' }],
        {
          non_field_errors: [
            'Invalid data. Expected a dictionary, but got list.',
          ],
        },
      ],
      [
        'a JSON string',
        '"gordon"',
        {
          non_field_errors: [
            'Invalid data. Expected a dictionary, but got str.',
          ],
        },
      ],
      [
        'a JSON number',
        '12',
        {
          non_field_errors: [
            'Invalid data. Expected a dictionary, but got int.',
          ],
        },
      ],
      ['JSON null', 'null', { non_field_errors: ['No data provided'] }],
    ]

    test.each(cases)(
      'returns 400 and creates nothing given %s',
      async (_, body, errors) => {
        const before = snapshot(mock)

        const response = await call(mock, 'POST', 'users/', {
          apiKey: ACCOUNT,
          body,
          headers: { 'content-type': 'application/json' },
        })

        expect(response.status).toBe(400)
        expect(response.body).toEqual(errors)
        expect(snapshot(mock)).toEqual(before)
      },
    )
  },
)

describe('POST users/ with a bad profile', () => {
  let mock: SyncanoMock
  beforeEach(async () => {
    mock = createSyncanoMock({ fixtures })
    await mock.ready
  })

  // test_user_api.py TestUserList.test_adding_with_invalid_profile_data
  const cases: Array<[string, unknown, unknown]> = [
    [
      'a wrong permission choice',
      { group_permissions: 'wrong_choice' },
      { group_permissions: ['"wrong_choice" is not a valid choice.'] },
    ],
    [
      'permissions out of range, null and boolean',
      {
        owner_permissions: 4,
        group_permissions: null,
        other_permissions: true,
      },
      {
        owner_permissions: ['"4" is not a valid choice.'],
        group_permissions: ['This field may not be null.'],
        other_permissions: ['"True" is not a valid choice.'],
      },
    ],
    [
      'a group of the wrong type',
      { group: 'abc' },
      { group: ['Incorrect type. Expected pk value, received str.'] },
    ],
    [
      'an unknown group',
      { group: 9 },
      { group: ['Invalid pk "9" - object does not exist.'] },
    ],
    [
      'an unknown channel',
      { channel: 'news' },
      { channel: ['Object with name=news does not exist.'] },
    ],
    [
      'custom values of the wrong type',
      { nickname: ['x'], age: 'old' },
      {
        nickname: ['Not a valid string.'],
        age: ['A valid integer is required.'],
      },
    ],
    [
      'a string nickname over 128 characters',
      { nickname: 'n'.repeat(129) },
      { nickname: ['Ensure this field has no more than 128 characters.'] },
    ],
    [
      'a string',
      'nick',
      {
        non_field_errors: ['Invalid data. Expected a dictionary, but got str.'],
      },
    ],
    [
      'an array',
      [],
      {
        non_field_errors: [
          'Invalid data. Expected a dictionary, but got list.',
        ],
      },
    ],
  ]

  test.each(cases)(
    'returns 400 and creates nothing given %s',
    async (_, profile, errors) => {
      const before = snapshot(mock)

      const response = await call(mock, 'POST', 'users/', {
        apiKey: ACCOUNT,
        body: { username: 'gordon', password: 'x', profile },
      })

      expect(response.status).toBe(400)
      expect(response.body).toEqual({ profile: errors })
      expect(snapshot(mock)).toEqual(before)
    },
  )

  test('returns 400 and creates nothing given a null profile', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: { username: 'gordon', password: 'x', profile: null },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({ profile: ['This field may not be null.'] })
    expect(snapshot(mock)).toEqual(before)
  })
})

describe('POST users/ with typed profile fields', () => {
  const typed: FixturesInput = {
    admins: [{ email: 'admin@example.com', account_key: ACCOUNT }],
    instances: [
      {
        name: 'my-instance',
        owner: 'admin@example.com',
        profile_schema: [
          { name: 'ref', type: 'reference', target: 'self' },
          { name: 'born', type: 'datetime' },
          { name: 'bio', type: 'text' },
          { name: 'score', type: 'float' },
          { name: 'active', type: 'boolean' },
          { name: 'notes', type: 'text' },
        ],
      },
    ],
  }
  let mock: SyncanoMock
  beforeEach(async () => {
    vi.setSystemTime(NOW)
    mock = createSyncanoMock({ fixtures: typed })
    await mock.ready
  })

  // test_user_api.py TestUserList.test_adding_with_profile
  test('shows typed values wrapped and plain values as they are given every kind', async () => {
    const born = '2015-01-01T12:00:00.000000Z'
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: {
        username: 'john233@doe.com',
        password: 'test23',
        profile: { ref: 1, born, bio: 'Hi', score: '1.5', active: 'yes' },
      },
    })

    const self = '/v1/instances/my-instance/users/1/'
    const profileSelf =
      '/v1/instances/my-instance/classes/user_profile/objects/1/'
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: 1,
      username: 'john233@doe.com',
      profile: {
        id: 1,
        created_at: STAMP,
        updated_at: STAMP,
        revision: 1,
        owner: 1,
        owner_permissions: 'full',
        group: null,
        group_permissions: 'none',
        other_permissions: 'none',
        channel: null,
        channel_room: null,
        ref: { type: 'reference', target: 'self', value: 1 },
        born: { type: 'datetime', value: born },
        bio: 'Hi',
        score: 1.5,
        active: true,
        notes: null,
        links: { self: profileSelf, owner: self },
      },
      groups: [],
      user_key: keyOf(response.body),
      links: {
        self,
        groups: `${self}groups/`,
        'reset-key': `${self}reset_key/`,
        profile: profileSelf,
      },
    })
  })

  test('returns 400 given values each kind refuses', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: {
        username: 'gordon',
        password: 'x',
        profile: {
          ref: 'abc',
          born: '2015-01-01',
          score: 'many',
          active: 'maybe',
        },
      },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      profile: {
        ref: ['A valid integer is required.'],
        born: [
          'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm:ss.uuuuuuZ.',
        ],
        score: ['A valid number is required.'],
        // `NullBooleanFieldSerializer` (apps/data/field_serializers.py)
        // replaces DRF's message with its own.
        active: ['Not a valid boolean.'],
      },
    })
    expect(mock.db.users.count()).toBe(0)
  })

  test.each([[['yes']], [{ on: true }], [2]])(
    'returns 400 and creates nothing given the boolean %j',
    async (active) => {
      const response = await call(mock, 'POST', 'users/', {
        apiKey: ACCOUNT,
        body: { username: 'gordon', password: 'x', profile: { active } },
      })

      expect(response.status).toBe(400)
      expect(response.body).toEqual({
        profile: { active: ['Not a valid boolean.'] },
      })
      expect(mock.db.users.count()).toBe(0)
    },
  )

  // DRF's FloatField reads text with Python's float(): no hexadecimal, but
  // underscores between digits, and no text over 1,000 characters.
  test.each([
    ['0x10', '0x10', 'A valid number is required.'],
    ['1e', '1e', 'A valid number is required.'],
    ['of 1,001 digits', '1'.repeat(1001), 'String value too large.'],
  ])(
    'returns 400 and creates nothing given the float %s',
    async (_, score, message) => {
      const response = await call(mock, 'POST', 'users/', {
        apiKey: ACCOUNT,
        body: { username: 'gordon', password: 'x', profile: { score } },
      })

      expect(response.status).toBe(400)
      expect(response.body).toEqual({ profile: { score: [message] } })
      expect(mock.db.users.count()).toBe(0)
    },
  )

  test.each([
    ['1_000.5', 1000.5],
    [' .5e1 ', 5],
  ])('stores the float %j as %s', async (score, stored) => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: { username: 'gordon', password: 'x', profile: { score } },
    })

    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ profile: { score: stored } })
    expect(mock.db.profiles.all()[0]?.data.score).toBe(stored)
  })

  // DRF 3.7.7's NullBooleanField reads these as null (NULL_VALUES); `n`
  // and `N` are false, as FALSE_VALUES is checked first.
  test.each([
    ['null', null],
    ['NULL', null],
    ['', null],
    ['N', false],
    ['on', true],
  ])('stores the boolean %j as %s', async (active, stored) => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: { username: 'gordon', password: 'x', profile: { active } },
    })

    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ profile: { active: stored } })
    expect(mock.db.profiles.all()[0]?.data.active).toBe(stored)
  })

  test('returns 201 given one text field of 32,000 characters', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: {
        username: 'gordon',
        password: 'x',
        profile: { bio: 'b'.repeat(32000) },
      },
    })

    expect(response.status).toBe(201)
    expect(mock.db.profiles.all()[0]?.data.bio).toBe('b'.repeat(32000))
  })

  test('returns 400 and creates nothing given profile data over 32 kB', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: {
        username: 'gordon',
        password: 'x',
        profile: { bio: 'b'.repeat(20000), notes: 'n'.repeat(20000) },
      },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      profile: { non_field_errors: ['Object maximum size exceeded.'] },
    })
    expect(mock.db.users.count()).toBe(0)
    expect(mock.db.profiles.count()).toBe(0)
  })

  test('returns 400 given a text field over 32,000 characters', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: {
        username: 'gordon',
        password: 'x',
        profile: { bio: 'b'.repeat(32001) },
      },
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      profile: {
        bio: ['Ensure this field has no more than 32000 characters.'],
      },
    })
    expect(mock.db.users.count()).toBe(0)
  })
})
