import { describe, expect, test } from 'vitest'
import defaultFixtures from '../../fixtures/default.json' with { type: 'json' }
import type { FixturesInput } from '../../src/index.ts'
import { INSTANCE, ORIGIN, keys } from '../support/fixture-keys.ts'
import {
  fixtureUserBody,
  storedProfileIdentity,
  storedUser,
  userBody,
} from './support/bodies.ts'
import {
  attributesOf,
  connect,
  failureOf,
  settle,
  useClientServer,
} from './support/client.ts'

/** The default fixtures plus a token whose email names no user yet. */
const fixtures = {
  ...defaultFixtures,
  instances: defaultFixtures.instances.map((instance) => ({
    ...instance,
    social_tokens: [
      ...instance.social_tokens,
      {
        backend: 'google-oauth2',
        access_token: 'google-token-newbie',
        username: 'newbie@example.com',
        email: 'Newbie@example.com',
      },
    ],
  })),
} as FixturesInput

const { mock, requests } = useClientServer({ fixtures })

const instanceName = INSTANCE

function usersSnapshot() {
  return mock.db.users.all().map((user) => ({ ...user }))
}

describe('POST user/auth/<backend>/ (User.socialLogin)', () => {
  test('logs in the user a token is linked to, leaving the key unset', async () => {
    const connection = connect({ apiKey: keys.apiKey })

    const user = await settle(
      connection.User.please().socialLogin(
        { instanceName, backend: 'facebook' },
        { access_token: 'facebook-token-jane' },
      ),
    )

    expect(attributesOf(user)).toEqual({
      instanceName,
      backend: 'facebook',
      ...fixtureUserBody(mock, 'jane'),
    })
    expect(connection.getUserKey()).toBeNull()
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${ORIGIN}/v1.1/instances/${INSTANCE}/user/auth/facebook/`,
        apiKey: keys.apiKey,
        userKey: null,
        body: { access_token: 'facebook-token-jane' },
      },
    ])
  })

  test("creates the user named after the token's email on first login", async () => {
    const { User } = connect({ apiKey: keys.apiKey })
    const id = Math.max(...mock.db.users.all().map((user) => user.id)) + 1

    const user = await settle(
      User.please().socialLogin(
        { instanceName, backend: 'google-oauth2' },
        { access_token: 'google-token-newbie' },
      ),
    )

    const stored = storedUser(mock, id)
    expect(stored).toEqual({
      instance: INSTANCE,
      id,
      username: 'newbie@example.com',
      password: '',
      user_key: expect.stringMatching(/^[0-9a-f]{39}[02468ace]$/),
    })
    expect(attributesOf(user)).toEqual({
      instanceName,
      backend: 'google-oauth2',
      ...userBody({
        id,
        username: 'Newbie@example.com',
        user_key: stored?.user_key as string,
        groups: [],
        profile: {
          ...storedProfileIdentity(mock, id),
          data: { nickname: null, age: null },
        },
      }),
    })
  })

  test('rejects with 403 given a new user and a key that may not create', async () => {
    const { User } = connect({ apiKey: keys.ignoreAcl })
    const before = usersSnapshot()

    const failure = await failureOf(
      settle(
        User.please().socialLogin(
          { instanceName, backend: 'google-oauth2' },
          { access_token: 'google-token-newbie' },
        ),
      ),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 403,
      message: 'You do not have permission to create new user.',
      errors: { detail: 'You do not have permission to create new user.' },
    })
    expect(usersSnapshot()).toEqual(before)
  })

  test('rejects with 401 given an unknown access token', async () => {
    const { User } = connect({ apiKey: keys.apiKey })

    const failure = await failureOf(
      settle(
        User.please().socialLogin(
          { instanceName, backend: 'facebook' },
          { access_token: 'stolen' },
        ),
      ),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 401,
      message: 'Invalid authorization token.',
      errors: { detail: 'Invalid authorization token.' },
    })
  })

  test('rejects with 400 given an unsupported backend', async () => {
    const { User } = connect({ apiKey: keys.apiKey })

    const failure = await failureOf(
      settle(
        User.please().socialLogin(
          { instanceName, backend: 'myspace' },
          { access_token: 'facebook-token-jane' },
        ),
      ),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 400,
      message: 'Unsupported social backend.',
      errors: { detail: 'Unsupported social backend.' },
    })
  })
})
