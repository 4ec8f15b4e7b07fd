// Contract of groups/ and groups/<id>/ (spec 1, 2.2, 4.3, 5). Behaviours
// pinned by the server's apps/users/tests/test_group_api.py are marked
// with a comment naming the server's test.
import { describe, expect, test } from 'vitest'
import { createSyncanoMock, type Dialect } from '../../src/index.ts'
import type { FixturesInput } from '../../src/index.ts'
import { call } from '../support/call.ts'

const ACCOUNT = 'a000000000000000000000000000000000000000'
const READER = 'a000000000000000000000000000000000000002'
const PLAIN_KEY = 'b000000000000000000000000000000000000001'
const GROUP_CREATE = 'b000000000000000000000000000000000000003'
const IGNORE_ACL = 'b000000000000000000000000000000000000005'
const USER_CREATE = 'b000000000000000000000000000000000000007'
const JANE_KEY = 'c000000000000000000000000000000000000000'

const fixtures: FixturesInput = {
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
        { api_key: GROUP_CREATE, allow_group_create: true },
        { api_key: IGNORE_ACL, ignore_acl: true },
        { api_key: USER_CREATE, allow_user_create: true },
      ],
      groups: [
        { id: 1, name: 'staff', label: 'Staff', description: 'All' },
        { id: 2, name: 'editors', label: 'Editors' },
        { id: 3, label: 'misc', description: 'Other things' },
      ],
      users: [
        { id: 5, username: 'jane', user_key: JANE_KEY, groups: [1, 2] },
        { id: 6, username: 'john', groups: [1] },
      ],
    },
  ],
}

interface GroupValues {
  id: number
  name: string | null
  label: string
  description: string
}

const SEEDED: ReadonlyArray<GroupValues> = [
  { id: 1, name: 'staff', label: 'Staff', description: 'All' },
  { id: 2, name: 'editors', label: 'Editors', description: '' },
  { id: 3, name: null, label: 'misc', description: 'Other things' },
]

function seeded(id: number): GroupValues {
  const group = SEEDED.find((candidate) => candidate.id === id)
  if (!group) throw new Error(`No seeded group ${id}`)
  return group
}

function mockOf(dialect: Dialect = 'server') {
  return createSyncanoMock({ fixtures, dialect })
}

/** A group's whole body: the documentation dialect has no `name`. */
function groupBody(
  group: GroupValues,
  dialect: Dialect = 'server',
  version: 'v1' | 'v1.1' = 'v1.1',
) {
  const prefix = `/${dialect === 'docs' ? 'v1' : version}/instances/my-instance`
  const self = `${prefix}/groups/${group.id}/`
  return {
    id: group.id,
    ...(dialect === 'server' ? { name: group.name } : {}),
    label: group.label,
    description: group.description,
    links: { self, users: `${self}users/` },
  }
}

/** Every group of the instance as an admin lists it. */
async function listed(mock: ReturnType<typeof mockOf>) {
  const { body } = await call(mock, 'GET', 'groups/', { apiKey: ACCOUNT })
  return (body as { objects: Array<unknown> }).objects
}

/** The ids of a user's groups, as its own representation shows them. */
async function groupIdsOf(mock: ReturnType<typeof mockOf>, userId: number) {
  const { body } = await call(mock, 'GET', `users/${userId}/`, {
    apiKey: ACCOUNT,
  })
  return (body as { groups: Array<{ id: number }> }).groups.map(({ id }) => id)
}

