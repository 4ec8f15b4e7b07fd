// Contract of GET users/ (spec 4.1, 4.2, 4.5 and 5). Behaviours pinned by
// the server's apps/users/tests/test_user_api.py are named in the titles.
import { beforeEach, describe, expect, test } from 'vitest'
import { createSyncanoMock, type Dialect } from '../../src/index.ts'
import type { FixturesInput } from '../../src/index.ts'
import { formatTimestamp } from '../../src/model/clock.ts'
import { call } from '../support/call.ts'

const ACCOUNT = 'a000000000000000000000000000000000000002'
const PLAIN_KEY = 'b000000000000000000000000000000000000001'
const IGNORE_ACL = 'b000000000000000000000000000000000000005'
const JANE_KEY = 'c000000000000000000000000000000000000000'
const JOHN_KEY = 'c000000000000000000000000000000000000002'

/** When the fixtures' profiles were made: the page's time plus the owner in ms. */
const SEED_EPOCH_MICROS = 1_466_412_207_204_105

// User ids start at 5 and profile ids at 1, so a profile id is never
// mistaken for its owner's id.
const fixtures: FixturesInput = {
  admins: [{ email: 'admin@example.com', account_key: ACCOUNT, role: 'full' }],
  instances: [
    {
      name: 'my-instance',
      owner: 'admin@example.com',
      api_keys: [
        { api_key: PLAIN_KEY },
        { api_key: IGNORE_ACL, ignore_acl: true },
      ],
      profile_schema: [
        { name: 'nickname', type: 'string' },
        { name: 'age', type: 'integer' },
      ],
      groups: [{ id: 1, name: 'staff', label: 'Staff', description: 'All' }],
      users: [
        {
          id: 5,
          username: 'jane',
          password: 'secret',
          user_key: JANE_KEY,
          groups: [1],
          profile: { nickname: 'J', age: 30 },
        },
        { id: 6, username: 'john', password: 'secret', user_key: JOHN_KEY },
        { id: 7, username: 'janet', password: 'secret' },
      ],
    },
  ],
}

interface Seeded {
  id: number
  profileId: number
  username: string
  userKey: string
  groups?: boolean
  profile?: { nickname: string | null; age: number | null }
}

/** The links prefix a dialect writes on a call of the given version. */
function prefixOf(dialect: Dialect, version: 'v1' | 'v1.1'): string {
  return `/${dialect === 'docs' ? 'v1' : version}/instances/my-instance`
}

function groupBody(dialect: Dialect, prefix: string) {
  return {
    id: 1,
    ...(dialect === 'server' ? { name: 'staff' } : {}),
    label: 'Staff',
    description: 'All',
    links: { self: `${prefix}/groups/1/`, users: `${prefix}/groups/1/users/` },
  }
}

/** The whole body of a seeded user, as the server serializes it. */
function userBody(seeded: Seeded, dialect: Dialect, prefix: string) {
  const at = formatTimestamp(SEED_EPOCH_MICROS + seeded.id * 1000)
  const self = `${prefix}/users/${seeded.id}/`
  const profileSelf = `${prefix}/classes/user_profile/objects/${seeded.profileId}/`
  return {
    id: seeded.id,
    username: seeded.username,
    profile: {
      id: seeded.profileId,
      created_at: at,
      updated_at: at,
      revision: 1,
      owner: seeded.id,
      owner_permissions: 'full',
      group: null,
      group_permissions: 'none',
      other_permissions: 'none',
      channel: null,
      channel_room: null,
      ...(seeded.profile ?? { nickname: null, age: null }),
      links: { self: profileSelf, owner: self },
    },
    groups: seeded.groups ? [groupBody(dialect, prefix)] : [],
    user_key: seeded.userKey,
    links: {
      self,
      groups: `${self}groups/`,
      'reset-key': `${self}reset_key/`,
      profile: profileSelf,
    },
  }
}

