// Contract of user/, the current user (spec 1, 2.2, 3.2 and decision D5).
// Behaviours pinned by the server's apps/users/tests/test_user_api.py
// (UserAccountViewTestMixin) are named in the titles.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  createSyncanoMock,
  type Dialect,
  type FixturesInput,
  type SyncanoMock,
} from '../../src/index.ts'
import { formatTimestamp } from '../../src/model/clock.ts'
import { call } from '../support/call.ts'

const ACCOUNT = 'a000000000000000000000000000000000000002'
const PLAIN_KEY = 'b000000000000000000000000000000000000001'
const IGNORE_ACL = 'b000000000000000000000000000000000000005'
const JANE_KEY = 'c000000000000000000000000000000000000000'
const JOHN_KEY = 'c000000000000000000000000000000000000002'

/** When the fixtures' profiles were made: the page's time plus the owner in ms. */
const SEED_EPOCH_MICROS = 1_466_412_207_204_105
const NOW_MILLIS = Date.UTC(2024, 0, 2, 3, 4, 5, 678)

const fixtures: FixturesInput = {
  admins: [{ email: 'admin@example.com', account_key: ACCOUNT, role: 'full' }],
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
      groups: [{ id: 1, name: 'staff', label: 'Staff', description: 'All' }],
      users: [
        {
          id: 5,
          username: 'jane',
          password: 'secret',
          user_key: JANE_KEY,
          groups: [1],
          profile: { nickname: 'J', age: 30 },
        },
        { id: 6, username: 'john', password: 'secret', user_key: JOHN_KEY },
      ],
    },
  ],
}

const COMBINATIONS: Array<[Dialect, 'v1' | 'v1.1']> = [
  ['docs', 'v1.1'],
  ['server', 'v1.1'],
  ['docs', 'v1'],
  ['server', 'v1'],
]

const FORBIDDEN = {
  detail: 'You do not have permission to perform this action.',
}

interface JaneChanges {
  username?: string
  userKey?: string
  profile?: Record<string, unknown>
}