describe('GET groups/', () => {
  test('lists every group by id with an account key (test_group_api.py test_listing)', async () => {
    const { status, headers, body } = await call(mockOf(), 'GET', 'groups/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(200)
    expect(headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS')
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: SEEDED.map((group) => groupBody(group)),
    })
  })

  test('lists groups with an instance API key alone', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'groups/', {
      apiKey: PLAIN_KEY,
    })
    expect(status).toBe(200)
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: SEEDED.map((group) => groupBody(group)),
    })
  })

  // The server's test_group_api.py TestGroupListWithAllowGroupCreateApiKey.
  test('lists groups with a key allowing group creation', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'groups/', {
      apiKey: GROUP_CREATE,
    })
    expect(status).toBe(200)
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: SEEDED.map((group) => groupBody(group)),
    })
  })

  test('lists every group to a user key, not only its own groups', async () => {
    const { body } = await call(mockOf(), 'GET', 'groups/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
    })
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: SEEDED.map((group) => groupBody(group)),
    })
  })

  test('lists groups with a read-role account key', async () => {
    const { status } = await call(mockOf(), 'GET', 'groups/', {
      apiKey: READER,
    })
    expect(status).toBe(200)
  })

  test('leaves out name and links to /v1/ in the documentation dialect', async () => {
    const { body } = await call(mockOf('docs'), 'GET', 'groups/', {
      apiKey: ACCOUNT,
    })
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: SEEDED.map((group) => groupBody(group, 'docs')),
    })
  })

  test('links to /v1/ given a v1 call in the server dialect', async () => {
    const { body } = await call(mockOf(), 'GET', 'groups/', {
      apiKey: ACCOUNT,
      version: 'v1',
    })
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: SEEDED.map((group) => groupBody(group, 'server', 'v1')),
    })
  })

  test('answers 403 given no key', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'groups/')
    expect(status).toBe(403)
    expect(body).toEqual({
      detail: 'You do not have permission to perform this action.',
    })
  })

  test('keeps the groups whose label starts with label__startswith', async () => {
    const { body } = await call(
      mockOf(),
      'GET',
      'groups/?label__startswith=Ed',
      {
        apiKey: PLAIN_KEY,
      },
    )
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [groupBody(seeded(2))],
    })
  })

  test('strips the label__startswith prefix before matching', async () => {
    const { body } = await call(
      mockOf(),
      'GET',
      'groups/?label__startswith=%20Ed%20',
      {
        apiKey: PLAIN_KEY,
      },
    )
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [groupBody(seeded(2))],
    })
  })

  test('compares label__startswith case-sensitively', async () => {
    const { body } = await call(
      mockOf(),
      'GET',
      'groups/?label__startswith=ed',
      {
        apiKey: PLAIN_KEY,
      },
    )
    expect(body).toEqual({ next: null, prev: null, objects: [] })
  })

  test('pages by id with a cursor link that keeps only page_size', async () => {
    const mock = mockOf()
    const first = await call(mock, 'GET', 'groups/?page_size=2&fields=id', {
      apiKey: PLAIN_KEY,
    })
    expect(first.body).toEqual({
      next: '/v1.1/instances/my-instance/groups/?page_size=2&direction=1&last_pk=2',
      prev: null,
      objects: [{ id: 1 }, { id: 2 }],
    })

    const second = await call(
      mock,
      'GET',
      'groups/?page_size=2&direction=1&last_pk=2',
      { apiKey: PLAIN_KEY },
    )
    expect(second.body).toEqual({
      next: null,
      prev: '/v1.1/instances/my-instance/groups/?page_size=2&direction=0&last_pk=3',
      objects: [groupBody(seeded(3))],
    })
  })

  test('lists in descending id order given ordering=desc', async () => {
    const { body } = await call(mockOf(), 'GET', 'groups/?ordering=DESC', {
      apiKey: PLAIN_KEY,
    })
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: [...SEEDED].reverse().map((group) => groupBody(group)),
    })
  })

  test('keeps only the fields asked for, without links unless listed', async () => {
    const { body } = await call(mockOf(), 'GET', 'groups/?fields=id,label', {
      apiKey: PLAIN_KEY,
    })
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: SEEDED.map(({ id, label }) => ({ id, label })),
    })
  })

  test('drops the fields of excluded_fields', async () => {
    const { body } = await call(
      mockOf(),
      'GET',
      'groups/?excluded_fields=links,description',
      { apiKey: PLAIN_KEY },
    )
    expect(body).toEqual({
      next: null,
      prev: null,
      objects: SEEDED.map(({ id, name, label }) => ({ id, name, label })),
    })
  })

  test('answers 400 given a negative page_size', async () => {
    const { status, body } = await call(
      mockOf(),
      'GET',
      'groups/?page_size=-1',
      {
        apiKey: PLAIN_KEY,
      },
    )
    expect(status).toBe(400)
    expect(body).toEqual({ detail: 'Incorrect page parameter provided.' })
  })
})

