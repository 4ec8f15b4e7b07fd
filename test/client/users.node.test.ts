import { describe, expect, test } from 'vitest'
import { INSTANCE, ORIGIN, keys } from '../support/fixture-keys.ts'
import {
  FIXTURE_USERS,
  fixtureUserBody,
  profileBody,
  storedProfile,
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

const { mock, requests } = useClientServer()

const URL_PREFIX = `${ORIGIN}/v1.1/instances/${INSTANCE}`
const EVEN_KEY = /^[0-9a-f]{39}[02468ace]$/
const instanceName = INSTANCE

/** Every stored user, copied, to compare after a failed write. */
function usersSnapshot() {
  return mock.db.users.all().map((user) => ({ ...user }))
}

/** The id the next created user gets: ids are never handed out twice. */
function nextUserId(): number {
  return Math.max(...mock.db.users.all().map((user) => user.id)) + 1
}

describe('POST users/ (sign-up)', () => {
  test('creates a user with an allow_user_create API key and resolves it', async () => {
    const { User } = connect({ apiKey: keys.apiKey })
    const id = nextUserId()

    const user = await User.please().create({
      instanceName,
      username: 'Newbie',
      password: 'pass',
    })

    const stored = storedUser(mock, id)
    expect(stored).toEqual({
      instance: INSTANCE,
      id,
      username: 'newbie',
      password: 'pass',
      user_key: expect.stringMatching(EVEN_KEY),
    })
    expect(attributesOf(user)).toEqual({
      instanceName,
      ...userBody({
        id,
        username: 'Newbie',
        user_key: stored?.user_key as string,
        groups: [],
        profile: {
          ...storedProfileIdentity(mock, id),
          data: { nickname: null, age: null },
        },
      }),
    })
  })

  test('sends the whole model, instanceName included, to users/', async () => {
    const { User } = connect({ apiKey: keys.apiKey })

    await User.please().create({ instanceName, username: 'new', password: 'p' })

    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${URL_PREFIX}/users/`,
        apiKey: keys.apiKey,
        userKey: null,
        body: { instanceName, username: 'new', password: 'p' },
      },
    ])
  })

  test('applies the profile sent with the sign-up', async () => {
    const { User } = connect({ apiKey: keys.apiKey })
    const id = nextUserId()

    const user = await User.please().create({
      instanceName,
      username: 'newbie',
      password: 'pass',
      profile: { nickname: 'Nb', age: 20, other_permissions: 'read' },
    })

    const identity = storedProfileIdentity(mock, id)
    const sent = {
      other_permissions: 'read',
      data: { nickname: 'Nb', age: 20 },
    }
    expect(user.profile).toEqual(profileBody({ ...identity, ...sent }))
    expect(storedProfile(mock, id)).toEqual({
      instance: INSTANCE,
      ...identity,
      revision: 1,
      owner_permissions: 'full',
      group: null,
      group_permissions: 'none',
      other_permissions: 'read',
      channel: null,
      channel_room: null,
      data: { nickname: 'Nb', age: 20 },
    })
  })

  test('rejects with 400 given a username taken in another case', async () => {
    const { User } = connect({ apiKey: keys.apiKey })
    const before = usersSnapshot()

    const failure = await failureOf(
      User.please().create({ instanceName, username: 'JANE', password: 'p' }),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 400,
      message: '"username" This field must be unique.',
      errors: { username: ['This field must be unique.'] },
    })
    expect(usersSnapshot()).toEqual(before)
  })

  test('rejects with 403 given a user key without an API key', async () => {
    const { User } = connect({ userKey: keys.jane })
    const before = usersSnapshot()

    const failure = await failureOf(
      User.please().create({ instanceName, username: 'x', password: 'p' }),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 403,
      message: 'You do not have permission to perform this action.',
      errors: { detail: 'You do not have permission to perform this action.' },
    })
    expect(usersSnapshot()).toEqual(before)
  })
})

describe('POST user/auth/ (login)', () => {
  test('resolves the user and keeps its key on the connection', async () => {
    const connection = connect({ apiKey: keys.apiKey })

    const user = await connection.User.please().login(
      { instanceName },
      { username: 'jane', password: 'secret' },
    )

    expect(attributesOf(user)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'jane'),
    })
    expect(connection.getUserKey()).toBe(keys.jane)
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${URL_PREFIX}/user/auth/`,
        apiKey: keys.apiKey,
        userKey: null,
        body: { username: 'jane', password: 'secret' },
      },
    ])
  })

  test('logs in given the username in another case', async () => {
    const { User } = connect({ apiKey: keys.apiKey })

    const user = await User.please().login(
      { instanceName },
      { username: 'JoHn', password: 'secret' },
    )

    expect(attributesOf(user)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'john'),
    })
  })

  test("logs in given a connection that still sends another user's key", async () => {
    const connection = connect({ apiKey: keys.apiKey })
    const credentials = { password: 'secret' }
    await connection.User.please().login(
      { instanceName },
      { ...credentials, username: 'jane' },
    )

    const user = await connection.User.please().login(
      { instanceName },
      { ...credentials, username: 'john' },
    )

    expect(user.id).toBe(FIXTURE_USERS.john.id)
    expect(connection.getUserKey()).toBe(keys.john)
    expect(requests.map((request) => request.userKey)).toEqual([
      null,
      keys.jane,
    ])
  })

  test('rejects with 401 "Invalid password." given a wrong password', async () => {
    const connection = connect({ apiKey: keys.apiKey })

    const failure = await failureOf(
      connection.User.please().login(
        { instanceName },
        { username: 'jane', password: 'wrong' },
      ),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 401,
      message: 'Invalid password.',
      errors: { detail: 'Invalid password.' },
    })
    expect(connection.getUserKey()).toBeNull()
  })

  test('rejects with 401 "Invalid username." given an unknown username', async () => {
    const { User } = connect({ apiKey: keys.apiKey })

    const failure = await failureOf(
      User.please().login(
        { instanceName },
        { username: 'nobody', password: 'x' },
      ),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 401,
      message: 'Invalid username.',
      errors: { detail: 'Invalid username.' },
    })
  })

  test('rejects with 400 naming both fields given no credentials', async () => {
    const { User } = connect({ apiKey: keys.apiKey })

    const failure = await failureOf(User.please().login({ instanceName }, {}))

    expect(failure).toEqual({
      name: 'RequestError',
      status: 400,
      message:
        '"username" This field is required.\n"password" This field is required.',
      errors: {
        username: ['This field is required.'],
        password: ['This field is required.'],
      },
    })
  })
})

