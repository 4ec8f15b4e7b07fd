// Contract of users/<user_id>/groups/ and users/<user_id>/groups/<group_id>/
// (spec 1, 2.2, 3.4, 4.3, 5). Behaviours pinned by the server's
// apps/users/tests/test_usermembership_api.py are marked with a
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

const DENIED = { detail: 'You do not have permission to perform this action.' }

interface GroupValues {
  id: number
  name: string | null
  label: string
}

const GROUPS: ReadonlyArray<GroupValues> = [
  { id: 1, name: 'staff', label: 'Staff' },
  { id: 2, name: 'editors', label: 'Editors' },
  { id: 3, name: null, label: 'misc' },
]

// Memberships are numbered in seeding order: jane→1 is 1, john→1 is 2,
// john→2 is 3. Lists are paged by these ids, not by group ids.
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
        groups: [...GROUPS, ...extra],
        users: [
          { id: 5, username: 'jane', user_key: JANE_KEY, groups: [1] },
          { id: 6, username: 'john', user_key: JOHN_KEY, groups: [1, 2] },
          { id: 7, username: 'alice' },
        ],
      },
    ],
  }
}

function mockOf(dialect: Dialect = 'server', extraGroups = 0) {
  return createSyncanoMock({ fixtures: fixturesWith(extraGroups), dialect })
}

type Mock = ReturnType<typeof mockOf>

function prefixOf(dialect: Dialect, version: 'v1' | 'v1.1' = 'v1.1') {
  return `/${dialect === 'docs' ? 'v1' : version}/instances/my-instance`
}

function groupBody(group: GroupValues, dialect: Dialect = 'server') {
  const self = `${prefixOf(dialect)}/groups/${group.id}/`
  return {
    id: group.id,
    ...(dialect === 'server' ? { name: group.name } : {}),
    label: group.label,
    description: '',
    links: { self, users: `${self}users/` },
  }
}

function group(id: number): GroupValues {
  const found = GROUPS.find((candidate) => candidate.id === id)
  return found ?? { id, name: null, label: `extra ${id - 4}` }
}

/** A whole membership body as seen from user `userId`. */
function membershipBody(
  userId: number,
  groupId: number,
  dialect: Dialect = 'server',
) {
  return {
    group: groupBody(group(groupId), dialect),
    links: { self: `${prefixOf(dialect)}/users/${userId}/groups/${groupId}/` },
  }
}

/** The group ids of a user's memberships, as an admin lists them. */
async function membershipIds(mock: Mock, userId: number) {
  const { body } = await call(mock, 'GET', `users/${userId}/groups/`, {
    apiKey: ACCOUNT,
  })
  return (body as { objects: Array<{ group: { id: number } }> }).objects.map(
    (membership) => membership.group.id,
  )
}

/** The group ids in a user's own `groups` field. */
async function groupsFieldOf(mock: Mock, userId: number) {
  const { body } = await call(mock, 'GET', `users/${userId}/`, {
    apiKey: ACCOUNT,
  })
  return (body as { groups: Array<{ id: number }> }).groups.map(({ id }) => id)
}

