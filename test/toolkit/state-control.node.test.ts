import { beforeEach, describe, expect, test } from 'vitest'
import {
  createSyncanoMock,
  SyncanoMockError,
  type Snapshot,
} from '../../src/index.ts'
import { call } from '../support/call.ts'
import { keys } from '../support/fixture-keys.ts'

const mock = createSyncanoMock()

beforeEach(() => mock.reset())

function dump(target = mock): string {
  return JSON.stringify(Object.values(target.db).map((table) => table.all()))
}

describe('reset', () => {
  test('puts the fixtures back after writes, with the same keys and ids', async () => {
    const fresh = dump()
    await call(mock, 'PATCH', 'users/1/', {
      apiKey: keys.account,
      body: { username: 'x' },
    })
    await call(mock, 'POST', 'users/1/reset_key/', { apiKey: keys.account })
    await mock.data.createUser()

    await mock.reset()

    expect(dump()).toBe(fresh)
  })
})

describe('snapshot and restore', () => {
  test('brings back a state built once, any number of times', async () => {
    await mock.data.createUser({ username: 'kate' })
    const built = await mock.snapshot()
    const expected = dump()

    await call(mock, 'DELETE', 'users/1/', { apiKey: keys.account })
    await mock.restore(built)
    const first = dump()
    await mock.data.createGroup({ name: 'extra' })
    await mock.restore(built)

    expect([first, dump()]).toEqual([expected, expected])
    expect(mock.data.user('kate')?.id).toBe(11)
  })

  test('generates the same keys after each restore', async () => {
    const built = await mock.snapshot()
    const first = await mock.data.createUser({ username: 'kate' })
    await mock.restore(built)
    const second = await mock.data.createUser({ username: 'kate' })

    expect(second).toEqual(first)
  })

  test('keeps indexes working after a restore', async () => {
    const built = await mock.snapshot()
    await mock.restore(built)

    const answer = await call(mock, 'GET', 'user/', {
      apiKey: keys.apiKey,
      userKey: keys.jane,
    })

    expect(answer.status).toBe(200)
    expect((answer.body as { username: string }).username).toBe('jane')
  })

  test('survives a JSON round trip', async () => {
    await mock.data.createUser({ username: 'kate' })
    const built: Snapshot = JSON.parse(JSON.stringify(await mock.snapshot()))
    const expected = dump()
    await mock.reset()

    await mock.restore(built)

    expect(dump()).toBe(expected)
  })

  test('takes back a snapshot written by a clock past the year 9999', async () => {
    const future = createSyncanoMock({ clock: () => Date.UTC(12000, 0, 1) })
    await future.data.createUser({ username: 'kate' })
    const built = await future.snapshot()
    const expected = dump(future)
    await future.reset()

    await future.restore(built)

    expect(built.tables.profiles.at(-1)?.created_at).toBe(
      '+012000-01-01T00:00:00.000000Z',
    )
    expect(dump(future)).toBe(expected)
  })

  test('clears the journal and scenarios on restore', async () => {
    const built = await mock.snapshot()
    mock.scenarios.respond('GET users/1/', { status: 404 })
    await call(mock, 'GET', 'users/1/', { apiKey: keys.account })

    await mock.restore(built)

    expect(mock.journal.entries).toEqual([])
    expect(
      (await call(mock, 'GET', 'users/1/', { apiKey: keys.account })).status,
    ).toBe(200)
  })

  test('refuses a value that is not a snapshot and changes nothing', async () => {
    const before = dump()

    await expect(mock.restore({ version: 2 } as never)).rejects.toThrow(
      '[syncano-mock] Failed to restore a snapshot: $.version: Invalid input: expected 1.',
    )
    expect(dump()).toBe(before)
  })
})