describe('GET user/ (the current user)', () => {
  test('resolves the user of the key after a login', async () => {
    const connection = connect({ apiKey: keys.apiKey })
    await connection.User.please().login(
      { instanceName },
      { username: 'alice', password: 'secret' },
    )

    const user = await settle(connection.User.please().get({ instanceName }))

    expect(attributesOf(user)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'alice'),
    })
    expect(requests[1]).toEqual({
      method: 'GET',
      url: `${URL_PREFIX}/user/`,
      apiKey: keys.apiKey,
      userKey: keys.alice,
      body: undefined,
    })
  })

  test('rejects with 403 given a user key that was reset', async () => {
    const { User } = connect({ apiKey: keys.apiKey, userKey: keys.jane })
    await settle(User.please().resetKey({ instanceName, id: 1 }))

    const failure = await failureOf(settle(User.please().get({ instanceName })))

    expect(failure).toEqual({
      name: 'RequestError',
      status: 403,
      message: 'You do not have permission to perform this action.',
      errors: { detail: 'You do not have permission to perform this action.' },
    })
  })
})

describe('PATCH user/ (password change)', () => {
  test('changes the password and keeps the user key', async () => {
    const connection = connect({ apiKey: keys.apiKey, userKey: keys.john })

    const user = await settle(
      connection.User.please().update({ instanceName }, { password: 'n3w' }),
    )

    expect(attributesOf(user)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'john'),
    })
    expect(storedUser(mock, 2)).toEqual({
      instance: INSTANCE,
      id: 2,
      username: 'john',
      password: 'n3w',
      user_key: keys.john,
    })
  })

  test('lets the user log in with the new password only', async () => {
    const { User } = connect({ apiKey: keys.apiKey, userKey: keys.john })
    await settle(User.please().update({ instanceName }, { password: 'n3w' }))

    const login = (password: string) =>
      User.please().login({ instanceName }, { username: 'john', password })

    expect((await login('n3w')).user_key).toBe(keys.john)
    expect(await failureOf(login('secret'))).toEqual({
      name: 'RequestError',
      status: 401,
      message: 'Invalid password.',
      errors: { detail: 'Invalid password.' },
    })
  })

  test('rejects with 400 given a blank password', async () => {
    const { User } = connect({ apiKey: keys.apiKey, userKey: keys.john })
    const before = usersSnapshot()

    const failure = await failureOf(
      settle(User.please().update({ instanceName }, { password: '  ' })),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 400,
      message: '"password" This field may not be blank.',
      errors: { password: ['This field may not be blank.'] },
    })
    expect(usersSnapshot()).toEqual(before)
  })
})

