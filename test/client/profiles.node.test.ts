import { describe, expect, test } from 'vitest'
import { call } from '../support/call.ts'
import { INSTANCE, ORIGIN, keys } from '../support/fixture-keys.ts'
import {
  FIXTURE_USERS,
  fixtureUserBody,
  profileBody,
  storedProfile,
  storedProfileIdentity,
} from './support/bodies.ts'
import {
  attributesOf,
  connect,
  failureOf,
  settle,
  useClientServer,
} from './support/client.ts'

const { mock, requests } = useClientServer()

const instanceName = INSTANCE
const className = 'user_profile'

/** The `links.profile` id of a fixture user's profile. */
function profileIdOf(owner: number): number {
  return storedProfileIdentity(mock, owner).id
}

/**
 * A profile as the client's `DataObject` model holds it: the body merged
 * with the path properties, the top-level dates turned into `Date`s.
 */
function profileModel(owner: number, data: Record<string, unknown>) {
  const identity = storedProfileIdentity(mock, owner)
  return {
    instanceName,
    className,
    ...profileBody({ ...identity, data }),
    revision: storedProfile(mock, owner)?.revision,
    created_at: new Date(identity.created_at),
    updated_at: new Date(identity.updated_at),
  }
}

describe('GET classes/user_profile/objects/<id>/', () => {
  test("resolves the caller's own profile given a user key", async () => {
    const { DataObject } = connect({ apiKey: keys.apiKey, userKey: keys.jane })
    const id = profileIdOf(1)

    const profile = await settle(
      DataObject.please().get({ instanceName, className, id }),
    )

    expect(attributesOf(profile)).toEqual(
      profileModel(1, FIXTURE_USERS.jane.data),
    )
    expect(requests[0]?.url).toBe(
      `${ORIGIN}/v1.1/instances/${INSTANCE}/classes/user_profile/objects/${id}/`,
    )
  })

  test("rejects with 404 given another user's profile and a user key", async () => {
    const { DataObject } = connect({ apiKey: keys.apiKey, userKey: keys.jane })

    const failure = await failureOf(
      settle(
        DataObject.please().get({
          instanceName,
          className,
          id: profileIdOf(2),
        }),
      ),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 404,
      message: 'Not found',
      errors: { detail: 'Not found' },
    })
  })
})

describe('PATCH classes/user_profile/objects/<id>/', () => {
  test('updates custom fields, bumps the revision and shows in the user', async () => {
    const { DataObject, User } = connect({
      apiKey: keys.apiKey,
      userKey: keys.jane,
    })
    const before = { ...storedProfile(mock, 1) }
    const id = profileIdOf(1)

    const profile = await settle(
      DataObject.please().update(
        { instanceName, className, id },
        { nickname: 'JJ', age: 31 },
      ),
    )

    const data = { nickname: 'JJ', age: 31 }
    expect(attributesOf(profile)).toEqual(profileModel(1, data))
    expect(storedProfile(mock, 1)).toEqual({
      ...before,
      revision: 2,
      updated_at: expect.any(String),
      data,
    })
    const updatedAt = storedProfile(mock, 1)?.updated_at as string
    expect(updatedAt > (before.updated_at as string)).toBe(true)
    const jane = await settle(User.please().get({ instanceName }))
    expect(attributesOf(jane)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'jane'),
      profile: {
        ...profileBody({ ...storedProfileIdentity(mock, 1), data }),
        revision: 2,
      },
    })
  })

  test('keeps the revision given a permission change only', async () => {
    const { DataObject } = connect({ accountKey: keys.account })
    const before = { ...storedProfile(mock, 2) }

    await settle(
      DataObject.please().update(
        { instanceName, className, id: profileIdOf(2) },
        { other_permissions: 'read' },
      ),
    )

    expect(storedProfile(mock, 2)).toEqual({
      ...before,
      other_permissions: 'read',
      updated_at: expect.any(String),
    })
  })

  test('lets other users read a profile opened to them', async () => {
    await settle(
      connect({ accountKey: keys.account })
        .DataObject.please()
        .update(
          { instanceName, className, id: profileIdOf(2) },
          { other_permissions: 'read' },
        ),
    )
    const { DataObject } = connect({ apiKey: keys.apiKey, userKey: keys.jane })

    const profile = await settle(
      DataObject.please().get({ instanceName, className, id: profileIdOf(2) }),
    )

    expect(attributesOf(profile)).toEqual({
      ...profileModel(2, FIXTURE_USERS.john.data),
      other_permissions: 'read',
    })
  })

  test('rejects with 400 given an unknown permission level', async () => {
    const { DataObject } = connect({ apiKey: keys.apiKey, userKey: keys.jane })
    const before = { ...storedProfile(mock, 1) }

    const failure = await failureOf(
      settle(
        DataObject.please().update(
          { instanceName, className, id: profileIdOf(1) },
          { other_permissions: 'sometimes' },
        ),
      ),
    )

    const message = '"sometimes" is not a valid choice.'
    expect(failure).toEqual({
      name: 'RequestError',
      status: 400,
      message: `"other_permissions" ${message}`,
      errors: { other_permissions: [message] },
    })
    expect(storedProfile(mock, 1)).toEqual(before)
  })

  test('saves nothing given save() on an unchanged fetched profile', async () => {
    const { DataObject } = connect({ apiKey: keys.apiKey, userKey: keys.jane })
    const id = profileIdOf(1)
    const profile = await settle(
      DataObject.please().get({ instanceName, className, id }),
    )
    const before = { ...storedProfile(mock, 1) }

    const saved = await profile.save()

    expect(requests[1]).toEqual({
      method: 'PATCH',
      url: `${ORIGIN}/v1.1/instances/${INSTANCE}/classes/user_profile/objects/${id}/`,
      apiKey: keys.apiKey,
      userKey: keys.jane,
      body: {
        instanceName,
        className,
        id,
        revision: 1,
        owner: 1,
        owner_permissions: 'full',
        group: null,
        group_permissions: 'none',
        other_permissions: 'none',
        channel: null,
        channel_room: null,
        ...FIXTURE_USERS.jane.data,
      },
    })
    expect(attributesOf(saved)).toEqual(
      profileModel(1, FIXTURE_USERS.jane.data),
    )
    expect(storedProfile(mock, 1)).toEqual(before)
  })
})

describe('GET classes/user_profile/objects/', () => {
  test('lists every profile in id order with an account key', async () => {
    const { DataObject } = connect({ accountKey: keys.account })

    const profiles = await settle(
      DataObject.please().list({ instanceName, className }),
    )

    const expected = []
    for (const stored of mock.db.profiles.all()) {
      const { body } = await call(
        mock,
        'GET',
        `classes/user_profile/objects/${stored.id}/`,
        { apiKey: keys.account },
      )
      const { created_at, updated_at, ...rest } = body as Record<string, string>
      expected.push({
        instanceName,
        className,
        ...rest,
        created_at: new Date(created_at as string),
        updated_at: new Date(updated_at as string),
      })
    }
    expect(profiles.map(attributesOf)).toEqual(expected)
  })
})