function seededUsers(mock: ReturnType<typeof createSyncanoMock>) {
  const janetKey = mock.db.users.find('byId', 'my-instance\u00007')?.user_key
  const jane: Seeded = {
    id: 5,
    profileId: 1,
    username: 'jane',
    userKey: JANE_KEY,
    groups: true,
    profile: { nickname: 'J', age: 30 },
  }
  const john: Seeded = {
    id: 6,
    profileId: 2,
    username: 'john',
    userKey: JOHN_KEY,
  }
  const janet: Seeded = {
    id: 7,
    profileId: 3,
    username: 'janet',
    userKey: janetKey ?? '',
  }
  return { jane, john, janet }
}

const permissionDenied = {
  detail: 'You do not have permission to perform this action.',
}
const badPage = { detail: 'Incorrect page parameter provided.' }

describe.each<[Dialect, 'v1' | 'v1.1']>([
  ['docs', 'v1.1'],
  ['server', 'v1.1'],
  ['server', 'v1'],
])('GET users/ (%s dialect, %s)', (dialect, version) => {
  const mock = createSyncanoMock({ fixtures, dialect })
  const prefix = prefixOf(dialect, version)
  beforeEach(() => mock.reset())

  test('returns every user with profile, groups and key given an account key', async () => {
    const { jane, john, janet } = seededUsers(mock)

    const response = await call(mock, 'GET', 'users/', {
      apiKey: ACCOUNT,
      version,
    })

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    )
    expect(response.body).toEqual({
      next: null,
      prev: null,
      objects: [jane, john, janet].map((user) =>
        userBody(user, dialect, prefix),
      ),
    })
  })

  test('returns only the caller given an instance API key and a user key', async () => {
    const { john } = seededUsers(mock)

    const response = await call(mock, 'GET', 'users/', {
      apiKey: PLAIN_KEY,
      userKey: JOHN_KEY,
      version,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: null,
      prev: null,
      objects: [userBody(john, dialect, prefix)],
    })
  })

  test('keeps only the asked fields, nested ones too, given fields', async () => {
    const response = await call(
      mock,
      'GET',
      'users/?fields=id,username,profile,groups',
      { apiKey: ACCOUNT, version },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: null,
      prev: null,
      objects: [
        { id: 5, username: 'jane', profile: { id: 1 }, groups: [{ id: 1 }] },
        { id: 6, username: 'john', profile: { id: 2 }, groups: [] },
        { id: 7, username: 'janet', profile: { id: 3 }, groups: [] },
      ],
    })
  })

  test('drops the named fields at every level given excluded_fields', async () => {
    const { jane } = seededUsers(mock)
    const full = userBody(jane, dialect, prefix)

    const response = await call(
      mock,
      'GET',
      'users/?excluded_fields=user_key,links,created_at,updated_at,description&page_size=1',
      { apiKey: ACCOUNT, version },
    )

    const {
      links: _profileLinks,
      created_at,
      updated_at,
      ...profile
    } = full.profile
    const {
      links: _groupLinks,
      description,
      ...group
    } = groupBody(dialect, prefix)
    expect([created_at, updated_at, description]).toHaveLength(3)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: `/${version}/instances/my-instance/users/?page_size=1&direction=1&last_pk=5`,
      prev: null,
      objects: [{ id: 5, username: 'jane', profile, groups: [group] }],
    })
  })
})