describe('GET users/<user_id>/groups/', () => {
  // The server's test_usermembership_api.py TestUserGroupList test_listing.
  test("lists the user's memberships", async () => {
    const { status, headers, body } = await call(
      mockOf(),
      'GET',
      'users/5/groups/',
      {
        apiKey: ACCOUNT,
      },
    )
    expect(status).toBe(200)
    expect(headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS')
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [membershipBody(5, 1)],
    })
  })

  // The server's test_usermembership_api.py test_listing_is_filtered_properly.
  test("leaves out other users' memberships", async () => {
    const { body } = await call(mockOf(), 'GET', 'users/6/groups/', {
      apiKey: ACCOUNT,
    })
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [membershipBody(6, 1), membershipBody(6, 2)],
    })
  })

  test('lists nothing for a user in no group', async () => {
    const { body } = await call(mockOf(), 'GET', 'users/7/groups/', {
      apiKey: ACCOUNT,
    })
    expect(body).toEqual({ next: null, prev: null, objects: [] })
  })

  // The server's test_usermembership_api.py TestUserGroupListKeyAccess test_listing.
  test('lists own memberships with a user key', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'users/5/groups/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
    })
    expect(status).toBe(200)
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [membershipBody(5, 1)],
    })
  })

  // The server's test_usermembership_api.py test_listing_other_users_group_is_denied.
  test("answers 403 given another user's key", async () => {
    const { status, body } = await call(mockOf(), 'GET', 'users/6/groups/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
    })
    expect(status).toBe(403)
    expect(body).toEqual(DENIED)
  })

  test.each([
    ['an instance API key without a user key', PLAIN_KEY],
    ['an ignore_acl key without a user key', IGNORE_ACL],
  ])('answers 403 given %s', async (_, apiKey) => {
    const { status, body } = await call(mockOf(), 'GET', 'users/5/groups/', {
      apiKey,
    })
    expect(status).toBe(403)
    expect(body).toEqual(DENIED)
  })

  test('lists with a read-role account key', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'users/5/groups/', {
      apiKey: READER,
    })
    expect(status).toBe(200)
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [membershipBody(5, 1)],
    })
  })

  test('answers 404 "User was not found." without a key given an unknown user', async () => {
    const mock = mockOf()
    for (const path of ['users/99/groups/', 'users/abc/groups/']) {
      const { status, body } = await call(mock, 'GET', path)
      expect(status).toBe(404)
      expect(body).toEqual({ detail: 'User was not found.' })
    }
  })

  // `validate_field` reads the parent id with AutoField.to_python, int().
  test('lists the memberships given the user id with a sign', async () => {
    const mock = mockOf()
    const signed = await call(mock, 'GET', 'users/%2B5/groups/', {
      apiKey: ACCOUNT,
    })
    const plain = await call(mock, 'GET', 'users/5/groups/', {
      apiKey: ACCOUNT,
    })
    expect(signed.status).toBe(200)
    expect(signed.body).toEqual(plain.body)
    expect((plain.body as { objects: unknown[] }).objects).toHaveLength(1)
  })

  test('answers 404 "User was not found." given a deleted user', async () => {
    const mock = mockOf()
    await call(mock, 'DELETE', 'users/5/', { apiKey: ACCOUNT })
    const { status, body } = await call(mock, 'GET', 'users/5/groups/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'User was not found.' })
  })

  test('leaves out name and links to /v1/ in the documentation dialect', async () => {
    const { body } = await call(mockOf('docs'), 'GET', 'users/6/groups/', {
      apiKey: ACCOUNT,
    })
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [membershipBody(6, 1, 'docs'), membershipBody(6, 2, 'docs')],
    })
  })

  test('pages by membership id, not by group id', async () => {
    const mock = mockOf()
    const first = await call(mock, 'GET', 'users/6/groups/?page_size=1', {
      apiKey: ACCOUNT,
    })
    expect(first.body).toEqual({
      next: '/v1.1/instances/my-instance/users/6/groups/?page_size=1&direction=1&last_pk=2',
      prev: null,
      objects: [membershipBody(6, 1)],
    })

    const second = await call(
      mock,
      'GET',
      'users/6/groups/?page_size=1&direction=1&last_pk=2',
      { apiKey: ACCOUNT },
    )
    expect(second.body).toEqual({
      next: '/v1.1/instances/my-instance/users/6/groups/?page_size=1&direction=1&last_pk=3',
      prev: '/v1.1/instances/my-instance/users/6/groups/?page_size=1&direction=0&last_pk=3',
      objects: [membershipBody(6, 2)],
    })
  })

  test('applies fields to the nested group and always writes the group', async () => {
    const mock = mockOf()
    const { body } = await call(
      mock,
      'GET',
      'users/5/groups/?fields=id,links',
      {
        apiKey: ACCOUNT,
      },
    )
    const { links } = groupBody(group(1))
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [
        {
          links: { self: '/v1.1/instances/my-instance/users/5/groups/1/' },
          group: { id: 1, links },
        },
      ],
    })

    const groupOnly = await call(mock, 'GET', 'users/5/groups/?fields=group', {
      apiKey: ACCOUNT,
    })
    expect(groupOnly.body).toEqual({
      next: null,
      prev: null,
      objects: [{ group: {} }],
    })
  })

  test('lists nothing once the group is deleted', async () => {
    const mock = mockOf()
    await call(mock, 'DELETE', 'groups/1/', { apiKey: ACCOUNT })
    expect(await membershipIds(mock, 5)).toEqual([])
    expect(await membershipIds(mock, 6)).toEqual([2])
  })
})

describe('users/<user_id>/groups/ given an unmapped method', () => {
  // With no viewset action, `ModelPermissions` asks for `update` (PATCH) or
  // `delete`, which the API key's membership rights (read) do not grant.
  test.each(['PATCH', 'DELETE'])(
    'answers 403 to %s given an API key and the user key',
    async (method) => {
      const mock = mockOf()
      const { status, body } = await call(mock, method, 'users/5/groups/', {
        apiKey: PLAIN_KEY,
        userKey: JANE_KEY,
        body: { group: 2 },
      })
      expect(status).toBe(403)
      expect(body).toEqual(DENIED)
      expect(await membershipIds(mock, 5)).toEqual([1])
    },
  )

  test('answers 405 to PATCH given an account key', async () => {
    const { status, body } = await call(mockOf(), 'PATCH', 'users/5/groups/', {
      apiKey: ACCOUNT,
      body: { group: 2 },
    })
    expect(status).toBe(405)
    expect(body).toEqual({ detail: 'Method "PATCH" not allowed.' })
  })
})