describe('restore of a snapshot that breaks the data', () => {
  const oddKey = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345671'
  const evenKey = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'

  function group(id: number) {
    return {
      instance: 'my-instance',
      id,
      name: `extra-${id}`,
      label: '',
      description: '',
    }
  }

  /**
   * Puts user 3 in `count` new groups, the memberships first in the table,
   * so the one past the limit is at `count - 1` whatever the seed made.
   */
  function joinGroups(tables: Snapshot['tables'], count: number): void {
    const joined: Snapshot['tables']['memberships'] = []
    for (let id = 10; id < 10 + count; id++) {
      tables.groups.push(group(id))
      joined.push({ instance: 'my-instance', id: 100 + id, user: 3, group: id })
    }
    tables.memberships.unshift(...joined)
    tables.instances[0]!.sequences.groups = 9 + count
    tables.instances[0]!.sequences.memberships = 109 + count
  }

  test.each<[string, (tables: Snapshot['tables']) => void, string]>([
    [
      'two usernames that differ only in case',
      (tables) => (tables.users[1]!.username = 'JANE'),
      '$.tables.users[1].username: duplicate username (case-insensitive)',
    ],
    [
      'a username with upper case letters',
      (tables) => (tables.users[1]!.username = 'Kate'),
      '$.tables.users[1].username: expected a lowercase, trimmed username of 1 to 64 characters',
    ],
    [
      'an untrimmed username',
      (tables) => (tables.users[1]!.username = 'kate '),
      '$.tables.users[1].username: expected a lowercase, trimmed username of 1 to 64 characters',
    ],
    [
      'a username of 65 characters',
      (tables) => (tables.users[1]!.username = 'k'.repeat(65)),
      '$.tables.users[1].username: expected a lowercase, trimmed username of 1 to 64 characters',
    ],
    [
      'two users with one id',
      (tables) => (tables.users[1]!.id = 1),
      '$.tables.users[1].id: duplicate user id',
    ],
    [
      'two users with one key',
      (tables) => (tables.users[1]!.user_key = tables.users[0]!.user_key),
      '$.tables.users[1].user_key: duplicate user key',
    ],
    [
      'a user key with an odd last digit',
      (tables) => (tables.users[0]!.user_key = oddKey),
      '$.tables.users[0].user_key: expected an even last hex digit',
    ],
    [
      'a user key that is not 40 hex digits',
      (tables) => (tables.users[0]!.user_key = 'abc'),
      '$.tables.users[0].user_key: expected 40 lowercase hex characters',
    ],
    [
      'an API key with an even last digit',
      (tables) => (tables.apiKeys[0]!.api_key = evenKey),
      '$.tables.apiKeys[0].api_key: expected an odd last hex digit',
    ],
    [
      'two API keys with one key',
      (tables) => (tables.apiKeys[1]!.api_key = tables.apiKeys[0]!.api_key),
      '$.tables.apiKeys[1].api_key: duplicate API key',
    ],
    [
      'an account key with an odd last digit',
      (tables) => (tables.admins[0]!.account_key = oddKey),
      '$.tables.admins[0].account_key: expected an even last hex digit',
    ],
    [
      'a user without a profile',
      (tables) => tables.profiles.splice(0, 1),
      '$.tables.users[0]: no profile is owned by user 1',
    ],
    [
      'a second profile for one user',
      (tables) => (tables.profiles[1]!.owner = 1),
      '$.tables.profiles[1].owner: user 1 already owns a profile',
    ],
    [
      'a membership of a user that does not exist',
      (tables) => (tables.memberships[0]!.user = 999),
      '$.tables.memberships[0].user: no user has the id 999',
    ],
    [
      'a membership of a group that does not exist',
      (tables) => (tables.memberships[0]!.group = 99),
      '$.tables.memberships[0].group: no group has the id 99',
    ],
    [
      'a user in more than 32 groups',
      (tables) => joinGroups(tables, 33),
      '$.tables.memberships[32].group: user 3 is in more than 32 groups',
    ],
    [
      'a profile timestamp that is not a time',
      (tables) => (tables.profiles[0]!.created_at = 'yesterday'),
      '$.tables.profiles[0].created_at: expected a timestamp such as 2016-06-20T08:43:27.204105Z',
    ],
    [
      'a profile timestamp on a day that does not exist',
      (tables) =>
        (tables.profiles[1]!.updated_at = '2016-02-30T08:43:27.204105Z'),
      '$.tables.profiles[1].updated_at: expected a timestamp such as 2016-06-20T08:43:27.204105Z',
    ],
    [
      'a user sequence below the largest user id',
      (tables) => (tables.instances[0]!.sequences.users = 0),
      '$.tables.instances[0].sequences.users: below the largest id of its records (10)',
    ],
    [
      'a profile sequence below the largest profile id',
      (tables) => (tables.instances[0]!.sequences.objects = 9),
      '$.tables.instances[0].sequences.objects: below the largest id of its records (10)',
    ],
    [
      'a user of an instance that does not exist',
      (tables) => (tables.users[2]!.instance = 'nowhere'),
      '$.tables.users[2].instance: no instance has the name "nowhere"',
    ],
    [
      'a social token of an instance that does not exist',
      (tables) => (tables.socialTokens[0]!.instance = 'nowhere'),
      '$.tables.socialTokens[0].instance: no instance has the name "nowhere"',
    ],
  ])('refuses %s and changes nothing', async (_, edit, problem) => {
    await mock.data.createGroup({ name: 'kept' })
    const snapshot = structuredClone(await mock.snapshot())
    edit(snapshot.tables)
    const before = dump()

    const error = await mock.restore(snapshot).catch((caught) => caught)

    expect(error).toBeInstanceOf(SyncanoMockError)
    expect([error.code, error.message]).toEqual([
      'INVALID_OPTION',
      `[syncano-mock] Failed to restore a snapshot: ${problem}.`,
    ])
    expect(dump()).toBe(before)
  })

  function addField(
    tables: Snapshot['tables'],
    field: Snapshot['tables']['instances'][number]['profile_schema'][number],
    value: unknown,
  ): void {
    tables.instances[0]!.profile_schema.push(field)
    for (const profile of tables.profiles) profile.data[field.name] = null
    tables.profiles[0]!.data[field.name] = value
  }

  const idRange = 'expected an id from 1 to 2147483647'

  /** What restore() threw: its class, code and message. */
  async function refusal(snapshot: Snapshot): Promise<unknown> {
    const error = await mock.restore(snapshot).catch((caught) => caught)
    return {
      isMockError: error instanceof SyncanoMockError,
      code: error?.code,
      message: error?.message,
    }
  }

  function refused(message: string): unknown {
    return {
      isMockError: true,
      code: 'INVALID_OPTION',
      message: `[syncano-mock] ${message}`,
    }
  }

  test.each<[string, (tables: Snapshot['tables']) => void, string]>([
    [
      'a user id of 0',
      (tables) => (tables.users[0]!.id = 0),
      `$.tables.users[0].id: ${idRange}`,
    ],
    [
      'a group id past the integer limit',
      (tables) => (tables.groups[1]!.id = 2147483648),
      `$.tables.groups[1].id: ${idRange}`,
    ],
    [
      'a negative membership id',
      (tables) => (tables.memberships[0]!.id = -1),
      `$.tables.memberships[0].id: ${idRange}`,
    ],
    [
      'an API key id of 0',
      (tables) => (tables.apiKeys[0]!.id = 0),
      `$.tables.apiKeys[0].id: ${idRange}`,
    ],
    [
      'a profile id past the integer limit',
      (tables) => (tables.profiles[0]!.id = 2147483648),
      `$.tables.profiles[0].id: ${idRange}`,
    ],
    [
      'a sequence past the integer limit',
      (tables) => (tables.instances[0]!.sequences.users = 2147483648),
      '$.tables.instances[0].sequences.users: expected 0 to 2147483647',
    ],
    [
      'a negative sequence',
      (tables) => (tables.instances[0]!.sequences.api_keys = -1),
      '$.tables.instances[0].sequences.api_keys: expected 0 to 2147483647',
    ],
  ])('refuses %s and changes nothing', async (_, edit, problem) => {
    await mock.data.createGroup({ name: 'kept' })
    const snapshot = structuredClone(await mock.snapshot())
    edit(snapshot.tables)
    const before = dump()

    expect(await refusal(snapshot)).toEqual(
      refused(`Failed to restore a snapshot: ${problem}.`),
    )
    expect(dump()).toBe(before)
  })

  test.each<[string, (tables: Snapshot['tables']) => void, string]>([
    [
      'a profile without a field of the profile schema',
      (tables) => delete tables.profiles[0]!.data.age,
      '$.tables.profiles[0].data.age: missing: an unset field stores null',
    ],
    [
      'a profile with a field the profile schema lacks',
      (tables) => (tables.profiles[1]!.data.color = 'red'),
      "$.tables.profiles[1].data.color: not a field of the instance's profile_schema",
    ],
    [
      'an integer field holding text',
      (tables) => (tables.profiles[0]!.data.age = '30'),
      '$.tables.profiles[0].data.age: expected an integer from -2147483648 to 2147483647, or null',
    ],
    [
      'an integer field holding a fraction',
      (tables) => (tables.profiles[0]!.data.age = 1.5),
      '$.tables.profiles[0].data.age: expected an integer from -2147483648 to 2147483647, or null',
    ],
    [
      'an integer field past the integer limit',
      (tables) => (tables.profiles[0]!.data.age = 2147483648),
      '$.tables.profiles[0].data.age: expected an integer from -2147483648 to 2147483647, or null',
    ],
    [
      'a string field holding a number',
      (tables) => (tables.profiles[0]!.data.nickname = 5),
      '$.tables.profiles[0].data.nickname: expected a string of at most 128 characters, or null',
    ],
    [
      'a string field of 129 characters',
      (tables) => (tables.profiles[0]!.data.nickname = 'n'.repeat(129)),
      '$.tables.profiles[0].data.nickname: expected a string of at most 128 characters, or null',
    ],
    [
      'a text field of 32001 characters',
      (tables) =>
        addField(tables, { name: 'bio', type: 'text' }, 't'.repeat(32001)),
      '$.tables.profiles[0].data.bio: expected a string of at most 32000 characters, or null',
    ],
    [
      'a float field holding text',
      (tables) => addField(tables, { name: 'score', type: 'float' }, '1.5'),
      '$.tables.profiles[0].data.score: expected a finite number, or null',
    ],
    [
      'a float field holding infinity',
      (tables) => addField(tables, { name: 'score', type: 'float' }, Infinity),
      '$.tables.profiles[0].data.score: expected a finite number, or null',
    ],
    [
      'a boolean field holding 1',
      (tables) => addField(tables, { name: 'vip', type: 'boolean' }, 1),
      '$.tables.profiles[0].data.vip: expected true or false, or null',
    ],
    [
      'a datetime field without microseconds',
      (tables) =>
        addField(
          tables,
          { name: 'seen', type: 'datetime' },
          '2024-01-31T09:05:00Z',
        ),
      '$.tables.profiles[0].data.seen: expected a datetime as stored, such as "2024-01-31T09:05:00.000000Z", or null',
    ],
    [
      'a datetime field in lower case',
      (tables) =>
        addField(
          tables,
          { name: 'seen', type: 'datetime' },
          '2024-01-31t09:05:00.000000z',
        ),
      '$.tables.profiles[0].data.seen: expected a datetime as stored, such as "2024-01-31T09:05:00.000000Z", or null',
    ],
    [
      'a reference field holding text',
      (tables) =>
        addField(
          tables,
          { name: 'friend', type: 'reference', target: 'user' },
          '1',
        ),
      '$.tables.profiles[0].data.friend: expected an integer from -2147483648 to 2147483647, or null',
    ],
    [
      'a file field holding a number',
      (tables) => addField(tables, { name: 'avatar', type: 'file' }, 1),
      '$.tables.profiles[0].data.avatar: expected a string, or null',
    ],
  ])('refuses %s and changes nothing', async (_, edit, problem) => {
    const snapshot = structuredClone(await mock.snapshot())
    edit(snapshot.tables)
    const before = dump()

    expect(await refusal(snapshot)).toEqual(
      refused(`Failed to restore a snapshot: ${problem}.`),
    )
    expect(dump()).toBe(before)
  })

  test.each<[string, (tables: Snapshot['tables']) => void, string]>([
    [
      'a group label of 65 characters',
      (tables) => (tables.groups[0]!.label = 'l'.repeat(65)),
      '$.tables.groups[0].label: expected at most 64 characters',
    ],
    [
      'a group description of 257 characters',
      (tables) => (tables.groups[0]!.description = 'd'.repeat(257)),
      '$.tables.groups[0].description: expected at most 256 characters',
    ],
    [
      'a profile field with a reserved name',
      (tables) => addField(tables, { name: 'owner', type: 'string' }, null),
      '$.tables.instances[0].profile_schema[2].name: Field name "owner" is reserved',
    ],
    [
      'a profile field defined twice',
      (tables) => addField(tables, { name: 'Age', type: 'string' }, null),
      '$.tables.instances[0].profile_schema[2].name: Field "age" defined more than once',
    ],
  ])(
    'refuses %s as fixtures do, and changes nothing',
    async (_, edit, problem) => {
      const snapshot = structuredClone(await mock.snapshot())
      edit(snapshot.tables)
      const before = dump()

      expect(await refusal(snapshot)).toEqual(
        refused(`Failed to restore a snapshot: ${problem}.`),
      )
      expect(dump()).toBe(before)
    },
  )

  test('accepts every custom field type holding null or a value as stored', async () => {
    const snapshot = structuredClone(await mock.snapshot())
    addField(snapshot.tables, { name: 'bio', type: 'text' }, 'Hello ')
    addField(snapshot.tables, { name: 'score', type: 'float' }, -2.5)
    addField(snapshot.tables, { name: 'vip', type: 'boolean' }, false)
    addField(
      snapshot.tables,
      { name: 'seen', type: 'datetime' },
      '2024-01-31T09:05:00.000000Z',
    )
    addField(
      snapshot.tables,
      { name: 'friend', type: 'reference', target: 'user' },
      -2147483648,
    )
    addField(snapshot.tables, { name: 'avatar', type: 'file' }, 'a.png')
    snapshot.tables.profiles[0]!.data.age = 2147483647
    snapshot.tables.profiles[0]!.data.nickname = 'n'.repeat(128)

    await mock.restore(snapshot)

    expect(mock.db.profiles.all()[0]?.data).toEqual({
      nickname: 'n'.repeat(128),
      age: 2147483647,
      bio: 'Hello ',
      score: -2.5,
      vip: false,
      seen: '2024-01-31T09:05:00.000000Z',
      friend: -2147483648,
      avatar: 'a.png',
    })
    expect(mock.db.profiles.all()[1]?.data.vip).toBeNull()
  })

  test('accepts ids and sequences at the integer limit', async () => {
    const snapshot = structuredClone(await mock.snapshot())
    snapshot.tables.apiKeys[0]!.id = 2147483647
    snapshot.tables.instances[0]!.sequences.api_keys = 2147483647

    await mock.restore(snapshot)

    expect(mock.db.apiKeys.all()[0]?.id).toBe(2147483647)
  })

  test.each<[string, string]>([
    ['1abc', 'Value has to start with a letter'],
    ['abc-', 'Value has to end with a letter or a number'],
    [
      'a b',
      'Enter a valid value consisting of letters, numbers, underscores, hyphens',
    ],
    ['a'.repeat(65), 'Ensure this value has at most 64 characters (it has 65)'],
    [
      '-a b',
      'Value has to start with a letter. Enter a valid value consisting of letters, numbers, underscores, hyphens',
    ],
    ['', 'This field may not be blank'],
    ['Admins', 'expected a lowercase, trimmed name'],
    [' admins', 'expected a lowercase, trimmed name'],
  ])(
    'refuses the group name "%s" as fixtures do, and changes nothing',
    async (name, problem) => {
      await mock.data.createGroup({ name: 'kept' })
      const snapshot = structuredClone(await mock.snapshot())
      snapshot.tables.groups[1]!.name = name
      const before = dump()

      expect(await refusal(snapshot)).toEqual(
        refused(
          `Failed to restore a snapshot: $.tables.groups[1].name: ${problem}.`,
        ),
      )
      expect(dump()).toBe(before)
    },
  )

  test('accepts a social token whose user was renamed, as a first login makes a user anew', async () => {
    await call(mock, 'PATCH', 'users/1/', {
      apiKey: keys.account,
      body: { username: 'janet' },
    })
    const snapshot = structuredClone(await mock.snapshot())

    await mock.restore(snapshot)

    expect([
      mock.db.socialTokens.all().map((token) => token.username),
      mock.data.user(1)?.username,
      mock.db.users.all().some((user) => user.username === 'jane'),
    ]).toEqual([['jane'], 'janet', false])
  })

  test('accepts a user in exactly 32 groups', async () => {
    const snapshot = structuredClone(await mock.snapshot())
    joinGroups(snapshot.tables, 32)

    await mock.restore(snapshot)

    expect(
      mock.db.memberships.list('byUser', 'my-instance\u00003'),
    ).toHaveLength(32)
  })
})