describe.each(COMBINATIONS)('user/ (%s dialect, %s)', (dialect, version) => {
  let mock: SyncanoMock
  const prefix = `/${dialect === 'docs' ? 'v1' : version}/instances/my-instance`

  /** Jane as every v1 view shows her, with what a write changed. */
  function jane(changes: JaneChanges = {}) {
    const created = formatTimestamp(SEED_EPOCH_MICROS + 5 * 1000)
    return {
      id: 5,
      username: changes.username ?? 'jane',
      profile: {
        id: 1,
        created_at: created,
        updated_at: created,
        revision: 1,
        owner: 5,
        owner_permissions: 'full',
        group: null,
        group_permissions: 'none',
        other_permissions: 'none',
        channel: null,
        channel_room: null,
        nickname: 'J',
        age: 30,
        links: {
          self: `${prefix}/classes/user_profile/objects/1/`,
          owner: `${prefix}/users/5/`,
        },
        ...changes.profile,
      },
      groups: [
        {
          id: 1,
          ...(dialect === 'server' ? { name: 'staff' } : {}),
          label: 'Staff',
          description: 'All',
          links: {
            self: `${prefix}/groups/1/`,
            users: `${prefix}/groups/1/users/`,
          },
        },
      ],
      user_key: changes.userKey ?? JANE_KEY,
      links: {
        self: `${prefix}/users/5/`,
        groups: `${prefix}/users/5/groups/`,
        'reset-key': `${prefix}/users/5/reset_key/`,
        profile: `${prefix}/classes/user_profile/objects/1/`,
      },
    }
  }

  const send = (
    method: string,
    path: string,
    options: Parameters<typeof call>[3] = {},
  ) => call(mock, method, path, { version, ...options })

  const asJane = (method: string, body?: unknown) =>
    send(method, 'user/', { apiKey: PLAIN_KEY, userKey: JANE_KEY, body })

  const stored = async () =>
    (await send('GET', 'users/5/', { apiKey: ACCOUNT })).body

  const login = (username: string, password: string) =>
    send('POST', 'user/auth/', {
      apiKey: PLAIN_KEY,
      body: { username, password },
    })

  const tooLong = (max: number, length: number) =>
    dialect === 'docs'
      ? `Ensure this value has at most ${max} characters (it has ${length}).`
      : `Ensure this field has no more than ${max} characters.`

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW_MILLIS)
    mock = createSyncanoMock({ fixtures, dialect })
    await mock.ready
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  describe('GET user/', () => {
    test('returns the caller given an API key and a user key (test_getting_own_data)', async () => {
      const { status, headers, body } = await asJane('GET')

      expect(status).toBe(200)
      expect(headers.get('allow')).toBe('GET, PUT, PATCH, HEAD, OPTIONS')
      expect(body).toEqual(jane())
    })

    test('returns the caller given an ignore_acl key and a user key', async () => {
      const { status, body } = await send('GET', 'user/', {
        apiKey: IGNORE_ACL,
        userKey: JOHN_KEY,
      })

      expect(status).toBe(200)
      expect((body as { id: number }).id).toBe(6)
    })

    test('returns the asked fields given fields', async () => {
      const { body } = await send('GET', 'user/?fields=id,username', {
        apiKey: PLAIN_KEY,
        userKey: JANE_KEY,
      })

      expect(body).toEqual({ id: 5, username: 'jane' })
    })

    // The server's test_getting_with_incorrect_credentials.
    test('returns 403 given an unknown user key', async () => {
      const { status, body } = await send('GET', 'user/', {
        apiKey: PLAIN_KEY,
        userKey: 'a'.repeat(40),
      })

      expect(status).toBe(403)
      expect(body).toEqual(FORBIDDEN)
    })

    test('returns 403 given the key a reset_key replaced', async () => {
      await send('POST', 'users/5/reset_key/', { apiKey: ACCOUNT })

      const { status, body } = await asJane('GET')

      expect(status).toBe(403)
      expect(body).toEqual(FORBIDDEN)
    })

    test('returns 403 given an account key, even with a user key', async () => {
      const { status, body } = await send('GET', 'user/', {
        apiKey: ACCOUNT,
        userKey: JANE_KEY,
      })

      expect(status).toBe(403)
      expect(body).toEqual(FORBIDDEN)
    })

    test('returns 403 given an ignore_acl key without a user key', async () => {
      const { status, body } = await send('GET', 'user/', {
        apiKey: IGNORE_ACL,
      })

      expect(status).toBe(403)
      expect(body).toEqual(FORBIDDEN)
    })

    test('returns 403 given a user key without an API key', async () => {
      const { status, body } = await send('GET', 'user/', { userKey: JANE_KEY })

      expect(status).toBe(403)
      expect(body).toEqual(FORBIDDEN)
    })

    test('returns 403 with No such API Key given an unknown API key', async () => {
      const { status, body } = await send('GET', 'user/', {
        apiKey: 'b'.repeat(39) + '9',
        userKey: JANE_KEY,
      })

      expect(status).toBe(403)
      expect(body).toEqual({ detail: 'No such API Key.' })
    })
  })

  describe('PUT user/', () => {
    test('replaces username and password given both (test_changing_data)', async () => {
      const { status, body } = await asJane('PUT', {
        username: 'Janet',
        password: 'test23',
      })

      expect(status).toBe(200)
      expect(body).toEqual(jane({ username: 'Janet' }))
      expect(await stored()).toEqual(jane({ username: 'janet' }))
      expect((await login('janet', 'test23')).status).toBe(200)
      expect((await login('janet', 'secret')).status).toBe(401)
    })

    test('returns 400 given a username without a password', async () => {
      const { status, body } = await asJane('PUT', { username: 'janet' })

      expect(status).toBe(400)
      expect(body).toEqual({ password: ['This field is required.'] })
      expect(await stored()).toEqual(jane())
    })

    test('returns 400 given a username that is too long', async () => {
      const { status, body } = await asJane('PUT', {
        username: 'x'.repeat(65),
        password: 'p',
      })

      expect(status).toBe(400)
      expect(body).toEqual({ username: [tooLong(64, 65)] })
      expect(await stored()).toEqual(jane())
    })

    test("returns 400 given another user's name in another case", async () => {
      const { status, body } = await asJane('PUT', {
        username: 'JOHN',
        password: 'p',
      })

      expect(status).toBe(400)
      expect(body).toEqual({ username: ['This field must be unique.'] })
      expect(await stored()).toEqual(jane())
    })

    test('resets omitted profile permissions given a profile (decision D5)', async () => {
      await send('PATCH', 'users/5/', {
        apiKey: ACCOUNT,
        body: { profile: { other_permissions: 'read' } },
      })

      const { status, body } = await asJane('PUT', {
        username: 'jane',
        password: 'secret',
        profile: { nickname: 'Janie' },
      })

      const expected = jane({
        profile: {
          nickname: 'Janie',
          revision: 2,
          updated_at: formatTimestamp(NOW_MILLIS * 1000 + 1),
        },
      })
      expect(status).toBe(200)
      expect(body).toEqual(expected)
      expect(await stored()).toEqual(expected)
    })
  })

  describe('PATCH user/', () => {
    test("applies the documentation page's example given an API key and a user key", async () => {
      // syncano-js-client: User.please().update(query, {username, password})
      // sends this body to PATCH user/ (reference/syncano-js-client.md).
      const { status, body } = await asJane('PATCH', {
        username: 'Gordon Freeman',
        password: 'crowbar',
      })

      expect(status).toBe(200)
      expect(body).toEqual(jane({ username: 'Gordon Freeman' }))
      expect(await stored()).toEqual(jane({ username: 'gordon freeman' }))
      expect((await login('GORDON FREEMAN', 'crowbar')).status).toBe(200)
    })

    test('keeps the user key given a new password', async () => {
      const { body } = await asJane('PATCH', { password: 'other' })

      expect((body as { user_key: string }).user_key).toBe(JANE_KEY)
      expect((await asJane('GET')).status).toBe(200)
    })

    test('applies the profile as users/<self>/ does given a profile (decision D5)', async () => {
      const { status, body } = await asJane('PATCH', {
        profile: { nickname: 'Janie' },
      })

      const expected = jane({
        profile: {
          nickname: 'Janie',
          revision: 2,
          updated_at: formatTimestamp(NOW_MILLIS * 1000),
        },
      })
      expect(status).toBe(200)
      expect(body).toEqual(expected)
      expect(await stored()).toEqual(expected)
    })

    test('returns 400 with nested errors given a bad profile', async () => {
      const { status, body } = await asJane('PATCH', {
        profile: { other_permissions: 'wrong_choice' },
      })

      expect(status).toBe(400)
      expect(body).toEqual({
        profile: {
          other_permissions: ['"wrong_choice" is not a valid choice.'],
        },
      })
      expect(await stored()).toEqual(jane())
    })

    test('changes nothing given an empty body', async () => {
      const { status, body } = await asJane('PATCH', {})

      expect(status).toBe(200)
      expect(body).toEqual(jane())
      expect(await stored()).toEqual(jane())
    })
  })

  describe('DELETE and POST user/', () => {
    test('returns 405 given DELETE with a user key (test_if_deletion_is_not_allowed)', async () => {
      const { status, headers, body } = await asJane('DELETE')

      expect(status).toBe(405)
      expect(headers.get('allow')).toBe('GET, PUT, PATCH, HEAD, OPTIONS')
      expect(body).toEqual({ detail: 'Method "DELETE" not allowed.' })
      expect(await stored()).toEqual(jane())
    })

    test('returns 405 given POST with a user key', async () => {
      const { status, body } = await asJane('POST', {
        username: 'x',
        password: 'y',
      })

      expect(status).toBe(405)
      expect(body).toEqual({ detail: 'Method "POST" not allowed.' })
      expect(await stored()).toEqual(jane())
    })

    test('returns 403 before 405 given DELETE with an account key', async () => {
      const { status, body } = await send('DELETE', 'user/', {
        apiKey: ACCOUNT,
      })

      expect(status).toBe(403)
      expect(body).toEqual(FORBIDDEN)
    })

    test('returns 403 before 405 given DELETE without a key', async () => {
      const { status, body } = await send('DELETE', 'user/')

      expect(status).toBe(403)
      expect(body).toEqual(FORBIDDEN)
    })
  })

  describe('user/ with the owner in a billing state', () => {
    test('returns the billing 403 before the user check given an account key', async () => {
      mock.scenarios.billing('hard_limit_reached')

      const { status, body } = await send('GET', 'user/', { apiKey: ACCOUNT })

      expect(status).toBe(403)
      expect(body).toEqual({ detail: 'Hard limit reached.' })
    })

    test('returns the billing 403 given no key', async () => {
      mock.scenarios.billing('overdue_invoices')

      const { status, body } = await send('DELETE', 'user/')

      expect(status).toBe(403)
      expect(body).toEqual({
        detail: 'Account blocked due to overdue invoices.',
      })
    })

    test('returns the billing 403 instead of the answer given a user key', async () => {
      mock.scenarios.billing('no_active_subscription')

      const { status, body } = await asJane('PATCH', { username: 'janet' })

      expect(status).toBe(403)
      expect(body).toEqual({ detail: 'No active subscription.' })
      mock.scenarios.billing(null)
      expect(await stored()).toEqual(jane())
    })
  })
})
