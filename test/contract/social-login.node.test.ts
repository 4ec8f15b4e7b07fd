// Contract of user/auth/<backend>/, the social login (spec 1, decision D2),
// against the fixtures' social tokens. Behaviours pinned by the server's
// apps/users/tests/test_social_login.py (SocialAuthViewTestSuite and
// TestSocialProfile) are named in the titles; the flow was read from
// apps/users/v1/views.py (SocialAuthView) and apps/core/social_helpers.py.
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
      profile_schema: [{ name: 'nickname', type: 'string' }],
      users: [
        { id: 5, username: 'jane', password: 'secret', user_key: JANE_KEY },
        { id: 6, username: 'kate@example.com', password: 'secret' },
      ],
      social_tokens: [
        {
          backend: 'facebook',
          access_token: 'fb-jane',
          username: 'jane',
          email: 'jane@example.com',
        },
        {
          backend: 'google-oauth2',
          access_token: 'google-new',
          username: 'newcomer',
          email: 'New.Comer@example.com',
        },
        {
          backend: 'linkedin',
          access_token: 'linkedin-kate',
          username: 'kate-on-linkedin',
          email: 'Kate@example.com',
        },
        {
          backend: 'github',
          access_token: 'github-no-email',
          username: 'jane',
          email: null,
        },
        {
          backend: 'twitter',
          access_token: 'tw-token:tw-secret',
          username: 'tweeter',
          email: 'tweeter@example.com',
        },
        {
          backend: 'twitter',
          access_token: 'no-colon',
          username: 'jane',
          email: 'jane@example.com',
        },
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

const INVALID_TOKEN = { detail: 'Invalid authorization token.' }

describe.each(COMBINATIONS)(
  'POST user/auth/<backend>/ (%s dialect, %s)',
  (dialect, version) => {
    let mock: SyncanoMock

    const send = (
      method: string,
      path: string,
      options: Parameters<typeof call>[3] = {},
    ) => call(mock, method, path, { version, ...options })

    const socialLogin = (
      backend: string,
      body: unknown,
      options: Parameters<typeof call>[3] = {},
    ) =>
      send('POST', `user/auth/${backend}/`, {
        apiKey: CREATE_KEY,
        body,
        ...options,
      })

    /** A user as users/<id>/ shows it to an admin: what a login must return. */
    const userSeenByAdmin = async (id: number) =>
      (await send('GET', `users/${id}/`, { apiKey: ACCOUNT })).body

    const userIds = () =>
      mock.db.users.list('byInstance', 'my-instance').map((user) => user.id)

    beforeEach(async () => {
      mock = createSyncanoMock({ fixtures, dialect })
      await mock.ready
    })

    // The server's test_returns_200_when_user_found.
    test('returns the linked user with its key given its token', async () => {
      const { status, headers, body } = await socialLogin('facebook', {
        access_token: 'fb-jane',
      })

      expect(status).toBe(200)
      expect(headers.get('allow')).toBe('POST, OPTIONS')
      expect(body).toEqual(await userSeenByAdmin(5))
      expect((body as { user_key: string }).user_key).toBe(JANE_KEY)
    })

    test('logs in given a key without allow_user_create and a linked user', async () => {
      const { status, body } = await socialLogin(
        'facebook',
        { access_token: 'fb-jane' },
        { apiKey: PLAIN_KEY },
      )

      expect(status).toBe(200)
      expect(body).toEqual(await userSeenByAdmin(5))
    })

    // The server's test_if_returns_user_with_existing_email_but_creates_new_social_profile.
    test('returns the user whose name is the email given an unlinked token', async () => {
      const { status, body } = await socialLogin('linkedin', {
        access_token: 'linkedin-kate',
      })

      expect(status).toBe(200)
      expect(body).toEqual(await userSeenByAdmin(6))
      expect(userIds()).toEqual([5, 6])
    })

    test('creates the user named by the email on first login (test_user_is_created)', async () => {
      const { status, body } = await socialLogin('google-oauth2', {
        access_token: 'google-new',
      })

      expect(status).toBe(200)
      expect(userIds()).toEqual([5, 6, 7])
      const created = await userSeenByAdmin(7)
      // The answer echoes the email as the network gave it; reads lowercase it.
      expect(body).toEqual({
        ...(created as object),
        username: 'New.Comer@example.com',
      })
      expect((created as { username: string }).username).toBe(
        'new.comer@example.com',
      )
    })

    // The server's test_user_is_created_only_once.
    test('returns the same user given a second login', async () => {
      const first = await socialLogin('google-oauth2', {
        access_token: 'google-new',
      })
      const second = await socialLogin('google-oauth2', {
        access_token: 'google-new',
      })

      expect(second.status).toBe(200)
      expect(userIds()).toEqual([5, 6, 7])
      expect((second.body as { user_key: string }).user_key).toBe(
        (first.body as { user_key: string }).user_key,
      )
    })

    test('gives a created user no password to log in with', async () => {
      await socialLogin('google-oauth2', { access_token: 'google-new' })

      const { status, body } = await send('POST', 'user/auth/', {
        apiKey: PLAIN_KEY,
        body: { username: 'new.comer@example.com', password: 'anything' },
      })

      expect(status).toBe(401)
      expect(body).toEqual({ detail: 'Invalid password.' })
    })

    test('creates the user given an account key', async () => {
      const { status } = await socialLogin(
        'google-oauth2',
        { access_token: 'google-new' },
        { apiKey: ACCOUNT },
      )

      expect(status).toBe(200)
      expect(userIds()).toEqual([5, 6, 7])
    })

    test('returns 403 and creates nobody given a key without allow_user_create', async () => {
      const { status, body } = await socialLogin(
        'google-oauth2',
        { access_token: 'google-new' },
        { apiKey: IGNORE_ACL },
      )

      expect(status).toBe(403)
      expect(body).toEqual({
        detail: 'You do not have permission to create new user.',
      })
      expect(userIds()).toEqual([5, 6])
    })

    test('logs in given a Twitter token with its secret', async () => {
      const { status } = await socialLogin('twitter', {
        access_token: 'tw-token:tw-secret',
      })

      expect(status).toBe(200)
      expect(userIds()).toEqual([5, 6, 7])
    })

    test('returns 401 given a Twitter token without a secret', async () => {
      const { status, body } = await socialLogin('twitter', {
        access_token: 'no-colon',
      })

      expect(status).toBe(401)
      expect(body).toEqual(INVALID_TOKEN)
    })

    // The server's test_user_authenticates_with_empty_access_token.
    test('returns 401 given no access token', async () => {
      const { status, body } = await socialLogin('facebook', {})

      expect(status).toBe(401)
      expect(body).toEqual(INVALID_TOKEN)
    })

    test('returns 401 given a blank access token', async () => {
      const { status, body } = await socialLogin('facebook', {
        access_token: ' ',
      })

      expect(status).toBe(401)
      expect(body).toEqual(INVALID_TOKEN)
    })

    // The server's test_user_authenticates_wrong_access_token.
    test('returns 401 given a wrong access token', async () => {
      const { status, body } = await socialLogin('facebook', {
        access_token: 'imjustwrong',
      })

      expect(status).toBe(401)
      expect(body).toEqual(INVALID_TOKEN)
      expect(userIds()).toEqual([5, 6])
    })

    test('returns 401 given a token of another backend', async () => {
      const { status, body } = await socialLogin('github', {
        access_token: 'fb-jane',
      })

      expect(status).toBe(401)
      expect(body).toEqual(INVALID_TOKEN)
    })

    test('returns 400 given an unsupported backend', async () => {
      const { status, body } = await socialLogin('myspace', {
        access_token: 'fb-jane',
      })

      expect(status).toBe(400)
      expect(body).toEqual({ detail: 'Unsupported social backend.' })
    })

    test('returns 401 before 400 given an unsupported backend and no token', async () => {
      const { status, body } = await socialLogin('myspace', {})

      expect(status).toBe(401)
      expect(body).toEqual(INVALID_TOKEN)
    })

    test('returns 400 given a token without an email, even for a linked user', async () => {
      const { status, body } = await socialLogin('github', {
        access_token: 'github-no-email',
      })

      expect(status).toBe(400)
      expect(body).toEqual({ detail: 'Invalid social scope, missing email.' })
    })

    test('returns 403 given no key', async () => {
      const { status, body } = await socialLogin(
        'facebook',
        { access_token: 'fb-jane' },
        { apiKey: undefined },
      )

      expect(status).toBe(403)
      expect(body).toEqual({
        detail: 'You do not have permission to perform this action.',
      })
    })

    test('returns 405 given GET', async () => {
      const { status, body } = await send('GET', 'user/auth/facebook/', {
        apiKey: PLAIN_KEY,
      })

      expect(status).toBe(405)
      expect(body).toEqual({ detail: 'Method "GET" not allowed.' })
    })
  },
)
