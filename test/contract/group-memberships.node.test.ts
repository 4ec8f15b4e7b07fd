// Contract of groups/<group_id>/users/ and groups/<group_id>/users/<user_id>/
// (spec 1, 2.2, 3.4, 4.1, 4.3, 5). Behaviours pinned by the server's
// apps/users/tests/test_groupmembership_api.py are marked with a
// comment naming the server's test.
import { describe, expect, test } from 'vitest'
import { createSyncanoMock, type Dialect } from '../../src/index.ts'
import type { FixturesInput } from '../../src/index.ts'
import { call } from '../support/call.ts'

const ACCOUNT = 'a000000000000000000000000000000000000000'
const READER = 'a000000000000000000000000000000000000002'
const PLAIN_KEY = 'b000000000000000000000000000000000000001'
const IGNORE_ACL = 'b000000000000000000000000000000000000005'
const JANE_KEY = 'c000000000000000000000000000000000000000'
const JOHN_KEY = 'c000000000000000000000000000000000000002'
const ALICE_KEY = 'c000000000000000000000000000000000000004'

const DENIED = { detail: 'You do not have permission to perform this action.' }

// Memberships are numbered in seeding order: jane→1 is 1, john→1 is 2,
// john→2 is 3.
function fixturesWith(extraGroups = 0): FixturesInput {
  const extra = Array.from({ length: extraGroups }, (_, index) => ({
    id: 4 + index,
    label: `extra ${index}`,
  }))
  return {
    admins: [
      { email: 'owner@example.com', account_key: ACCOUNT, role: 'full' },
      { email: 'reader@example.com', account_key: READER, role: 'read' },
    ],
    instances: [
      {
        name: 'my-instance',
        owner: 'owner@example.com',
        api_keys: [
          { api_key: PLAIN_KEY },
          { api_key: IGNORE_ACL, ignore_acl: true },
        ],
        groups: [
          { id: 1, name: 'staff', label: 'Staff' },
          { id: 2, name: 'editors', label: 'Editors' },
          { id: 3, label: 'misc' },
          ...extra,
        ],
        users: [
          { id: 5, username: 'jane', user_key: JANE_KEY, groups: [1] },
          { id: 6, username: 'john', user_key: JOHN_KEY, groups: [1, 2] },
          { id: 7, username: 'alice', user_key: ALICE_KEY },
        ],
      },
    ],
  }
}

function mockOf(dialect: Dialect = 'server', extraGroups = 0) {
  return createSyncanoMock({ fixtures: fixturesWith(extraGroups), dialect })
}

type Mock = ReturnType<typeof mockOf>

function prefixOf(dialect: Dialect) {
  return `/${dialect === 'docs' ? 'v1' : 'v1.1'}/instances/my-instance`
}

/** A user as `users/<id>/` shows it to an admin: what a member looks like. */
async function userBody(mock: Mock, userId: number) {
  const { status, body } = await call(mock, 'GET', `users/${userId}/`, {
    apiKey: ACCOUNT,
  })
  expect(status).toBe(200)
  return body
}

async function membershipBody(
  mock: Mock,
  groupId: number,
  userId: number,
  dialect: Dialect = 'server',
) {
  return {
    user: await userBody(mock, userId),
    links: { self: `${prefixOf(dialect)}/groups/${groupId}/users/${userId}/` },
  }
}

/** The user ids of a group's members, as an admin lists them. */
async function memberIds(mock: Mock, groupId: number) {
  const { body } = await call(mock, 'GET', `groups/${groupId}/users/`, {
    apiKey: ACCOUNT,
  })
  return (body as { objects: Array<{ user: { id: number } }> }).objects.map(
    (membership) => membership.user.id,
  )
}

/** The group ids in a user's own `groups` field. */
async function groupsFieldOf(mock: Mock, userId: number) {
  const body = (await userBody(mock, userId)) as {
    groups: Array<{ id: number }>
  }
  return body.groups.map(({ id }) => id)
}

