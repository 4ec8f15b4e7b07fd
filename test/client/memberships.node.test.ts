import { describe, expect, test } from 'vitest'
import { key } from '../../src/index.ts'
import { INSTANCE, ORIGIN, keys } from '../support/fixture-keys.ts'
import { MAIN_GROUP, fixtureUserBody, groupBody } from './support/bodies.ts'
import {
  attributesOf,
  connect,
  failureOf,
  settle,
  useClientServer,
} from './support/client.ts'

const { mock, requests } = useClientServer()

const URL_PREFIX = `${ORIGIN}/v1.1/instances/${INSTANCE}`
const instanceName = INSTANCE
const PERMISSION_DENIED = {
  name: 'RequestError',
  status: 403,
  message: 'You do not have permission to perform this action.',
  errors: { detail: 'You do not have permission to perform this action.' },
}

function admin() {
  return connect({ accountKey: keys.account })
}

/** Every stored membership as `user:group`, in insertion order. */
function membershipPairs(): Array<string> {
  return mock.db.memberships
    .all()
    .map((membership) => `${membership.user}:${membership.group}`)
}

function hasMembership(user: number, group: number): boolean {
  return (
    mock.db.memberships.find('byPair', key(INSTANCE, user, group)) !== undefined
  )
}

describe('POST groups/<id>/users/ (Group.addUser)', () => {
  test('adds a user to a group and resolves the user', async () => {
    const { Group } = admin()

    const user = await Group.please().addUser(
      { instanceName, id: 1 },
      { user: 3 },
    )

    expect(attributesOf(user)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'alice', { groups: [MAIN_GROUP] }),
    })
    expect(hasMembership(3, 1)).toBe(true)
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${URL_PREFIX}/groups/1/users/`,
        apiKey: keys.account,
        userKey: null,
        body: { user: 3 },
      },
    ])
  })

  test('rejects with 400 given a user already in the group', async () => {
    const { Group } = admin()
    const before = membershipPairs()

    const failure = await failureOf(
      Group.please().addUser({ instanceName, id: 1 }, { user: 1 }),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 400,
      message: 'User is already a part of that group.',
      errors: { detail: 'User is already a part of that group.' },
    })
    expect(membershipPairs()).toEqual(before)
  })

  test('rejects with 404 "Group was not found." given a missing group', async () => {
    const { Group } = admin()
    const before = membershipPairs()

    const failure = await failureOf(
      Group.please().addUser({ instanceName, id: 99 }, { user: 3 }),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 404,
      message: 'Group was not found.',
      errors: { detail: 'Group was not found.' },
    })
    expect(membershipPairs()).toEqual(before)
  })

  test('rejects with 403 given an ignore_acl API key', async () => {
    const { Group } = connect({ apiKey: keys.ignoreAcl })
    const before = membershipPairs()

    const failure = await failureOf(
      Group.please().addUser({ instanceName, id: 1 }, { user: 3 }),
    )

    expect(failure).toEqual(PERMISSION_DENIED)
    expect(membershipPairs()).toEqual(before)
  })
})

describe('GET groups/<id>/users/ (Group.users, getUserDetails)', () => {
  test("lists a group's members with an account key", async () => {
    const { Group } = admin()

    const users = await Group.please().users({ instanceName, id: 1 })

    expect(users.map(attributesOf)).toEqual([
      { instanceName, ...fixtureUserBody(mock, 'jane') },
      { instanceName, ...fixtureUserBody(mock, 'john') },
    ])
  })

  test("lists only the caller's own membership given a user key", async () => {
    const { Group } = connect({ apiKey: keys.apiKey, userKey: keys.john })

    const users = await Group.please().users({ instanceName, id: 1 })

    expect(users.map(attributesOf)).toEqual([
      { instanceName, ...fixtureUserBody(mock, 'john') },
    ])
  })

  test('resolves one member with getUserDetails', async () => {
    const { Group } = admin()

    const user = await Group.please().getUserDetails(
      { instanceName, id: 1 },
      { user: 2 },
    )

    // The client keeps the `user` path property on the model.
    expect(attributesOf(user)).toEqual({
      instanceName,
      user: 2,
      ...fixtureUserBody(mock, 'john'),
    })
    expect(requests[0]?.url).toBe(`${URL_PREFIX}/groups/1/users/2/`)
  })

  test('rejects getUserDetails with 404 given a user outside the group', async () => {
    const { Group } = admin()

    const failure = await failureOf(
      Group.please().getUserDetails({ instanceName, id: 1 }, { user: 3 }),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 404,
      message: 'Not found',
      errors: { detail: 'Not found' },
    })
  })
})

describe('DELETE groups/<id>/users/<user>/ (Group.deleteUser)', () => {
  test('removes the membership and keeps the user and the group', async () => {
    const { Group } = admin()

    await settle(
      Group.please().deleteUser({ instanceName, id: 1 }, { user: 2 }),
    )

    expect(hasMembership(2, 1)).toBe(false)
    expect(hasMembership(1, 1)).toBe(true)
    expect(mock.db.users.find('byId', key(INSTANCE, 2))).toBeDefined()
    expect(mock.db.groups.find('byId', key(INSTANCE, 1))).toBeDefined()
    expect(requests).toEqual([
      {
        method: 'DELETE',
        url: `${URL_PREFIX}/groups/1/users/2/`,
        apiKey: keys.account,
        userKey: null,
        body: { user: 2 },
      },
    ])
    const john = await settle(
      admin().User.please().get({ instanceName, id: 2 }),
    )
    expect(john.groups).toEqual([])
  })

  test('rejects with 403 given an API key and the member key', async () => {
    const { Group } = connect({ apiKey: keys.apiKey, userKey: keys.john })
    const before = membershipPairs()

    const failure = await failureOf(
      settle(Group.please().deleteUser({ instanceName, id: 1 }, { user: 2 })),
    )

    expect(failure).toEqual(PERMISSION_DENIED)
    expect(membershipPairs()).toEqual(before)
  })
})

describe('POST users/<id>/groups/ (User.addGroup)', () => {
  test('adds a group to a user and resolves the group', async () => {
    const { User } = admin()

    const group = await User.please().addGroup(
      { instanceName, user: 3 },
      { group: 1 },
    )

    expect(attributesOf(group)).toEqual({
      instanceName,
      user: 3,
      ...groupBody(MAIN_GROUP),
    })
    expect(hasMembership(3, 1)).toBe(true)
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${URL_PREFIX}/users/3/groups/`,
        apiKey: keys.account,
        userKey: null,
        body: { group: 1 },
      },
    ])
  })

  test('rejects with 400 given a group that does not exist', async () => {
    const { User } = admin()
    const before = membershipPairs()

    const failure = await failureOf(
      User.please().addGroup({ instanceName, user: 3 }, { group: 99 }),
    )

    const message = 'Invalid pk "99" - object does not exist.'
    expect(failure).toEqual({
      name: 'RequestError',
      status: 400,
      message: `"group" ${message}`,
      errors: { group: [message] },
    })
    expect(membershipPairs()).toEqual(before)
  })

  test('rejects with 404 "User was not found." given a missing user', async () => {
    const { User } = admin()
    const before = membershipPairs()

    const failure = await failureOf(
      User.please().addGroup({ instanceName, user: 99 }, { group: 1 }),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 404,
      message: 'User was not found.',
      errors: { detail: 'User was not found.' },
    })
    expect(membershipPairs()).toEqual(before)
  })
})