describe('POST groups/', () => {
  test('creates a group from a label (test_group_api.py test_adding_group)', async () => {
    const mock = mockOf()
    const { status, headers, body } = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { label: 'new_group' },
    })
    const created = { id: 4, name: null, label: 'new_group', description: '' }
    expect(status).toBe(201)
    expect(headers.get('location')).toBeNull()
    expect(body).toEqual(groupBody(created))
    expect(await listed(mock)).toEqual(
      [...SEEDED, created].map((group) => groupBody(group)),
    )
  })

  test('creates a group with a name (test_group_api.py test_adding_group_with_name)', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { label: 'new_group', name: 'abc' },
    })
    const created = { id: 4, name: 'abc', label: 'new_group', description: '' }
    expect(status).toBe(201)
    expect(body).toEqual(groupBody(created))
    expect(await listed(mock)).toContainEqual(groupBody(created))
  })

  test('creates a group from an empty body', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: {},
    })
    const created = { id: 4, name: null, label: '', description: '' }
    expect(status).toBe(201)
    expect(body).toEqual(groupBody(created))
    expect(await listed(mock)).toContainEqual(groupBody(created))
  })

  // The server's test_group_api.py TestGroupListWithAllowGroupCreateApiKey.
  test('creates a group with a key allowing group creation', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'groups/', {
      apiKey: GROUP_CREATE,
      body: { label: 'new_group', name: 'abc' },
    })
    const created = { id: 4, name: 'abc', label: 'new_group', description: '' }
    expect(status).toBe(201)
    expect(body).toEqual(groupBody(created))
    expect(await listed(mock)).toContainEqual(groupBody(created))
  })

  test('lowercases and trims the name', async () => {
    const mock = mockOf()
    const { body } = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { name: '  Team-A_1 ', label: '  Team A ', description: ' x ' },
    })
    const created = {
      id: 4,
      name: 'team-a_1',
      label: 'Team A',
      description: 'x',
    }
    expect(body).toEqual(groupBody(created))
    expect(await listed(mock)).toContainEqual(groupBody(created))
  })

  test('answers without name in the documentation dialect', async () => {
    const mock = mockOf('docs')
    const { status, body } = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { name: 'abc', label: 'x' },
    })
    expect(status).toBe(201)
    expect(body).toEqual(
      groupBody({ id: 4, name: 'abc', label: 'x', description: '' }, 'docs'),
    )
  })

  test('hands out a new id after the newest group is deleted', async () => {
    const mock = mockOf()
    await call(mock, 'POST', 'groups/', { apiKey: ACCOUNT, body: {} })
    await call(mock, 'DELETE', 'groups/4/', { apiKey: ACCOUNT })

    const { body } = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: {},
    })
    expect(body).toEqual(
      groupBody({ id: 5, name: null, label: '', description: '' }),
    )
  })

  test.each([
    ['an instance API key without flags', PLAIN_KEY],
    ['an ignore_acl key', IGNORE_ACL],
    ['an allow_user_create key', USER_CREATE],
    ['a read-role account key', READER],
  ])('answers 403 given %s', async (_, apiKey) => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'groups/', {
      apiKey,
      body: { label: 'new_group' },
    })
    expect(status).toBe(403)
    expect(body).toEqual({
      detail: 'You do not have permission to perform this action.',
    })
    expect(await listed(mock)).toEqual(SEEDED.map((group) => groupBody(group)))
  })

  test('answers 403 given a user key with a key allowing nothing more', async () => {
    const mock = mockOf()
    const { status } = await call(mock, 'POST', 'groups/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      body: { label: 'new_group' },
    })
    expect(status).toBe(403)
    expect(await listed(mock)).toEqual(SEEDED.map((group) => groupBody(group)))
  })

  test('answers 405 to PUT on the list once permissions pass', async () => {
    const { status, body } = await call(mockOf(), 'PUT', 'groups/', {
      apiKey: ACCOUNT,
      body: {},
    })
    expect(status).toBe(405)
    expect(body).toEqual({ detail: 'Method "PUT" not allowed.' })
  })

  // An unmapped method has no viewset action, so `ModelPermissions` asks
  // for `update` (PUT, PATCH) or `delete`, which an API key never has on
  // groups and a read admin lacks.
  test.each<[string, string, string]>([
    ['PUT', 'an instance API key', PLAIN_KEY],
    ['DELETE', 'an ignore_acl key', IGNORE_ACL],
    ['PATCH', 'an allow_group_create key', GROUP_CREATE],
    ['DELETE', 'a read admin', READER],
  ])(
    'answers 403 to %s on the list given %s',
    async (method, _name, apiKey) => {
      const mock = mockOf()
      const { status, body } = await call(mock, method, 'groups/', {
        apiKey,
        body: {},
      })
      expect(status).toBe(403)
      expect(body).toEqual({
        detail: 'You do not have permission to perform this action.',
      })
      expect(await listed(mock)).toEqual(
        SEEDED.map((group) => groupBody(group)),
      )
    },
  )
})

