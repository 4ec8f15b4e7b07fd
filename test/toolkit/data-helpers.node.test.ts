import { beforeEach, describe, expect, test } from 'vitest'
import { createSyncanoMock, SyncanoMockErrorCode } from '../../src/index.ts'
import { call } from '../support/call.ts'
import { keys } from '../support/fixture-keys.ts'

const mock = createSyncanoMock()

beforeEach(() => mock.reset())

/** The id the next membership will get: the instance's sequence plus one. */
function nextMembershipId(): number {
  return (mock.db.instances.all()[0]?.sequences.memberships ?? 0) + 1
}

function dump(): string {
  return JSON.stringify(Object.values(mock.db).map((table) => table.all()))
}

describe('data.createUser', () => {
  test('stores a lowercase user with its profile and next ids', async () => {
    const membershipId = nextMembershipId()
    const user = await mock.data.createUser({
      username: ' Kate ',
      password: 'pw',
      groups: [1],
      profile: { nickname: 'K', age: '33', other_permissions: 'read' },
    })

    expect(user).toEqual({
      instance: 'my-instance',
      id: 11,
      username: 'kate',
      password: 'pw',
      user_key: user.user_key,
    })
    expect(user.user_key).toMatch(/^[a-f0-9]{39}[02468ace]$/)
    expect(mock.data.profile(11)).toEqual({
      instance: 'my-instance',
      id: 11,
      owner: 11,
      created_at: mock.data.profile(11)?.created_at,
      updated_at: mock.data.profile(11)?.created_at,
      revision: 1,
      owner_permissions: 'full',
      group: null,
      group_permissions: 'none',
      other_permissions: 'read',
      channel: null,
      channel_room: null,
      data: { nickname: 'K', age: 33 },
    })
    expect(mock.data.memberships({ user: 11 })).toEqual([
      { instance: 'my-instance', id: membershipId, user: 11, group: 1 },
    ])
  })

  test('makes a user the HTTP API sees, with a working key', async () => {
    const user = await mock.data.createUser({ username: 'kate' })

    const answer = await call(mock, 'GET', 'user/', {
      apiKey: keys.apiKey,
      userKey: user.user_key,
    })

    const body = answer.body as {
      id: number
      username: string
      groups: unknown
    }
    expect([answer.status, body.id, body.username, body.groups]).toEqual([
      200,
      user.id,
      'kate',
      [],
    ])
  })

  test('takes ids from the sequence after an HTTP create', async () => {
    await call(mock, 'POST', 'users/', {
      apiKey: keys.apiKey,
      body: { username: 'viahttp', password: 'x' },
    })

    const user = await mock.data.createUser()

    expect(user.id).toBe(12)
    expect(mock.data.profile(12)?.id).toBe(12)
  })

  test('refuses a taken username in any case and changes nothing', async () => {
    const before = dump()

    const failure = mock.data.createUser({ username: 'JANE' })

    await expect(failure).rejects.toThrow(
      '[syncano-mock] Failed to write data: invalid user: username: This field must be unique.',
    )
    await expect(failure).rejects.toMatchObject({
      code: SyncanoMockErrorCode.INVALID_OPTION,
    })
    expect(dump()).toBe(before)
  })

  test('refuses a profile value of the wrong type', async () => {
    await expect(
      mock.data.createUser({ profile: { age: 'old' } }),
    ).rejects.toThrow(
      '[syncano-mock] Failed to write data: invalid user: profile.age: A valid integer is required.',
    )
  })

  test('refuses a user key of odd parity or already taken', async () => {
    await expect(
      mock.data.createUser({ user_key: 'a'.repeat(39) + '1' }),
    ).rejects.toThrow(
      `[syncano-mock] Failed to write data: key "${'a'.repeat(39)}1" must be 40 hex characters ending in an even digit.`,
    )
    await expect(mock.data.createUser({ user_key: keys.jane })).rejects.toThrow(
      `[syncano-mock] Failed to write data: key "${keys.jane}" is already taken.`,
    )
  })

  test('refuses an unknown group and changes nothing', async () => {
    const before = dump()

    const failure = mock.data.createUser({ groups: [99] })

    await expect(failure).rejects.toThrow(
      '[syncano-mock] Failed to write data: unknown group "99" in instance "my-instance".',
    )
    await expect(failure).rejects.toMatchObject({
      code: SyncanoMockErrorCode.UNKNOWN_RECORD,
    })
    expect(dump()).toBe(before)
  })
})