describe('GET groups/<group_id>/users/', () => {
  // The server's test_groupmembership_api.py TestGroupUserList test_listing.
  test("lists the group's members", async () => {
    const mock = mockOf()
    const { status, headers, body } = await call(
      mock,
      'GET',
      'groups/1/users/',
      {
        apiKey: ACCOUNT,
      },
    )
    expect(status).toBe(200)
    expect(headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS')
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [
        await membershipBody(mock, 1, 5),
        await membershipBody(mock, 1, 6),
      ],
    })
  })

  // The server's test_groupmembership_api.py test_listing_is_filtered_properly.
  test('leaves out members of other groups', async () => {
    const mock = mockOf()
    const { body } = await call(mock, 'GET', 'groups/2/users/', {
      apiKey: ACCOUNT,
    })
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [await membershipBody(mock, 2, 6)],
    })
  })

  test('shows every member with its user_key to an admin', async () => {
    const { body } = await call(
      mockOf(),
      'GET',
      'groups/1/users/?fields=id,user_key',
      {
        apiKey: ACCOUNT,
      },
    )
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [
        { user: { id: 5, user_key: JANE_KEY } },
        { user: { id: 6, user_key: JOHN_KEY } },
      ],
    })
  })

  // The server's test_groupmembership_api.py test_listing_returns_only_own_user.
  test("lists only the caller's own membership to a user key", async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'GET', 'groups/1/users/', {
      apiKey: PLAIN_KEY,
      userKey: JOHN_KEY,
    })
    expect(status).toBe(200)
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [await membershipBody(mock, 1, 6)],
    })
  })

  test('lists nothing to a user key of a user outside the group', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'groups/1/users/', {
      apiKey: PLAIN_KEY,
      userKey: ALICE_KEY,
    })
    expect(status).toBe(200)
    expect(body).toEqual({ next: null, prev: null, objects: [] })
  })

  test.each([
    ['an instance API key without a user key', PLAIN_KEY],
    ['an ignore_acl key without a user key', IGNORE_ACL],
  ])('answers 403 given %s', async (_, apiKey) => {
    const { status, body } = await call(mockOf(), 'GET', 'groups/1/users/', {
      apiKey,
    })
    expect(status).toBe(403)
    expect(body).toEqual(DENIED)
  })

  test('lists with a read-role account key', async () => {
    const { status } = await call(mockOf(), 'GET', 'groups/1/users/', {
      apiKey: READER,
    })
    expect(status).toBe(200)
  })

  test('answers 404 "Group was not found." without a key given an unknown group', async () => {
    const mock = mockOf()
    for (const path of [
      'groups/99/users/',
      'groups/abc/users/',
      'groups/99/users/5/',
    ]) {
      const { status, body } = await call(mock, 'GET', path)
      expect(status).toBe(404)
      expect(body).toEqual({ detail: 'Group was not found.' })
    }
  })

  test('answers 404 "Group was not found." given a deleted group', async () => {
    const mock = mockOf()
    await call(mock, 'DELETE', 'groups/1/', { apiKey: ACCOUNT })
    const { status, body } = await call(mock, 'GET', 'groups/1/users/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Group was not found.' })
  })

  test('writes /v1/ links and no group names in the documentation dialect', async () => {
    const mock = mockOf('docs')
    const { body } = await call(mock, 'GET', 'groups/2/users/', {
      apiKey: ACCOUNT,
    })
    const member = await membershipBody(mock, 2, 6, 'docs')
    expect(body).toEqual({ next: null, prev: null, objects: [member] })
    expect(member.user).toEqual(
      expect.objectContaining({
        groups: [
          {
            id: 1,
            label: 'Staff',
            description: '',
            links: {
              self: '/v1/instances/my-instance/groups/1/',
              users: '/v1/instances/my-instance/groups/1/users/',
            },
          },
          {
            id: 2,
            label: 'Editors',
            description: '',
            links: {
              self: '/v1/instances/my-instance/groups/2/',
              users: '/v1/instances/my-instance/groups/2/users/',
            },
          },
        ],
      }),
    )
  })

  test('pages by membership id', async () => {
    const mock = mockOf()
    const { body } = await call(
      mock,
      'GET',
      'groups/1/users/?page_size=1&fields=id',
      {
        apiKey: ACCOUNT,
      },
    )
    expect(body).toEqual({
      next: '/v1.1/instances/my-instance/groups/1/users/?page_size=1&direction=1&last_pk=1',
      prev: null,
      objects: [{ user: { id: 5 } }],
    })

    const next = await call(
      mock,
      'GET',
      'groups/1/users/?page_size=1&direction=1&last_pk=1&fields=id',
      { apiKey: ACCOUNT },
    )
    expect(next.body).toEqual({
      next: '/v1.1/instances/my-instance/groups/1/users/?page_size=1&direction=1&last_pk=2',
      prev: '/v1.1/instances/my-instance/groups/1/users/?page_size=1&direction=0&last_pk=2',
      objects: [{ user: { id: 6 } }],
    })
  })
})