describe('GET groups/<id>/', () => {
  test('answers the group (test_group_api.py test_getting)', async () => {
    const { status, headers, body } = await call(mockOf(), 'GET', 'groups/1/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(200)
    expect(headers.get('allow')).toBe('GET, PUT, PATCH, DELETE, HEAD, OPTIONS')
    expect(body).toEqual(groupBody(seeded(1)))
  })

  test('answers the group to an instance API key alone', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'groups/3/', {
      apiKey: PLAIN_KEY,
    })
    expect(status).toBe(200)
    expect(body).toEqual(groupBody(seeded(3)))
  })

  test('answers 404 "Not found." given an unknown id in the server dialect', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'groups/99/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Not found.' })
  })

  test('answers 404 "Not found" given an unknown id in the documentation dialect', async () => {
    const { status, body } = await call(mockOf('docs'), 'GET', 'groups/99/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Not found' })
  })

  test('answers 404 given an id that is not an integer', async () => {
    const { status, body } = await call(mockOf(), 'GET', 'groups/abc/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Not found.' })
  })

  test('answers 404 given a label__startswith the group does not match', async () => {
    const mock = mockOf()
    const miss = await call(mock, 'GET', 'groups/1/?label__startswith=Ed', {
      apiKey: ACCOUNT,
    })
    expect(miss.status).toBe(404)
    expect(miss.body).toEqual({ detail: 'Not found.' })

    const hit = await call(mock, 'GET', 'groups/1/?label__startswith=St', {
      apiKey: ACCOUNT,
    })
    expect(hit.body).toEqual(groupBody(seeded(1)))
  })

  test('answers 403 before 404 given no key', async () => {
    const { status } = await call(mockOf(), 'GET', 'groups/99/')
    expect(status).toBe(403)
  })
})

describe('PUT groups/<id>/', () => {
  test('replaces the label (test_group_api.py test_updating_group)', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'PUT', 'groups/3/', {
      apiKey: ACCOUNT,
      body: { label: 'new_name' },
    })
    const updated = { ...seeded(3), label: 'new_name' }
    expect(status).toBe(200)
    expect(body).toEqual(groupBody(updated))
    expect(await listed(mock)).toContainEqual(groupBody(updated))
  })

  test('resets name to null and keeps description given neither', async () => {
    const mock = mockOf()
    const { body } = await call(mock, 'PUT', 'groups/1/', {
      apiKey: ACCOUNT,
      body: { label: 'Crew' },
    })
    const updated = { id: 1, name: null, label: 'Crew', description: 'All' }
    expect(body).toEqual(groupBody(updated))
    expect(await listed(mock)).toContainEqual(groupBody(updated))
  })

  test('keeps a name the group already has', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'PUT', 'groups/1/', {
      apiKey: ACCOUNT,
      body: { name: 'STAFF' },
    })
    expect(status).toBe(200)
    expect(body).toEqual(groupBody(seeded(1)))
  })

  test.each([
    ['an instance API key', GROUP_CREATE],
    ['an ignore_acl key', IGNORE_ACL],
    ['a read-role account key', READER],
  ])('answers 403 given %s', async (_, apiKey) => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'PUT', 'groups/1/', {
      apiKey,
      body: { label: 'Crew' },
    })
    expect(status).toBe(403)
    expect(body).toEqual({
      detail: 'You do not have permission to perform this action.',
    })
    expect(await listed(mock)).toEqual(SEEDED.map((group) => groupBody(group)))
  })

  test('answers 404 before validating given an unknown id', async () => {
    const { status, body } = await call(mockOf(), 'PUT', 'groups/99/', {
      apiKey: ACCOUNT,
      body: { name: '1' },
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Not found.' })
  })
})