describe('data.createUser groups', () => {
  test.each([
    [['1'], 'groups must be an array of group ids (integers), got ["1"].'],
    ['1', 'groups must be an array of group ids (integers), got "1".'],
    [[1.5], 'groups must be an array of group ids (integers), got [1.5].'],
  ])(
    'refuses the groups %j before writing anything',
    async (groups, message) => {
      const before = dump()

      const error = await mock.data
        .createUser({ username: 'ghost', groups: groups as never })
        .catch((e) => e)

      expect(error.code).toBe(SyncanoMockErrorCode.INVALID_OPTION)
      expect(error.message).toBe(
        `[syncano-mock] Failed to write data: ${message}`,
      )
      expect(dump()).toEqual(before)
    },
  )

  test('refuses a user key that is not a string before writing anything', async () => {
    const before = dump()

    const error = await mock.data
      .createUser({ user_key: 5 as never })
      .catch((e) => e)

    expect(error.code).toBe(SyncanoMockErrorCode.INVALID_OPTION)
    expect(error.message).toBe(
      '[syncano-mock] Failed to write data: key 5 must be 40 hex characters ending in an even digit.',
    )
    expect(dump()).toEqual(before)
  })
})

describe('data.createGroup and createApiKey field types', () => {
  test.each([
    [{ label: 5 }, 'label must be a string, got 5.'],
    [{ description: null }, 'description must be a string, got null.'],
  ])('createGroup refuses %j and writes nothing', async (input, message) => {
    const before = dump()

    const error = await mock.data.createGroup(input as never).catch((e) => e)

    expect(error.code).toBe(SyncanoMockErrorCode.INVALID_OPTION)
    expect(error.message).toBe(
      `[syncano-mock] Failed to write data: ${message}`,
    )
    expect(dump()).toEqual(before)
  })

  test.each([
    [{ ignore_acl: 'yes' }, 'ignore_acl must be a boolean, got "yes".'],
    [{ description: 5 }, 'description must be a string, got 5.'],
    [{ api_key: 5 }, 'key 5 must be 40 hex characters ending in an odd digit.'],
  ])('createApiKey refuses %j and writes nothing', async (input, message) => {
    const before = dump()

    const error = await mock.data.createApiKey(input as never).catch((e) => e)

    expect(error.code).toBe(SyncanoMockErrorCode.INVALID_OPTION)
    expect(error.message).toBe(
      `[syncano-mock] Failed to write data: ${message}`,
    )
    expect(dump()).toEqual(before)
  })
})

describe('data helpers given no object', () => {
  test.each([
    ['createUser', null, 'createUser takes an object, got null.'],
    ['createGroup', null, 'createGroup takes an object, got null.'],
    ['createApiKey', null, 'createApiKey takes an object, got null.'],
    ['createUser', 'kate', 'createUser takes an object, got "kate".'],
    ['createGroup', [], 'createGroup takes an object, got [].'],
  ] as const)(
    '%s refuses %j and writes nothing',
    async (name, input, message) => {
      const before = dump()

      const error = await mock.data[name](input as never).catch((e) => e)

      expect(error.code).toBe(SyncanoMockErrorCode.INVALID_OPTION)
      expect(error.message).toBe(
        `[syncano-mock] Failed to write data: ${message}`,
      )
      expect(dump()).toEqual(before)
    },
  )

  test('in() refuses an instance name that is not a string', () => {
    const error = (() => {
      try {
        mock.data.in(5 as never)
      } catch (caught) {
        return caught as { code: string; message: string }
      }
    })()

    expect([error?.code, error?.message]).toEqual([
      SyncanoMockErrorCode.INVALID_OPTION,
      '[syncano-mock] data.in() takes an instance name (a string), got 5.',
    ])
  })
})

describe('data readers given a value of the wrong type', () => {
  test.each([
    ['user', null, 'data.user() takes a user id or username, got null.'],
    ['user', true, 'data.user() takes a user id or username, got true.'],
    ['apiKey', 5, 'data.apiKey() takes a key (a string), got 5.'],
  ] as const)('%s(%j) throws INVALID_OPTION', (name, value, message) => {
    expect(() => mock.data[name](value as never)).toThrow(
      expect.objectContaining({
        code: SyncanoMockErrorCode.INVALID_OPTION,
        message: `[syncano-mock] ${message}`,
      }),
    )
  })
})

describe('data.addMembership ids', () => {
  test('refuses a group id that is not an integer and writes nothing', async () => {
    const before = dump()

    const error = await mock.data.addMembership(3, '1' as never).catch((e) => e)

    expect(error.code).toBe(SyncanoMockErrorCode.INVALID_OPTION)
    expect(error.message).toBe(
      '[syncano-mock] Failed to write data: group must be an integer id, got "1".',
    )
    expect(dump()).toEqual(before)
  })
})

describe('data.createGroup', () => {
  test('stores a group with a lowercase name and the next id', async () => {
    const group = await mock.data.createGroup({
      name: ' Admins ',
      label: 'Admins',
    })

    expect(group).toEqual({
      instance: 'my-instance',
      id: 4,
      name: 'admins',
      label: 'Admins',
      description: '',
    })
    expect(mock.data.group(4)).toEqual(group)
  })

  test('refuses a taken name', async () => {
    await mock.data.createGroup({ name: 'admins' })

    await expect(mock.data.createGroup({ name: 'ADMINS' })).rejects.toThrow(
      '[syncano-mock] Failed to write data: group name "admins" is already taken.',
    )
  })
})

