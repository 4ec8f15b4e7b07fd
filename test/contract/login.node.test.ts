// Contract of user/auth/, the login (spec 1, 2.2, 2.3 and behaviour 14).
// Behaviours pinned by the server's apps/users/tests/test_user_api.py
// (UserAuthViewTestMixin) are named in the titles.
import { beforeEach, describe, expect, test } from 'vitest'
import {
  createSyncanoMock,
  type Dialect,
  type FixturesInput,
  type SyncanoMock,
} from '../../src/index.ts'
import { call } from '../support/call.ts'

const ACCOUNT = 'a000000000000000000000000000000000000002'
const PLAIN_KEY = 'b000000000000000000000000000000000000001'
const CREATE_KEY = 'b000000000000000000000000000000000000003'
const IGNORE_ACL = 'b000000000000000000000000000000000000005'
const JANE_KEY = 'c000000000000000000000000000000000000000'
const JOHN_KEY = 'c000000000000000000000000000000000000002'

const fixtures: FixturesInput = {
  admins: [{ email: 'admin@example.com', account_key: ACCOUNT, role: 'read' }],
  instances: [
    {
      name: 'my-instance',
      api_keys: [
        { api_key: PLAIN_KEY },
        { api_key: CREATE_KEY, allow_user_create: true },
        { api_key: IGNORE_ACL, ignore_acl: true },
      ],
      users: [
        { id: 5, username: 'jane', password: 'secret', user_key: JANE_KEY },
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

describe.each(COMBINATIONS)(
  'POST user/auth/ (%s dialect, %s)',
  (dialect, version) => {
    let mock: SyncanoMock

    const send = (
      method: string,
      path: string,
      options: Parameters<typeof call>[3] = {},
    ) => call(mock, method, path, { version, ...options })

    const login = (body: unknown, options: Parameters<typeof call>[3] = {}) =>
      send('POST', 'user/auth/', { apiKey: PLAIN_KEY, body, ...options })

    /** A user as users/<id>/ shows it to an admin: what a login must return. */
    const userSeenByAdmin = async (id: number) =>
      (await send('GET', `users/${id}/`, { apiKey: ACCOUNT })).body

    const tooLong = (max: number, length: number) =>
      dialect === 'docs'
        ? `Ensure this value has at most ${max} characters (it has ${length}).`
        : `Ensure this field has no more than ${max} characters.`

    beforeEach(async () => {
      mock = createSyncanoMock({ fixtures, dialect })
      await mock.ready
    })

    // The server's test_getting_account_with_right_credentials.
    test('returns the full user with its key given the right credentials', async () => {
      const { status, headers, body } = await login({
        username: 'jane',
        password: 'secret',
      })

      expect(status).toBe(200)
      expect(headers.get('allow')).toBe('POST, OPTIONS')
      expect(body).toEqual(await userSeenByAdmin(5))
      expect((body as { user_key: string }).user_key).toBe(JANE_KEY)
    })

    test('returns the lowercase name given a username in another case', async () => {
      const { status, body } = await login({
        username: 'JaNe',
        password: 'secret',
      })

      expect(status).toBe(200)
      expect(body).toEqual(await userSeenByAdmin(5))
    })

    test('trims both fields given surrounding whitespace', async () => {
      const { status, body } = await login({
        username: ' jane ',
        password: ' secret ',
      })

      expect(status).toBe(200)
      expect(body).toEqual(await userSeenByAdmin(5))
    })

    test('reads a form body given multipart form data', async () => {
      const form = new FormData()
      form.set('username', 'jane')
      form.set('password', 'secret')

      const { status, body } = await login(form)

      expect(status).toBe(200)
      expect(body).toEqual(await userSeenByAdmin(5))
    })

    // The server's test_login_with_incorrect_credentials_fails.
    test('returns 401 Invalid password given a wrong password', async () => {
      const { status, headers, body } = await login({
        username: 'jane',
        password: 'test23',
      })

      expect(status).toBe(401)
      expect(headers.get('www-authenticate')).toBeNull()
      expect(body).toEqual({ detail: 'Invalid password.' })
    })

    // The server's test_login_with_incorrect_credentials_fails.
    test('returns 401 Invalid username given an unknown username', async () => {
      const { status, body } = await login({
        username: 'jane23',
        password: 'secret',
      })

      expect(status).toBe(401)
      expect(body).toEqual({ detail: 'Invalid username.' })
    })

    test('returns 401 Invalid username given a deleted user', async () => {
      await send('DELETE', 'users/5/', { apiKey: IGNORE_ACL })

      const { status, body } = await login({
        username: 'jane',
        password: 'secret',
      })

      expect(status).toBe(401)
      expect(body).toEqual({ detail: 'Invalid username.' })
    })

    test('logs in a just created user (test_if_can_login_as_just_created_user)', async () => {
      const credentials = { username: 'john_second@doe.com', password: 'test' }
      const created = await send('POST', 'users/', {
        apiKey: CREATE_KEY,
        body: credentials,
      })

      const { status, body } = await login(credentials)

      expect(status).toBe(200)
      expect(body).toEqual(created.body)
    })

    test('accepts the new password given a password change on user/', async () => {
      await send('PATCH', 'user/', {
        apiKey: PLAIN_KEY,
        userKey: JANE_KEY,
        body: { password: 'changed' },
      })

      expect(
        (await login({ username: 'jane', password: 'changed' })).status,
      ).toBe(200)
      expect(
        (await login({ username: 'jane', password: 'secret' })).body,
      ).toEqual({
        detail: 'Invalid password.',
      })
    })

    test('logs in given a read-role account key', async () => {
      const { status, body } = await login(
        { username: 'jane', password: 'secret' },
        { apiKey: ACCOUNT },
      )

      expect(status).toBe(200)
      expect(body).toEqual(await userSeenByAdmin(5))
    })

    test('logs in given an ignore_acl key', async () => {
      const { status, body } = await login(
        { username: 'john', password: 'secret' },
        { apiKey: IGNORE_ACL },
      )

      expect(status).toBe(200)
      expect(body).toEqual(await userSeenByAdmin(6))
    })

    test('logs in given a stale user key sent along', async () => {
      await send('POST', 'users/5/reset_key/', { apiKey: IGNORE_ACL })

      const { status, body } = await login(
        { username: 'jane', password: 'secret' },
        { userKey: JANE_KEY },
      )

      expect(status).toBe(200)
      expect(body).toEqual(await userSeenByAdmin(5))
    })

    test("returns the named user given another user's key sent along", async () => {
      const { status, body } = await login(
        { username: 'jane', password: 'secret' },
        { userKey: JOHN_KEY },
      )

      expect(status).toBe(200)
      expect(body).toEqual(await userSeenByAdmin(5))
    })

    test('returns 403 given no key', async () => {
      const { status, body } = await login(
        { username: 'jane', password: 'secret' },
        { apiKey: undefined },
      )

      expect(status).toBe(403)
      expect(body).toEqual({
        detail: 'You do not have permission to perform this action.',
      })
    })

    test('returns 403 No such API Key given an unknown key', async () => {
      const { status, body } = await login(
        { username: 'jane', password: 'secret' },
        { apiKey: 'b'.repeat(39) + '9' },
      )

      expect(status).toBe(403)
      expect(body).toEqual({ detail: 'No such API Key.' })
    })

    test('returns 400 with both fields required given an empty body', async () => {
      const { status, body } = await login({})

      expect(status).toBe(400)
      expect(body).toEqual({
        username: ['This field is required.'],
        password: ['This field is required.'],
      })
    })

    test('returns 400 given blank and null fields', async () => {
      const { status, body } = await login({ username: '  ', password: null })

      expect(status).toBe(400)
      expect(body).toEqual({
        username: ['This field may not be blank.'],
        password: ['This field may not be null.'],
      })
    })

    test('returns 400 given values that are not strings', async () => {
      const { status, body } = await login({ username: true, password: ['x'] })

      expect(status).toBe(400)
      expect(body).toEqual({
        username: ['Not a valid string.'],
        password: ['Not a valid string.'],
      })
    })

    test('returns 400 given fields that are too long', async () => {
      const { status, body } = await login({
        username: 'x'.repeat(65),
        password: 'y'.repeat(129),
      })

      expect(status).toBe(400)
      expect(body).toEqual({
        username: [tooLong(64, 65)],
        password: [tooLong(128, 129)],
      })
    })

    test('returns 400 given a list body', async () => {
      const { status, body } = await login(['jane', 'secret'])

      expect(status).toBe(400)
      expect(body).toEqual({
        non_field_errors: [
          'Invalid data. Expected a dictionary, but got list.',
        ],
      })
    })

    test('returns 400 given a null body', async () => {
      const { status, body } = await login(null)

      expect(status).toBe(400)
      expect(body).toEqual({ non_field_errors: ['No data provided'] })
    })

    test('returns 405 given GET', async () => {
      const { status, headers, body } = await send('GET', 'user/auth/', {
        apiKey: PLAIN_KEY,
      })

      expect(status).toBe(405)
      expect(headers.get('allow')).toBe('POST, OPTIONS')
      expect(body).toEqual({ detail: 'Method "GET" not allowed.' })
    })

    test('returns the generic 403 before billing given no key', async () => {
      mock.scenarios.billing('hard_limit_reached')

      const { status, body } = await login(
        { username: 'jane', password: 'secret' },
        { apiKey: undefined },
      )

      expect(status).toBe(403)
      expect(body).toEqual({
        detail: 'You do not have permission to perform this action.',
      })
    })

    test('returns the billing 403 given a key and a billing state', async () => {
      mock.scenarios.billing('hard_limit_reached')

      const { status, body } = await login({
        username: 'jane',
        password: 'secret',
      })

      expect(status).toBe(403)
      expect(body).toEqual({ detail: 'Hard limit reached.' })
    })
  },
)
