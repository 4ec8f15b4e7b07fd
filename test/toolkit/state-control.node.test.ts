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

  function joinGroups(tables: Snapshot['tables'], count: number): void {
    for (let id = 10; id < 10 + count; id++) {
      tables.groups.push(group(id))
      tables.memberships.push({
        instance: 'my-instance',
        id: 100 + id,
        user: 3,
        group: id,
      })
    }
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
      '$.tables.memberships[38].group: user 3 is in more than 32 groups',
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