describe('independent mocks', () => {
  test('share no data, journal or scenarios', async () => {
    const other = createSyncanoMock()
    await other.ready
    other.scenarios.billing('overdue_invoices')
    await other.data.createUser({ username: 'kate' })

    const answer = await call(mock, 'GET', 'users/1/', { apiKey: keys.account })

    expect(answer.status).toBe(200)
    expect(mock.data.user('kate')).toBeUndefined()
    expect(mock.journal.entries).toHaveLength(1)
    expect(other.journal.entries).toEqual([])
  })

  test('give the same data from the same seed', async () => {
    const [first, second] = [
      createSyncanoMock({ seed: 7 }),
      createSyncanoMock({ seed: 7 }),
    ]
    const third = createSyncanoMock({ seed: 8 })
    await Promise.all([first.ready, second.ready, third.ready])

    expect(dump(first)).toBe(dump(second))
    expect(dump(first)).not.toBe(dump(third))
  })

  test('write the same records given the same seed and a fixed clock', async () => {
    const clock = () => Date.UTC(2026, 0, 1)
    const [first, second] = [
      createSyncanoMock({ seed: 7, clock }),
      createSyncanoMock({ seed: 7, clock }),
    ]

    for (const target of [first, second]) {
      await call(target, 'POST', 'users/', {
        apiKey: keys.apiKey,
        body: { username: 'kate', password: 'x' },
      })
      await target.data.createUser()
    }

    expect(first.data.profile(12)?.created_at).toMatch(
      /^2026-01-01T00:00:00\.00000\dZ$/,
    )
    expect(dump(first)).toBe(dump(second))
  })
})