describe('GET users/', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  // test_user_api.py TestUserList.test_listing_without_user
  test('returns 403 given an instance API key without a user key', async () => {
    const response = await call(mock, 'GET', `users/?api_key=${PLAIN_KEY}`)

    expect(response.status).toBe(403)
    expect(response.body).toEqual(permissionDenied)
  })

  // test_user_api.py TestUserList.test_listing_without_user
  test('returns every user with its key given an ignore_acl key', async () => {
    const response = await call(mock, 'GET', 'users/?fields=id,user_key', {
      apiKey: IGNORE_ACL,
    })

    const { janet } = seededUsers(mock)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: null,
      prev: null,
      objects: [
        { id: 5, user_key: JANE_KEY },
        { id: 6, user_key: JOHN_KEY },
        { id: 7, user_key: janet.userKey },
      ],
    })
  })

  test('returns only the caller given an ignore_acl key and a user key', async () => {
    const response = await call(mock, 'GET', 'users/?fields=id', {
      apiKey: IGNORE_ACL,
      userKey: JANE_KEY,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: null,
      prev: null,
      objects: [{ id: 5 }],
    })
  })

  test('returns 403 given a stale user key with a plain API key', async () => {
    const response = await call(mock, 'GET', 'users/', {
      apiKey: PLAIN_KEY,
      userKey: 'c000000000000000000000000000000000000008',
    })

    expect(response.status).toBe(403)
    expect(response.body).toEqual(permissionDenied)
  })

  test('pages forward with a cursor that keeps page_size and ordering only', async () => {
    const first = await call(
      mock,
      'GET',
      `users/?page_size=2&fields=id&api_key=${ACCOUNT}&username__startswith=j`,
    )
    expect(first.status).toBe(200)
    expect(first.body).toEqual({
      next: '/v1.1/instances/my-instance/users/?page_size=2&direction=1&last_pk=6',
      prev: null,
      objects: [{ id: 5 }, { id: 6 }],
    })

    const second = await call(
      mock,
      'GET',
      'users/?page_size=2&direction=1&last_pk=6&fields=id',
      { apiKey: ACCOUNT },
    )
    expect(second.status).toBe(200)
    expect(second.body).toEqual({
      next: null,
      prev: '/v1.1/instances/my-instance/users/?page_size=2&direction=0&last_pk=7',
      objects: [{ id: 7 }],
    })
  })

  test('gives a full last page a next link whose page is empty', async () => {
    const full = await call(mock, 'GET', 'users/?page_size=3&fields=id', {
      apiKey: ACCOUNT,
    })
    expect(full.body).toEqual({
      next: '/v1.1/instances/my-instance/users/?page_size=3&direction=1&last_pk=7',
      prev: null,
      objects: [{ id: 5 }, { id: 6 }, { id: 7 }],
    })

    const empty = await call(
      mock,
      'GET',
      'users/?page_size=3&direction=1&last_pk=7',
      { apiKey: ACCOUNT },
    )
    expect(empty.status).toBe(200)
    expect(empty.body).toEqual({
      next: null,
      prev: '/v1.1/instances/my-instance/users/?page_size=3&direction=0',
      objects: [],
    })
  })

  test('pages backward in normal order given direction 0', async () => {
    const response = await call(
      mock,
      'GET',
      'users/?page_size=1&direction=0&last_pk=7&fields=id',
      { apiKey: ACCOUNT },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: '/v1.1/instances/my-instance/users/?page_size=1&direction=1&last_pk=6',
      prev: '/v1.1/instances/my-instance/users/?page_size=1&direction=0&last_pk=6',
      objects: [{ id: 6 }],
    })
  })

  // The cursor links copy `page_size` and `ordering` as they were written.
  test('sorts by id descending given ordering DESC in any case', async () => {
    const response = await call(
      mock,
      'GET',
      'users/?ordering=DESC&page_size=2&fields=id',
      { apiKey: ACCOUNT },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: '/v1.1/instances/my-instance/users/?page_size=2&ordering=DESC&direction=1&last_pk=6',
      prev: null,
      objects: [{ id: 7 }, { id: 6 }],
    })
  })

  test('sorts ascending given an unknown ordering', async () => {
    const response = await call(mock, 'GET', 'users/?ordering=name&fields=id', {
      apiKey: ACCOUNT,
    })

    expect(response.body).toEqual({
      next: null,
      prev: null,
      objects: [{ id: 5 }, { id: 6 }, { id: 7 }],
    })
  })

  test('returns an empty page with no links given page_size 0', async () => {
    const response = await call(mock, 'GET', 'users/?page_size=0', {
      apiKey: ACCOUNT,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ next: null, prev: null, objects: [] })
  })

  test.each(['-1', 'two', '1.5'])(
    'returns 400 given page_size %s',
    async (pageSize) => {
      const response = await call(mock, 'GET', `users/?page_size=${pageSize}`, {
        apiKey: ACCOUNT,
      })

      expect(response.status).toBe(400)
      expect(response.body).toEqual(badPage)
    },
  )

  test.each([
    'direction=2',
    'direction=1&last_pk=x',
    'last_pk=2147483648&direction=1',
  ])('returns 400 given the cursor %s', async (cursor) => {
    const response = await call(mock, 'GET', `users/?${cursor}`, {
      apiKey: ACCOUNT,
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual(badPage)
  })

  test('keeps users whose name starts with the prefix given username__startswith', async () => {
    const response = await call(
      mock,
      'GET',
      'users/?username__startswith=jan&fields=id,username',
      { apiKey: ACCOUNT },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: null,
      prev: null,
      objects: [
        { id: 5, username: 'jane' },
        { id: 7, username: 'janet' },
      ],
    })
  })

  // django-filter reads the prefix through a Django forms.CharField, which
  // strips it; an empty prefix filters nothing.
  test('strips the username__startswith prefix before matching', async () => {
    const response = await call(
      mock,
      'GET',
      'users/?username__startswith=%20jan%09&fields=id,username',
      { apiKey: ACCOUNT },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: null,
      prev: null,
      objects: [
        { id: 5, username: 'jane' },
        { id: 7, username: 'janet' },
      ],
    })
  })

  test('lists every user given a username__startswith of spaces', async () => {
    const all = await call(mock, 'GET', 'users/?fields=id', {
      apiKey: ACCOUNT,
    })

    const response = await call(
      mock,
      'GET',
      'users/?username__startswith=%20%20&fields=id',
      { apiKey: ACCOUNT },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual(all.body)
    expect((all.body as { objects: unknown[] }).objects.length).toBeGreaterThan(
      2,
    )
  })

  test('matches nothing given an uppercase username__startswith', async () => {
    const response = await call(
      mock,
      'GET',
      'users/?username__startswith=JAN',
      {
        apiKey: ACCOUNT,
      },
    )

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ next: null, prev: null, objects: [] })
  })

  test('keeps the profile links given fields naming links', async () => {
    const response = await call(
      mock,
      'GET',
      'users/?fields=id,profile,links&page_size=1&direction=0&last_pk=6',
      { apiKey: ACCOUNT },
    )

    const profileSelf =
      '/v1/instances/my-instance/classes/user_profile/objects/1/'
    const self = '/v1/instances/my-instance/users/5/'
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: '/v1.1/instances/my-instance/users/?page_size=1&direction=1&last_pk=5',
      prev: '/v1.1/instances/my-instance/users/?page_size=1&direction=0&last_pk=5',
      objects: [
        {
          id: 5,
          profile: { id: 1, links: { self: profileSelf, owner: self } },
          links: {
            self,
            groups: `${self}groups/`,
            'reset-key': `${self}reset_key/`,
            profile: profileSelf,
          },
        },
      ],
    })
  })
})

describe('GET users/ with more than 100 users', () => {
  const mock = createSyncanoMock({
    fixtures: {
      admins: [{ email: 'admin@example.com', account_key: ACCOUNT }],
      instances: [
        {
          name: 'my-instance',
          owner: 'admin@example.com',
          generate: { users: 101, groups: 0 },
        },
      ],
    },
  })

  test('clamps page_size to 100 given page_size 500', async () => {
    const response = await call(mock, 'GET', 'users/?page_size=500&fields=id', {
      apiKey: ACCOUNT,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      next: '/v1.1/instances/my-instance/users/?page_size=500&direction=1&last_pk=100',
      prev: null,
      objects: Array.from({ length: 100 }, (_, index) => ({ id: index + 1 })),
    })
  })

  test('pages by 100 given no page_size', async () => {
    const response = await call(mock, 'GET', 'users/?fields=id', {
      apiKey: ACCOUNT,
    })

    const body = response.body as { next: string; objects: Array<unknown> }
    expect(body.objects).toHaveLength(100)
    expect(body.next).toBe(
      '/v1.1/instances/my-instance/users/?direction=1&last_pk=100',
    )
  })
})