describe('POST users/<id>/reset_key/', () => {
  test("resets the caller's own key with an API key and a user key", async () => {
    const { User } = connect({ apiKey: keys.apiKey, userKey: keys.jane })

    const user = await settle(User.please().resetKey({ instanceName, id: 1 }))

    const newKey = storedUser(mock, 1)?.user_key as string
    expect(newKey).toMatch(EVEN_KEY)
    expect(newKey).not.toBe(keys.jane)
    expect(attributesOf(user)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'jane', { user_key: newKey }),
    })
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${URL_PREFIX}/users/1/reset_key/`,
        apiKey: keys.apiKey,
        userKey: keys.jane,
        body: {},
      },
    ])
  })

  test("resets another user's key with an account key", async () => {
    const { User } = connect({ accountKey: keys.account })

    const user = await settle(User.please().resetKey({ instanceName, id: 3 }))

    const newKey = storedUser(mock, 3)?.user_key
    expect(newKey).not.toBe(keys.alice)
    expect(user.user_key).toBe(newKey)
    expect(storedUser(mock, 1)?.user_key).toBe(keys.jane)
  })

  test('lets the new key, not the old one, reach user/', async () => {
    const { User } = connect({ accountKey: keys.account })
    const { user_key: newKey } = await settle(
      User.please().resetKey({ instanceName, id: 3 }),
    )

    const current = (userKey: string) =>
      settle(connect({ apiKey: keys.apiKey, userKey }).User.please().get({}))

    expect((await current(newKey as string)).id).toBe(3)
    expect(await failureOf(current(keys.alice))).toEqual({
      name: 'RequestError',
      status: 403,
      message: 'You do not have permission to perform this action.',
      errors: { detail: 'You do not have permission to perform this action.' },
    })
  })

  test("rejects with 404 given another user's id and a user key", async () => {
    const { User } = connect({ apiKey: keys.apiKey, userKey: keys.jane })
    const before = usersSnapshot()

    const failure = await failureOf(
      settle(User.please().resetKey({ instanceName, id: 2 })),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 404,
      message: 'Not found',
      errors: { detail: 'Not found' },
    })
    expect(usersSnapshot()).toEqual(before)
  })
})

describe('users/<id>/ with an account key (admin CRUD)', () => {
  const admin = () => connect({ accountKey: keys.account }).User

  test('creates a user and resolves it', async () => {
    const id = nextUserId()

    const user = await admin()
      .please()
      .create({ instanceName, username: 'Staffer', password: 'pass' })

    const stored = storedUser(mock, id)
    expect(stored).toEqual({
      instance: INSTANCE,
      id,
      username: 'staffer',
      password: 'pass',
      user_key: expect.stringMatching(EVEN_KEY),
    })
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: `${URL_PREFIX}/users/`,
      apiKey: keys.account,
    })
    expect(attributesOf(user)).toEqual({
      instanceName,
      ...userBody({
        id,
        username: 'Staffer',
        user_key: stored?.user_key as string,
        groups: [],
        profile: {
          ...storedProfileIdentity(mock, id),
          data: { nickname: null, age: null },
        },
      }),
    })
  })

  test('resolves a user by id', async () => {
    const user = await settle(admin().please().get({ instanceName, id: 3 }))

    expect(attributesOf(user)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'alice'),
    })
    expect(requests[0]?.url).toBe(`${URL_PREFIX}/users/3/`)
  })

  test('updates a username with PATCH', async () => {
    const user = await settle(
      admin().please().update({ instanceName, id: 3 }, { username: 'Alicia' }),
    )

    expect(attributesOf(user)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'alice', { username: 'Alicia' }),
    })
    expect(storedUser(mock, 3)).toEqual({
      instance: INSTANCE,
      id: 3,
      username: 'alicia',
      password: 'secret',
      user_key: keys.alice,
    })
  })

  test('replaces a fetched user with save(), which PUTs the whole model', async () => {
    const user = await settle(admin().please().get({ instanceName, id: 3 }))
    const profileBefore = { ...storedProfile(mock, 3) }
    user.username = 'Alicia'
    user.password = 'n3w'

    const saved = await user.save()

    const { links: _links, ...fetched } = fixtureUserBody(mock, 'alice')
    expect(requests[1]).toEqual({
      method: 'PUT',
      url: `${URL_PREFIX}/users/3/`,
      apiKey: keys.account,
      userKey: null,
      body: { instanceName, ...fetched, username: 'Alicia', password: 'n3w' },
    })
    expect(attributesOf(saved)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'alice', { username: 'Alicia' }),
    })
    expect(storedUser(mock, 3)).toEqual({
      instance: INSTANCE,
      id: 3,
      username: 'alicia',
      password: 'n3w',
      user_key: keys.alice,
    })
    expect(storedProfile(mock, 3)).toEqual(profileBefore)
  })

  test('deletes a user with its profile and memberships', async () => {
    const deleted = await settle(
      admin().please().delete({ instanceName, id: 2 }),
    )

    expect(attributesOf(deleted)).toEqual({ instanceName, id: 2 })
    expect(storedUser(mock, 2)).toBeUndefined()
    expect(storedProfile(mock, 2)).toBeUndefined()
    expect(
      mock.db.memberships.all().filter((membership) => membership.user === 2),
    ).toEqual([])
    const failure = await failureOf(
      settle(admin().please().get({ instanceName, id: 2 })),
    )
    expect(failure).toMatchObject({
      status: 404,
      errors: { detail: 'Not found' },
    })
  })

  test('rejects a delete with 403 given an API key and the user key', async () => {
    const { User } = connect({ apiKey: keys.apiKey, userKey: keys.jane })
    const before = usersSnapshot()

    const failure = await failureOf(
      settle(User.please().delete({ instanceName, id: 1 })),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 403,
      message: 'You do not have permission to perform this action.',
      errors: { detail: 'You do not have permission to perform this action.' },
    })
    expect(usersSnapshot()).toEqual(before)
  })
})

describe('GET users/', () => {
  test('lists every user in id order with an account key', async () => {
    const users = await settle(admin().please().list({ instanceName }))

    const ids = mock.db.users.all().map((user) => user.id)
    expect(users.map((user) => user.id)).toEqual([...ids].sort((a, b) => a - b))
    expect(attributesOf(users[0] as object)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'jane'),
    })
    expect([users.hasNext(), users.hasPrev()]).toEqual([false, false])
  })

  test('lists only the caller given an API key and a user key', async () => {
    const { User } = connect({ apiKey: keys.apiKey, userKey: keys.john })

    const users = await settle(User.please().list({ instanceName }))

    expect(users.map(attributesOf)).toEqual([
      { instanceName, ...fixtureUserBody(mock, 'john') },
    ])
  })

  function admin() {
    return connect({ accountKey: keys.account }).User
  }
})