describe('GET users/<id>/groups/ (User.getGroups, getGroup)', () => {
  test("lists the caller's own groups given a user key", async () => {
    const { User } = connect({ apiKey: keys.apiKey, userKey: keys.jane })

    const groups = await User.please().getGroups({ instanceName, user: 1 })

    expect(groups.map(attributesOf)).toEqual([
      { instanceName, user: 1, ...groupBody(MAIN_GROUP) },
    ])
  })

  test("rejects with 403 given another user's id and a user key", async () => {
    const { User } = connect({ apiKey: keys.apiKey, userKey: keys.jane })

    const failure = await failureOf(
      User.please().getGroups({ instanceName, user: 2 }),
    )

    expect(failure).toEqual(PERMISSION_DENIED)
  })

  test('resolves one membership with getGroup', async () => {
    const { User } = admin()

    const group = await User.please().getGroup({ instanceName, user: 2, id: 1 })

    expect(attributesOf(group)).toEqual({
      instanceName,
      user: 2,
      ...groupBody(MAIN_GROUP),
    })
    expect(requests[0]?.url).toBe(`${URL_PREFIX}/users/2/groups/1/`)
  })

  test('lists no groups for a user in none', async () => {
    const { User } = admin()

    const groups = await User.please().getGroups({ instanceName, user: 3 })

    expect(groups.map(attributesOf)).toEqual([])
    expect([groups.hasNext(), groups.hasPrev()]).toEqual([false, false])
  })
})

describe('DELETE users/<id>/groups/<group>/ (User.deleteGroup)', () => {
  test('removes the membership, seen from the group side too', async () => {
    const { User, Group } = admin()

    await User.please().deleteGroup({ instanceName, user: 1 }, { id: 1 })

    expect(hasMembership(1, 1)).toBe(false)
    const members = await Group.please().users({ instanceName, id: 1 })
    expect(members.map(attributesOf)).toEqual([
      { instanceName, ...fixtureUserBody(mock, 'john') },
    ])
    expect(requests[0]).toEqual({
      method: 'DELETE',
      url: `${URL_PREFIX}/users/1/groups/1/`,
      apiKey: keys.account,
      userKey: null,
      body: {},
    })
  })

  test('rejects with 404 given a group the user is not in', async () => {
    const { User } = admin()
    const before = membershipPairs()

    const failure = await failureOf(
      User.please().deleteGroup({ instanceName, user: 3 }, { id: 1 }),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 404,
      message: 'Not found',
      errors: { detail: 'Not found' },
    })
    expect(membershipPairs()).toEqual(before)
  })
})
