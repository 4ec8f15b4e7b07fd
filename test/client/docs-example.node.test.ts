import { describe, expect, test } from 'vitest'
import { INSTANCE, ORIGIN, keys } from '../support/fixture-keys.ts'
import {
  FIXTURE_USERS,
  fixtureUserBody,
  storedProfile,
  storedUser,
} from './support/bodies.ts'
import {
  attributesOf,
  connect,
  failureOf,
  settle,
  useClientServer,
} from './support/client.ts'
import {
  DOCS_UPDATE_EXAMPLE,
  fillKeyPlaceholders,
  runDocsUpdateExample,
} from './support/docs-example.ts'

const { mock, requests } = useClientServer()

const ACCOUNT_URL = `${ORIGIN}/v1.1/instances/${INSTANCE}/user/`

/** The page's placeholders, filled with jane's keys and a new name. */
const JANE_UPDATE = {
  API_KEY: keys.apiKey,
  USER_KEY: keys.jane,
  INSTANCE_NAME: INSTANCE,
  USER_ID: FIXTURE_USERS.jane.id,
  USERNAME: 'Janet',
  PASSWORD: 'new-secret',
}

describe('the documentation example', () => {
  test('fills nothing but the two quoted key placeholders', () => {
    const filled = fillKeyPlaceholders(DOCS_UPDATE_EXAMPLE, {
      API_KEY: keys.apiKey,
      USER_KEY: keys.jane,
    })

    expect(filled).toBe(
      DOCS_UPDATE_EXAMPLE.replace('"API_KEY"', `"${keys.apiKey}"`).replace(
        '"USER_KEY"',
        `"${keys.jane}"`,
      ),
    )
  })

  test('sends the update to PATCH user/ with the API key and the user key', async () => {
    await runDocsUpdateExample(JANE_UPDATE)

    expect(requests).toEqual([
      {
        method: 'PATCH',
        url: ACCOUNT_URL,
        apiKey: keys.apiKey,
        userKey: keys.jane,
        body: { username: 'Janet', password: 'new-secret' },
      },
    ])
  })

  test('passes the updated user to the callback', async () => {
    const { model, raw } = await runDocsUpdateExample(JANE_UPDATE)

    const body = fixtureUserBody(mock, 'jane', { username: 'Janet' })
    expect(raw).toEqual(body)
    expect(attributesOf(model)).toEqual({ instanceName: INSTANCE, ...body })
  })

  test('stores the new username in lowercase and the new password', async () => {
    const profileBefore = { ...storedProfile(mock, 1) }

    await runDocsUpdateExample(JANE_UPDATE)

    expect(storedUser(mock, 1)).toEqual({
      instance: INSTANCE,
      id: 1,
      username: 'janet',
      password: 'new-secret',
      user_key: keys.jane,
    })
    expect(storedProfile(mock, 1)).toEqual(profileBefore)
    const connection = connect({ apiKey: keys.apiKey })
    const user = await connection.User.please().login(
      { instanceName: INSTANCE },
      { username: 'janet', password: 'new-secret' },
    )
    expect(user.id).toBe(1)
  })

  test("updates the key's own user given another user's USER_ID", async () => {
    const johnBefore = { ...storedUser(mock, 2) }

    const { raw } = await runDocsUpdateExample({ ...JANE_UPDATE, USER_ID: 2 })

    expect(raw).toEqual(fixtureUserBody(mock, 'jane', { username: 'Janet' }))
    expect(storedUser(mock, 1)?.username).toBe('janet')
    expect(storedUser(mock, 2)).toEqual(johnBefore)
  })

  test("rejects with the page's 403 body given the unfilled key placeholders", async () => {
    const failure = await failureOf(
      runDocsUpdateExample({
        ...JANE_UPDATE,
        API_KEY: 'API_KEY',
        USER_KEY: 'USER_KEY',
      }),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 403,
      message: 'No such API Key.',
      errors: { detail: 'No such API Key.' },
    })
    expect(storedUser(mock, 1)?.username).toBe('jane')
  })

  test("rejects with the page's 400 body given a 118 character username", async () => {
    const failure = await failureOf(
      runDocsUpdateExample({ ...JANE_UPDATE, USERNAME: 'a'.repeat(118) }),
    )

    const message = 'Ensure this value has at most 64 characters (it has 118).'
    expect(failure).toEqual({
      name: 'RequestError',
      status: 400,
      message: `"username" ${message}`,
      errors: { username: [message] },
    })
    expect(storedUser(mock, 1)).toEqual({
      instance: INSTANCE,
      id: 1,
      username: 'jane',
      password: 'secret',
      user_key: keys.jane,
    })
  })
})

describe('PATCH users/<id>/ with an account key', () => {
  const patch = { username: 'Johnathan', password: 'new-secret' }

  test('sends the update to users/<id>/ with the account key alone', async () => {
    const { User } = connect({ accountKey: keys.account })

    await settle(User.please().update({ instanceName: INSTANCE, id: 2 }, patch))

    expect(requests).toEqual([
      {
        method: 'PATCH',
        url: `${ORIGIN}/v1.1/instances/${INSTANCE}/users/2/`,
        apiKey: keys.account,
        userKey: null,
        body: patch,
      },
    ])
  })

  test('updates the user of the id and resolves it', async () => {
    const { User } = connect({ accountKey: keys.account })

    const user = await settle(
      User.please().update({ instanceName: INSTANCE, id: 2 }, patch),
    )

    expect(attributesOf(user)).toEqual({
      instanceName: INSTANCE,
      ...fixtureUserBody(mock, 'john', { username: 'Johnathan' }),
    })
    expect(storedUser(mock, 2)).toEqual({
      instance: INSTANCE,
      id: 2,
      username: 'johnathan',
      password: 'new-secret',
      user_key: keys.john,
    })
    expect(storedUser(mock, 1)?.username).toBe('jane')
  })

  test('rejects with 404 "Not found" given a missing id', async () => {
    const { User } = connect({ accountKey: keys.account })
    const usersBefore = mock.db.users.all().map((user) => ({ ...user }))

    const failure = await failureOf(
      settle(User.please().update({ instanceName: INSTANCE, id: 999 }, patch)),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 404,
      message: 'Not found',
      errors: { detail: 'Not found' },
    })
    expect(mock.db.users.all()).toEqual(usersBefore)
  })
})