describe('POST users/<user_id>/groups/', () => {
  // The server's test_usermembership_api.py test_adding_group_membership.
  test('adds the user to a group', async () => {
    const mock = mockOf()
    const { status, headers, body } = await call(
      mock,
      'POST',
      'users/5/groups/',
      {
        apiKey: ACCOUNT,
        body: { group: 3 },
      },
    )
    expect(status).toBe(201)
    expect(headers.get('location')).toBeNull()
    expect(body).toEqual(membershipBody(5, 3))
    expect(await membershipIds(mock, 5)).toEqual([1, 3])
    expect(await groupsFieldOf(mock, 5)).toEqual([1, 3])
  })

  test('lists memberships in the order they were made', async () => {
    const mock = mockOf()
    await call(mock, 'POST', 'users/7/groups/', {
      apiKey: ACCOUNT,
      body: { group: 3 },
    })
    await call(mock, 'POST', 'users/7/groups/', {
      apiKey: ACCOUNT,
      body: { group: 1 },
    })
    expect(await membershipIds(mock, 7)).toEqual([3, 1])
    expect(await groupsFieldOf(mock, 7)).toEqual([1, 3])
  })

  test('accepts the group id as a string', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'users/7/groups/', {
      apiKey: ACCOUNT,
      body: { group: '2' },
    })
    expect(status).toBe(201)
    expect(body).toEqual(membershipBody(7, 2))
    expect(await membershipIds(mock, 7)).toEqual([2])
  })

  test('answers without name in the documentation dialect', async () => {
    const { body } = await call(mockOf('docs'), 'POST', 'users/7/groups/', {
      apiKey: ACCOUNT,
      body: { group: 2 },
    })
    expect(body).toEqual(membershipBody(7, 2, 'docs'))
  })

  // The server's test_usermembership_api.py test_group_memberships_are_unique.
  test('answers 400 given a group the user is in', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'users/6/groups/', {
      apiKey: ACCOUNT,
      body: { group: 1 },
    })
    expect(status).toBe(400)
    expect(body).toEqual({ detail: 'User is already a part of that group.' })
    expect(await membershipIds(mock, 6)).toEqual([1, 2])
  })

  // The server's test_usermembership_api.py test_if_can_create_after_limit_reached.
  test('answers 400 once the user is in 32 groups', async () => {
    const mock = mockOf('server', 30)
    for (let id = 4; id <= 33; id++) {
      const { status } = await call(mock, 'POST', 'users/6/groups/', {
        apiKey: ACCOUNT,
        body: { group: id },
      })
      expect(status).toBe(201)
    }
    expect(await groupsFieldOf(mock, 6)).toHaveLength(32)

    const { status, body } = await call(mock, 'POST', 'users/6/groups/', {
      apiKey: ACCOUNT,
      body: { group: 3 },
    })
    expect(status).toBe(400)
    expect(body).toEqual({ detail: "User's group count exceeded (32)." })
    expect(await groupsFieldOf(mock, 6)).toHaveLength(32)
  })

  test('checks for a duplicate before the group count', async () => {
    const mock = mockOf('server', 30)
    for (let id = 4; id <= 33; id++) {
      await call(mock, 'POST', 'users/6/groups/', {
        apiKey: ACCOUNT,
        body: { group: id },
      })
    }
    const { body } = await call(mock, 'POST', 'users/6/groups/', {
      apiKey: ACCOUNT,
      body: { group: 1 },
    })
    expect(body).toEqual({ detail: 'User is already a part of that group.' })
  })

  test.each([
    [{}, { group: ['This field is required.'] }],
    [{ group: null }, { group: ['This field may not be null.'] }],
    [{ group: '' }, { group: ['This field may not be null.'] }],
    [{ group: 99 }, { group: ['Invalid pk "99" - object does not exist.'] }],
    [
      { group: 'abc' },
      { group: ['Incorrect type. Expected pk value, received str.'] },
    ],
    [
      { group: [1] },
      { group: ['Incorrect type. Expected pk value, received list.'] },
    ],
    [
      [],
      {
        non_field_errors: [
          'Invalid data. Expected a dictionary, but got list.',
        ],
      },
    ],
    [null, { non_field_errors: ['No data provided'] }],
  ])('answers 400 given the body %j', async (sent, errors) => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'users/7/groups/', {
      apiKey: ACCOUNT,
      body: sent,
    })
    expect(status).toBe(400)
    expect(body).toEqual(errors)
    expect(await membershipIds(mock, 7)).toEqual([])
  })

  test('answers 400 given a deleted group', async () => {
    const mock = mockOf()
    await call(mock, 'DELETE', 'groups/3/', { apiKey: ACCOUNT })
    const { status, body } = await call(mock, 'POST', 'users/7/groups/', {
      apiKey: ACCOUNT,
      body: { group: 3 },
    })
    expect(status).toBe(400)
    expect(body).toEqual({ group: ['Invalid pk "3" - object does not exist.'] })
  })

  test.each([
    ["the user's own key", { apiKey: PLAIN_KEY, userKey: JANE_KEY }],
    ['an ignore_acl key', { apiKey: IGNORE_ACL }],
    [
      "an ignore_acl key with the user's key",
      { apiKey: IGNORE_ACL, userKey: JANE_KEY },
    ],
    ['a read-role account key', { apiKey: READER }],
  ])('answers 403 given %s', async (_, keys) => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'users/5/groups/', {
      ...keys,
      body: { group: 2 },
    })
    expect(status).toBe(403)
    expect(body).toEqual(DENIED)
    expect(await membershipIds(mock, 5)).toEqual([1])
  })

  test('answers 404 for an unknown user before reading the body', async () => {
    const { status, body } = await call(mockOf(), 'POST', 'users/99/groups/', {
      apiKey: ACCOUNT,
      body: { group: 'abc' },
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'User was not found.' })
  })
})