describe('PATCH groups/<id>/', () => {
  test('changes only the keys sent', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'PATCH', 'groups/1/', {
      apiKey: ACCOUNT,
      body: { description: 'Everyone' },
    })
    const updated = { ...seeded(1), description: 'Everyone' }
    expect(status).toBe(200)
    expect(body).toEqual(groupBody(updated))
    expect(await listed(mock)).toContainEqual(groupBody(updated))
  })

  test('renames a group and frees its old name', async () => {
    const mock = mockOf()
    await call(mock, 'PATCH', 'groups/1/', {
      apiKey: ACCOUNT,
      body: { name: 'crew' },
    })
    const { status, body } = await call(mock, 'PATCH', 'groups/2/', {
      apiKey: ACCOUNT,
      body: { name: 'staff' },
    })
    expect(status).toBe(200)
    expect(body).toEqual(groupBody({ ...seeded(2), name: 'staff' }))
  })

  test('answers 403 given a key allowing group creation', async () => {
    const mock = mockOf()
    const { status } = await call(mock, 'PATCH', 'groups/1/', {
      apiKey: GROUP_CREATE,
      body: { label: 'Crew' },
    })
    expect(status).toBe(403)
    expect(await listed(mock)).toEqual(SEEDED.map((group) => groupBody(group)))
  })

  test("shows the change in every member's groups", async () => {
    const mock = mockOf()
    await call(mock, 'PATCH', 'groups/2/', {
      apiKey: ACCOUNT,
      body: { label: 'Writers' },
    })
    const { body } = await call(mock, 'GET', 'users/5/', { apiKey: ACCOUNT })
    expect((body as { groups: unknown }).groups).toEqual([
      groupBody(seeded(1)),
      groupBody({ ...seeded(2), label: 'Writers' }),
    ])
  })
})

describe('DELETE groups/<id>/', () => {
  test('deletes the group with an empty 204 (test_group_api.py test_deleting_group)', async () => {
    const mock = mockOf()
    const { status, headers, body } = await call(mock, 'DELETE', 'groups/3/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(204)
    expect(body).toBeNull()
    expect(headers.get('content-type')).toBeNull()
    expect(await listed(mock)).toEqual(
      [seeded(1), seeded(2)].map((group) => groupBody(group)),
    )
    const gone = await call(mock, 'GET', 'groups/3/', { apiKey: ACCOUNT })
    expect(gone.status).toBe(404)
  })

  test("removes the group from every member's groups", async () => {
    const mock = mockOf()
    await call(mock, 'DELETE', 'groups/1/', { apiKey: ACCOUNT })

    expect(await groupIdsOf(mock, 5)).toEqual([2])
    expect(await groupIdsOf(mock, 6)).toEqual([])
  })

  test('frees the name of a deleted group', async () => {
    const mock = mockOf()
    await call(mock, 'DELETE', 'groups/1/', { apiKey: ACCOUNT })
    const { status, body } = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { name: 'staff' },
    })
    expect(status).toBe(201)
    expect(body).toEqual(
      groupBody({ id: 4, name: 'staff', label: '', description: '' }),
    )
  })

  test.each([
    ['an instance API key', GROUP_CREATE],
    ['an ignore_acl key', IGNORE_ACL],
    ['a read-role account key', READER],
  ])('answers 403 given %s', async (_, apiKey) => {
    const mock = mockOf()
    const { status } = await call(mock, 'DELETE', 'groups/1/', { apiKey })
    expect(status).toBe(403)
    expect(await listed(mock)).toEqual(SEEDED.map((group) => groupBody(group)))
    expect(await groupIdsOf(mock, 5)).toEqual([1, 2])
  })

  test('answers 404 given an unknown id', async () => {
    const { status, body } = await call(mockOf(), 'DELETE', 'groups/99/', {
      apiKey: ACCOUNT,
    })
    expect(status).toBe(404)
    expect(body).toEqual({ detail: 'Not found.' })
  })
})