describe('POST groups/<group_id>/users/', () => {
  // The server's test_groupmembership_api.py test_adding_user_membership.
  test('adds a user to the group', async () => {
    const mock = mockOf()
    const { status, headers, body } = await call(
      mock,
      'POST',
      'groups/1/users/',
      {
        apiKey: ACCOUNT,
        body: { user: 7 },
      },
    )
    expect(status).toBe(201)
    expect(headers.get('location')).toBeNull()
    expect(body).toEqual(await membershipBody(mock, 1, 7))
    expect(await memberIds(mock, 1)).toEqual([5, 6, 7])
    expect(await groupsFieldOf(mock, 7)).toEqual([1])
  })

  test("answers with the member's groups including the new one", async () => {
    const mock = mockOf()
    const { body } = await call(mock, 'POST', 'groups/3/users/?fields=id', {
      apiKey: ACCOUNT,
      body: { user: 5 },
    })
    const user = (body as { user: { groups: Array<{ id: number }> } }).user
    expect(user.groups.map(({ id }) => id)).toEqual([1, 3])
  })

  // The server's test_groupmembership_api.py test_user_memberships_are_unique.
  test('answers 400 given a member of the group', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'groups/1/users/', {
      apiKey: ACCOUNT,
      body: { user: 5 },
    })
    expect(status).toBe(400)
    expect(body).toEqual({ detail: 'User is already a part of that group.' })
    expect(await memberIds(mock, 1)).toEqual([5, 6])
  })

  test('answers 400 once the user is in 32 groups', async () => {
    const mock = mockOf('server', 30)
    for (let id = 4; id <= 33; id++) {
      const { status } = await call(mock, 'POST', `groups/${id}/users/`, {
        apiKey: ACCOUNT,
        body: { user: 6 },
      })
      expect(status).toBe(201)
    }
    const { status, body } = await call(mock, 'POST', 'groups/3/users/', {
      apiKey: ACCOUNT,
      body: { user: 6 },
    })
    expect(status).toBe(400)
    expect(body).toEqual({ detail: "User's group count exceeded (32)." })
    expect(await memberIds(mock, 3)).toEqual([])
    expect(await groupsFieldOf(mock, 6)).toHaveLength(32)
  })

  test.each([
    [{}, { user: ['This field is required.'] }],
    [{ user: null }, { user: ['This field may not be null.'] }],
    [{ user: 99 }, { user: ['Invalid pk "99" - object does not exist.'] }],
    [
      { user: 'jane' },
      { user: ['Incorrect type. Expected pk value, received str.'] },
    ],
    [
      { user: { id: 7 } },
      { user: ['Incorrect type. Expected pk value, received dict.'] },
    ],
    [
      7,
      {
        non_field_errors: ['Invalid data. Expected a dictionary, but got int.'],
      },
    ],
  ])('answers 400 given the body %j', async (sent, errors) => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'groups/3/users/', {
      apiKey: ACCOUNT,
      body: sent,
    })
    expect(status).toBe(400)
    expect(body).toEqual(errors)
    expect(await memberIds(mock, 3)).toEqual([])
  })

  test('answers 400 given a deleted user', async () => {
    const mock = mockOf()
    await call(mock, 'DELETE', 'users/7/', { apiKey: ACCOUNT })
    const { status, body } = await call(mock, 'POST', 'groups/3/users/', {
      apiKey: ACCOUNT,
      body: { user: 7 },
    })
    expect(status).toBe(400)
    expect(body).toEqual({ user: ['Invalid pk "7" - object does not exist.'] })
  })

  test.each([
    ['a user key adding itself', { apiKey: PLAIN_KEY, userKey: ALICE_KEY }],
    ['an ignore_acl key', { apiKey: IGNORE_ACL }],
    ['a read-role account key', { apiKey: READER }],
  ])('answers 403 given %s', async (_, keys) => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'groups/3/users/', {
      ...keys,
      body: { user: 7 },
    })
    expect(status).toBe(403)
    expect(body).toEqual(DENIED)
    expect(await memberIds(mock, 3)).toEqual([])
  })
})