describe('data.addMembership', () => {
  test('adds a membership the HTTP API lists', async () => {
    const membershipId = nextMembershipId()
    const membership = await mock.data.addMembership(3, 1)

    const answer = await call(mock, 'GET', 'users/3/', { apiKey: keys.account })

    expect(membership).toEqual({
      instance: 'my-instance',
      id: membershipId,
      user: 3,
      group: 1,
    })
    expect(
      (answer.body as { groups: Array<{ id: number }> }).groups.map(
        (g) => g.id,
      ),
    ).toEqual([1])
  })

  test('refuses a membership that exists', async () => {
    await expect(mock.data.addMembership(1, 1)).rejects.toThrow(
      '[syncano-mock] Failed to write data: user "1" and group "1": User is already a part of that group.',
    )
  })

  test('refuses a 33rd group', async () => {
    for (let index = 0; index < 31; index++) {
      const group = await mock.data.createGroup()
      await mock.data.addMembership(1, group.id)
    }
    const last = await mock.data.createGroup()

    await expect(mock.data.addMembership(1, last.id)).rejects.toThrow(
      "[syncano-mock] Failed to write data: User's group count exceeded (32).",
    )
  })

  test('refuses an unknown user', async () => {
    await expect(mock.data.addMembership(99, 1)).rejects.toThrow(
      '[syncano-mock] Failed to write data: unknown user "99" in instance "my-instance".',
    )
  })
})

describe('data.createApiKey', () => {
  test('stores an odd-parity key with no rights unless given', async () => {
    const apiKey = await mock.data.createApiKey({ allow_user_create: true })

    expect(apiKey).toEqual({
      instance: 'my-instance',
      id: 3,
      api_key: apiKey.api_key,
      description: '',
      ignore_acl: false,
      allow_user_create: true,
      allow_group_create: false,
      allow_anonymous_read: false,
    })
    expect(apiKey.api_key).toMatch(/^[a-f0-9]{39}[13579bdf]$/)
    expect(mock.data.apiKey(apiKey.api_key.toUpperCase())).toEqual(apiKey)
  })

  test('makes a key the HTTP API accepts', async () => {
    const apiKey = await mock.data.createApiKey({ allow_user_create: true })

    const answer = await call(mock, 'POST', 'users/', {
      apiKey: apiKey.api_key,
      body: { username: 'kate', password: 'x' },
    })

    expect(answer.status).toBe(201)
  })
})

describe('data readers', () => {
  test('find users by id or username and list them by id', () => {
    expect(mock.data.user('Jane')?.id).toBe(1)
    expect(mock.data.user(2)?.username).toBe('john')
    expect(mock.data.user(99)).toBeUndefined()
    expect(mock.data.users().map((user) => user.id)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ])
  })

  test('return copies that leave the data alone', () => {
    const user = mock.data.user(1)
    if (user) user.username = 'changed'

    expect(mock.data.user(1)?.username).toBe('jane')
  })

  test('throw given an unknown instance for a write', async () => {
    await expect(mock.data.in('nowhere').createUser()).rejects.toThrow(
      '[syncano-mock] Failed to write data: unknown instance "nowhere". Name one of the fixtures.',
    )
  })
})

describe('data.createGroup names', () => {
  test.each([
    [
      '1abc-',
      'Value has to start with a letter. Value has to end with a letter or a number.',
    ],
    ['', 'This field may not be blank.'],
    [
      'a'.repeat(100),
      'Ensure this value has at most 64 characters (it has 100).',
    ],
    [
      'a b',
      'Enter a valid value consisting of letters, numbers, underscores, hyphens.',
    ],
  ])('refuses the name %j with the API message', async (name, message) => {
    const before = dump()

    const error = await mock.data.createGroup({ name }).catch((e) => e)

    expect(error.code).toBe(SyncanoMockErrorCode.INVALID_OPTION)
    expect(error.message).toBe(
      `[syncano-mock] Failed to write data: invalid group name "${name}": ${message}`,
    )
    expect(dump()).toEqual(before)
  })
})

describe('fixture profile values', () => {
  test('are stored as users/ stores them', async () => {
    const own = createSyncanoMock({
      fixtures: {
        instances: [
          {
            name: 'a',
            profile_schema: [
              { name: 'age', type: 'integer' },
              { name: 'nickname', type: 'string' },
            ],
            users: [{ username: 'kate', profile: { age: '30' } }],
          },
        ],
      },
    })
    await own.reset()

    expect(own.data.profile(1)?.data).toEqual({ age: 30, nickname: null })
  })
})