describe('GET users/<user_id>/groups/<group_id>/', () => {
  // The server's test_usermembership_api.py TestUserGroupDetail test_getting.
  test('answers the membership', async () => {
    const { status, headers, body } = await call(
      mockOf(),
      'GET',
      'users/6/groups/2/',
      {
        apiKey: ACCOUNT,
      },
    )
    expect(status).toBe(200)
    expect(headers.get('allow')).toBe('GET, DELETE, HEAD, OPTIONS')
    expect(body).toEqual(membershipBody(6, 2))
  })

  test('answers the own membership to a user key', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'users/5/groups/1/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
    })
    expect(status).toBe(200)
    expect(body).toEqual(membershipBody(5, 1))
  })

  test("answers 403 given another user's key", async () => {
    const { status, body } = await call(mockOf(), 'GET', 'users/6/groups/1/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
    })
    expect(status).toBe(403)
    expect(body).toEqual(DENIED)
  })

  test('answers 404 given a group the user is not in', async () => {
    const mock = mockOf()
    for (const path of [
      'users/5/groups/2/',
      'users/5/groups/99/',
      'users/5/groups/x/',
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
      'users/5/groups/2/',
      {
        apiKey: ACCOUNT,
      },
    )
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Not found' })
  })

  test('answers 405 to PUT once permissions pass', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'PUT', 'users/5/groups/1/', {
      apiKey: ACCOUNT,
      body: { group: 2 },
    })
    expect(status).toBe(405)
    expect(body).toEqual({ detail: 'Method "PUT" not allowed.' })
    expect(await membershipIds(mock, 5)).toEqual([1])
  })
})

describe('DELETE users/<user_id>/groups/<group_id>/', () => {
  // The server's test_usermembership_api.py test_deleting_group_membership.
  test('ends the membership and keeps the group', async () => {
    const mock = mockOf()
    const { status, headers, body } = await call(
      mock,
      'DELETE',
      'users/6/groups/1/',
      {
        apiKey: ACCOUNT,
      },
    )
    expect(status).toBe(204)
    expect(body).toBeNull()
    expect(headers.get('content-type')).toBeNull()
    expect(await membershipIds(mock, 6)).toEqual([2])
    expect(await groupsFieldOf(mock, 6)).toEqual([2])
    const kept = await call(mock, 'GET', 'groups/1/', { apiKey: ACCOUNT })
    expect(kept.body).toEqual(groupBody(group(1)))
  })

  test('lets the user join the group again', async () => {
    const mock = mockOf()
    await call(mock, 'DELETE', 'users/6/groups/1/', { apiKey: ACCOUNT })
    const { status } = await call(mock, 'POST', 'users/6/groups/', {
      apiKey: ACCOUNT,
      body: { group: 1 },
    })
    expect(status).toBe(201)
    expect(await membershipIds(mock, 6)).toEqual([2, 1])
  })

  test.each([
    ["the user's own key", { apiKey: PLAIN_KEY, userKey: JANE_KEY }],
    ['an ignore_acl key', { apiKey: IGNORE_ACL }],
    ['a read-role account key', { apiKey: READER }],
  ])('answers 403 given %s', async (_, keys) => {
    const mock = mockOf()
    const { status, body } = await call(
      mock,
      'DELETE',
      'users/5/groups/1/',
      keys,
    )
    expect(status).toBe(403)
    expect(body).toEqual(DENIED)
    expect(await membershipIds(mock, 5)).toEqual([1])
  })

  test('answers 404 given a group the user is not in', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'DELETE', 'users/5/groups/2/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Not found.' })
    expect(await membershipIds(mock, 6)).toEqual([1, 2])
  })
})