describe('GET groups/<group_id>/users/<user_id>/', () => {
  // The server's test_groupmembership_api.py TestGroupUserDetail test_getting.
  test('answers the membership', async () => {
    const mock = mockOf()
    const { status, headers, body } = await call(
      mock,
      'GET',
      'groups/1/users/6/',
      {
        apiKey: ACCOUNT,
      },
    )
    expect(status).toBe(200)
    expect(headers.get('allow')).toBe('GET, DELETE, HEAD, OPTIONS')
    expect(body).toEqual(await membershipBody(mock, 1, 6))
  })

  test("answers the caller's own membership to a user key", async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'GET', 'groups/1/users/5/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
    })
    expect(status).toBe(200)
    expect(body).toEqual(await membershipBody(mock, 1, 5))
  })

  test("answers 404 given another member's id with a user key", async () => {
    const { status, body } = await call(mockOf(), 'GET', 'groups/1/users/6/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Not found.' })
  })

  test('answers 404 given a user outside the group', async () => {
    const mock = mockOf()
    for (const path of [
      'groups/2/users/5/',
      'groups/2/users/99/',
      'groups/2/users/x/',
    ]) {
      const { status, body } = await call(mock, 'GET', path, {
        apiKey: ACCOUNT,
      })
      expect(status).toBe(404)
      expect(body).toEqual({ detail: 'Not found.' })
    }
  })

  test('answers 404 "Not found" in the documentation dialect', async () => {
    const { status, body } = await call(
      mockOf('docs'),
      'GET',
      'groups/2/users/5/',
      {
        apiKey: ACCOUNT,
      },
    )
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Not found' })
  })

  test('answers 403 given an instance API key without a user key', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'groups/1/users/5/', {
      apiKey: PLAIN_KEY,
    })
    expect(status).toBe(403)
    expect(body).toEqual(DENIED)
  })

  test('answers 405 to PATCH once permissions pass', async () => {
    const { status, body } = await call(
      mockOf(),
      'PATCH',
      'groups/1/users/5/',
      {
        apiKey: ACCOUNT,
        body: {},
      },
    )
    expect(status).toBe(405)
    expect(body).toEqual({ detail: 'Method "PATCH" not allowed.' })
  })
})

describe('DELETE groups/<group_id>/users/<user_id>/', () => {
  // The server's test_groupmembership_api.py test_deleting_user_membership.
  test('removes the member and keeps the user', async () => {
    const mock = mockOf()
    const { status, headers, body } = await call(
      mock,
      'DELETE',
      'groups/1/users/6/',
      {
        apiKey: ACCOUNT,
      },
    )
    expect(status).toBe(204)
    expect(body).toBeNull()
    expect(headers.get('content-type')).toBeNull()
    expect(await memberIds(mock, 1)).toEqual([5])
    expect(await groupsFieldOf(mock, 6)).toEqual([2])
  })

  test.each([
    ["the member's own key", { apiKey: PLAIN_KEY, userKey: JOHN_KEY }],
    ['an ignore_acl key', { apiKey: IGNORE_ACL }],
    ['a read-role account key', { apiKey: READER }],
  ])('answers 403 given %s', async (_, keys) => {
    const mock = mockOf()
    const { status, body } = await call(
      mock,
      'DELETE',
      'groups/1/users/6/',
      keys,
    )
    expect(status).toBe(403)
    expect(body).toEqual(DENIED)
    expect(await memberIds(mock, 1)).toEqual([5, 6])
  })

  test('answers 404 given a user outside the group', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'DELETE', 'groups/2/users/5/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Not found.' })
    expect(await memberIds(mock, 2)).toEqual([6])
  })
})
