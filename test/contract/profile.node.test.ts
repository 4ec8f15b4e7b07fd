// Contract of classes/user_profile/objects/ and .../objects/<id>/ (spec D2,
// 3.2, 4.2 and 5). Permissions were read from the server's
// apps/data/v1/views.py (ObjectViewSet) and apps/data/permissions.py; the
// behaviours pinned by apps/data/tests/test_objects_api.py
// (TestUserProfileDataObject) are named in the titles.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  createSyncanoMock,
  type Dialect,
  type FixturesInput,
  type SyncanoMock,
} from '../../src/index.ts'
import { formatTimestamp } from '../../src/model/clock.ts'
import { key } from '../../src/model/database.ts'
import { call } from '../support/call.ts'
import { ORIGIN } from '../support/fixture-keys.ts'

const ACCOUNT = 'a000000000000000000000000000000000000002'
const READER = 'a000000000000000000000000000000000000004'
const PLAIN_KEY = 'b000000000000000000000000000000000000001'
const IGNORE_ACL = 'b000000000000000000000000000000000000005'
const ANONYMOUS_READ = 'b000000000000000000000000000000000000007'
const JANE_KEY = 'c000000000000000000000000000000000000000'
const JOHN_KEY = 'c000000000000000000000000000000000000002'
const ALICE_KEY = 'c000000000000000000000000000000000000004'
const BOB_KEY = 'c000000000000000000000000000000000000006'

/** When the fixtures' profiles were made: the page's time plus the owner in ms. */
const SEED_EPOCH_MICROS = 1_466_412_207_204_105
const NOW_MILLIS = Date.UTC(2024, 0, 2, 3, 4, 5, 678)

// User ids start at 5 and profile ids at 1, so a profile id is never
// mistaken for its owner's id. Profiles: 1 jane (full/none/none), 2 john
// (others may read), 3 alice (owner read, group 1 write), 4 bob (owner
// write, group 2 full).
const fixtures: FixturesInput = {
  admins: [
    { email: 'admin@example.com', account_key: ACCOUNT, role: 'full' },
    { email: 'reader@example.com', account_key: READER, role: 'read' },
  ],
  instances: [
    {
      name: 'my-instance',
      owner: 'admin@example.com',
      api_keys: [
        { api_key: PLAIN_KEY },
        { api_key: IGNORE_ACL, ignore_acl: true },
        { api_key: ANONYMOUS_READ, allow_anonymous_read: true },
      ],
      profile_schema: [
        { name: 'nickname', type: 'string' },
        { name: 'age', type: 'integer' },
      ],
      groups: [
        { id: 1, name: 'staff', label: 'Staff' },
        { id: 2, name: 'board', label: 'Board' },
      ],
      users: [
        {
          id: 5,
          username: 'jane',
          password: 'secret',
          user_key: JANE_KEY,
          groups: [1],
          profile: { nickname: 'J', age: 30 },
        },
        {
          id: 6,
          username: 'john',
          password: 'secret',
          user_key: JOHN_KEY,
          profile: { nickname: 'Johnny', other_permissions: 'read' },
        },
        {
          id: 7,
          username: 'alice',
          password: 'secret',
          user_key: ALICE_KEY,
          groups: [1],
          profile: {
            owner_permissions: 'read',
            group: 1,
            group_permissions: 'write',
          },
        },
        {
          id: 8,
          username: 'bob',
          password: 'secret',
          user_key: BOB_KEY,
          profile: {
            owner_permissions: 'write',
            group: 2,
            group_permissions: 'full',
          },
        },
      ],
    },
  ],
}

type Level = 'none' | 'read' | 'write' | 'full'

interface SeededProfile {
  id: number
  owner: number
  owner_permissions: Level
  group: number | null
  group_permissions: Level
  other_permissions: Level
  nickname: string | null
  age: number | null
}

const SEEDED: Record<number, SeededProfile> = {
  1: profile(1, 5, 'full', null, 'none', 'none', 'J', 30),
  2: profile(2, 6, 'full', null, 'none', 'read', 'Johnny', null),
  3: profile(3, 7, 'read', 1, 'write', 'none', null, null),
  4: profile(4, 8, 'write', 2, 'full', 'none', null, null),
}

function profile(
  id: number,
  owner: number,
  owner_permissions: Level,
  group: number | null,
  group_permissions: Level,
  other_permissions: Level,
  nickname: string | null,
  age: number | null,
): SeededProfile {
  return {
    id,
    owner,
    owner_permissions,
    group,
    group_permissions,
    other_permissions,
    nickname,
    age,
  }
}

const COMBINATIONS: Array<[Dialect, 'v1' | 'v1.1']> = [
  ['docs', 'v1.1'],
  ['server', 'v1.1'],
  ['docs', 'v1'],
  ['server', 'v1'],
]

const LIST = 'classes/user_profile/objects/'
const FORBIDDEN = {
  detail: 'You do not have permission to perform this action.',
}

describe.each(COMBINATIONS)(
  'user_profile objects (%s dialect, %s)',
  (dialect, version) => {
    let mock: SyncanoMock
    const prefix = `/${dialect === 'docs' ? 'v1' : version}/instances/my-instance`
    const path = `/${version}/instances/my-instance/${LIST}`
    const notFound = { detail: dialect === 'docs' ? 'Not found' : 'Not found.' }

    /** A seeded profile as the server shows it, with what a write changed. */
    function body(id: number, changes: Partial<SeededProfile> & Extra = {}) {
      const seeded = { ...(SEEDED[id] as SeededProfile), ...changes }
      const created = formatTimestamp(SEED_EPOCH_MICROS + seeded.owner * 1000)
      return {
        id: seeded.id,
        created_at: created,
        updated_at: changes.updated_at ?? created,
        revision: changes.revision ?? 1,
        owner: seeded.owner,
        owner_permissions: seeded.owner_permissions,
        group: seeded.group,
        group_permissions: seeded.group_permissions,
        other_permissions: seeded.other_permissions,
        channel: null,
        channel_room: null,
        nickname: seeded.nickname,
        age: seeded.age,
        links: {
          self: `${prefix}/classes/user_profile/objects/${seeded.id}/`,
          owner: `${prefix}/users/${seeded.owner}/`,
          ...(seeded.group === null
            ? {}
            : { group: `${prefix}/groups/${seeded.group}/` }),
        },
      }
    }

    const send = (
      method: string,
      route: string,
      options: Parameters<typeof call>[3] = {},
    ) => call(mock, method, route, { version, ...options })

    const stored = async (id: number) =>
      (await send('GET', `${LIST}${id}/`, { apiKey: ACCOUNT })).body

    const written = () => formatTimestamp(NOW_MILLIS * 1000)

    beforeEach(async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(NOW_MILLIS)
      mock = createSyncanoMock({ fixtures, dialect })
      await mock.ready
    })

    afterEach(() => {
      vi.useRealTimers()
    })

    describe('GET classes/user_profile/objects/', () => {
      // The server's test_if_user_profile_is_visible.
      test('returns every profile given an account key', async () => {
        const {
          status,
          headers,
          body: page,
        } = await send('GET', LIST, { apiKey: ACCOUNT })

        expect(status).toBe(200)
        expect(headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS')
        expect(page).toEqual({
          next: null,
          prev: null,
          objects: [body(1), body(2), body(3), body(4)],
        })
      })

      test('returns every profile given a read-role account key', async () => {
        const { status, body: page } = await send('GET', LIST, {
          apiKey: READER,
        })

        expect(status).toBe(200)
        expect(page).toEqual({
          next: null,
          prev: null,
          objects: [body(1), body(2), body(3), body(4)],
        })
      })

      test('returns every profile given an ignore_acl key with a user key', async () => {
        const { status, body: page } = await send('GET', LIST, {
          apiKey: IGNORE_ACL,
          userKey: JOHN_KEY,
        })

        expect(status).toBe(200)
        expect(page).toEqual({
          next: null,
          prev: null,
          objects: [body(1), body(2), body(3), body(4)],
        })
      })

      test('returns own, public and group-readable profiles given a user key', async () => {
        const { status, body: page } = await send('GET', LIST, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
        })

        expect(status).toBe(200)
        expect(page).toEqual({
          next: null,
          prev: null,
          objects: [body(1), body(2), body(3)],
        })
      })

      test('leaves out an own profile whose owner may not read it given a user key', async () => {
        await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { owner_permissions: 'none' },
        })

        const { body: page } = await send('GET', LIST, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
        })

        expect(page).toEqual({
          next: null,
          prev: null,
          objects: [body(2), body(3)],
        })
      })

      test('returns only profiles others may read given an allow_anonymous_read key', async () => {
        const { status, body: page } = await send('GET', LIST, {
          apiKey: ANONYMOUS_READ,
        })

        expect(status).toBe(200)
        expect(page).toEqual({ next: null, prev: null, objects: [body(2)] })
      })

      test('returns 403 given an API key without a user key', async () => {
        const { status, body: error } = await send('GET', LIST, {
          apiKey: PLAIN_KEY,
        })

        expect(status).toBe(403)
        expect(error).toEqual(FORBIDDEN)
      })

      test('returns 403 given a stale user key', async () => {
        const { status, body: error } = await send('GET', LIST, {
          apiKey: PLAIN_KEY,
          userKey: 'a'.repeat(40),
        })

        expect(status).toBe(403)
        expect(error).toEqual(FORBIDDEN)
      })

      test('returns 403 given no key', async () => {
        const { status, body: error } = await send('GET', LIST)

        expect(status).toBe(403)
        expect(error).toEqual(FORBIDDEN)
      })

      test('pages by id with cursor links on the request path given page_size', async () => {
        const first = await send(
          'GET',
          `${LIST}?page_size=2&api_key=${ACCOUNT}`,
        )

        expect(first.body).toEqual({
          next: `${path}?page_size=2&direction=1&last_pk=2`,
          prev: null,
          objects: [body(1), body(2)],
        })

        const second = await send(
          'GET',
          `${LIST}?page_size=2&direction=1&last_pk=2`,
          {
            apiKey: ACCOUNT,
          },
        )

        expect(second.body).toEqual({
          next: `${path}?page_size=2&direction=1&last_pk=4`,
          prev: `${path}?page_size=2&direction=0&last_pk=3`,
          objects: [body(3), body(4)],
        })
      })

      test('drops ordering from its links but obeys it given ordering=desc', async () => {
        const { body: page } = await send(
          'GET',
          `${LIST}?page_size=2&ordering=desc`,
          {
            apiKey: ACCOUNT,
          },
        )

        expect(page).toEqual({
          next: `${path}?page_size=2&direction=1&last_pk=3`,
          prev: null,
          objects: [body(4), body(3)],
        })
      })

      test('orders by descending id and links with order_by given order_by=-id', async () => {
        const first = await send(
          'GET',
          `${LIST}?page_size=2&ordering=asc&order_by=-id`,
          {
            apiKey: ACCOUNT,
          },
        )

        expect(first.body).toEqual({
          next: `${path}?page_size=2&order_by=-id&direction=1&last_pk=3`,
          prev: null,
          objects: [body(4), body(3)],
        })

        const second = await send(
          'GET',
          `${LIST}?page_size=2&order_by=-id&direction=1&last_pk=3`,
          {
            apiKey: ACCOUNT,
          },
        )

        expect(second.body).toEqual({
          next: `${path}?page_size=2&order_by=-id&direction=1&last_pk=1`,
          prev: `${path}?page_size=2&order_by=-id&direction=0&last_pk=2`,
          objects: [body(2), body(1)],
        })
      })

      test.each([
        [
          'nickname',
          'Cannot use specified order_by field. Set required index on schema first.',
        ],
        ['-revision', 'Cannot use specified order_by field.'],
        ['name', 'Incorrect order_by parameter provided.'],
      ])('returns 400 given order_by=%s', async (orderBy, message) => {
        const { status, body: error } = await send(
          'GET',
          `${LIST}?order_by=${orderBy}`,
          {
            apiKey: ACCOUNT,
          },
        )

        expect(status).toBe(400)
        expect(error).toEqual({ detail: message })
      })

      test('returns the page error first given a bad order_by and page_size', async () => {
        const { status, body: error } = await send(
          'GET',
          `${LIST}?order_by=name&page_size=x`,
          {
            apiKey: ACCOUNT,
          },
        )

        expect(status).toBe(400)
        expect(error).toEqual({ detail: 'Incorrect page parameter provided.' })
      })

      test('adds the count of visible profiles after the page given include_count', async () => {
        const { body: page } = await send(
          'GET',
          `${LIST}?page_size=1&include_count=true`,
          {
            apiKey: PLAIN_KEY,
            userKey: JANE_KEY,
          },
        )

        expect(page).toEqual({
          next: `${path}?page_size=1&direction=1&last_pk=1`,
          prev: null,
          objects: [body(1)],
          objects_count: 3,
        })
        expect(Object.keys(page as object)).toEqual([
          'next',
          'prev',
          'objects',
          'objects_count',
        ])
      })

      test('leaves the count out given include_count=false', async () => {
        const { body: page } = await send(
          'GET',
          `${LIST}?include_count=false`,
          {
            apiKey: ANONYMOUS_READ,
          },
        )

        expect(page).toEqual({ next: null, prev: null, objects: [body(2)] })
      })

      test('returns 400 given a negative page_size', async () => {
        const { status, body: error } = await send(
          'GET',
          `${LIST}?page_size=-1`,
          {
            apiKey: ACCOUNT,
          },
        )

        expect(status).toBe(400)
        expect(error).toEqual({ detail: 'Incorrect page parameter provided.' })
      })

      test('returns only the asked fields given fields', async () => {
        const { body: page } = await send('GET', `${LIST}?fields=id,owner`, {
          apiKey: ANONYMOUS_READ,
        })

        expect(page).toEqual({
          next: null,
          prev: null,
          objects: [{ id: 2, owner: 6 }],
        })
      })
    })

    describe('classes/user_profile/objects/ with the owner in a billing state', () => {
      test('returns the billing 403 before the permission check given no key', async () => {
        mock.scenarios.billing('free_limits_exceeded')

        const { status, body: error } = await send('GET', LIST)

        expect(status).toBe(403)
        expect(error).toEqual({ detail: 'Free limits exceeded.' })
      })

      test('returns the billing 403 given a create', async () => {
        mock.scenarios.billing('free_limits_exceeded')

        const { status, body: error } = await send('POST', LIST, {
          apiKey: ACCOUNT,
        })

        expect(status).toBe(403)
        expect(error).toEqual({ detail: 'Free limits exceeded.' })
      })
    })

    describe('POST classes/user_profile/objects/', () => {
      // The server's test_if_user_profile_cannot_be_created_manually.
      test('returns 403 given an account key', async () => {
        const before = mock.db.profiles.count()

        const { status, body: error } = await send('POST', LIST, {
          apiKey: ACCOUNT,
          body: { nickname: 'new' },
        })

        expect(status).toBe(403)
        expect(error).toEqual(FORBIDDEN)
        expect(mock.db.profiles.count()).toBe(before)
      })

      test('returns 403 given an ignore_acl key', async () => {
        const before = mock.db.profiles.count()

        const { status, body: error } = await send('POST', LIST, {
          apiKey: IGNORE_ACL,
        })

        expect(status).toBe(403)
        expect(error).toEqual(FORBIDDEN)
        expect(mock.db.profiles.count()).toBe(before)
      })
    })

    describe('GET classes/user_profile/objects/<id>/', () => {
      // The server's test_if_user_profile_is_protected.
      test('returns the profile given an account key', async () => {
        const {
          status,
          headers,
          body: found,
        } = await send('GET', `${LIST}4/`, {
          apiKey: ACCOUNT,
        })

        expect(status).toBe(200)
        expect(headers.get('allow')).toBe(
          'GET, PUT, PATCH, DELETE, HEAD, OPTIONS',
        )
        expect(found).toEqual(body(4))
      })

      test("answers the URL in a user's links.profile with that user's profile", async () => {
        const { body: user } = await send('GET', 'user/', {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
        })
        const link = (user as { links: { profile: string } }).links.profile

        const response = await mock.fetch(
          new Request(`${ORIGIN}${link}`, {
            headers: { 'X-API-KEY': PLAIN_KEY, 'X-USER-KEY': JANE_KEY },
          }),
        )

        expect(response.status).toBe(200)
        expect(await response.json()).toEqual(body(1))
      })

      test('returns a profile the caller may read through its group given a user key', async () => {
        const { status, body: found } = await send('GET', `${LIST}3/`, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
        })

        expect(status).toBe(200)
        expect(found).toEqual(body(3))
      })

      test('returns 404 given a user key and a profile the caller may not read', async () => {
        const { status, body: error } = await send('GET', `${LIST}4/`, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
        })

        expect(status).toBe(404)
        expect(error).toEqual(notFound)
      })

      test('returns 404 given an allow_anonymous_read key and a private profile', async () => {
        const { status, body: error } = await send('GET', `${LIST}1/`, {
          apiKey: ANONYMOUS_READ,
        })

        expect(status).toBe(404)
        expect(error).toEqual(notFound)
      })

      test('returns 404 given an id that is not a number', async () => {
        const { status, body: error } = await send('GET', `${LIST}abc/`, {
          apiKey: ACCOUNT,
        })

        expect(status).toBe(404)
        expect(error).toEqual(notFound)
      })

      test("returns 404 given the id of a deleted user's profile", async () => {
        await send('DELETE', 'users/5/', { apiKey: ACCOUNT })

        const { status, body: error } = await send('GET', `${LIST}1/`, {
          apiKey: ACCOUNT,
        })

        expect(status).toBe(404)
        expect(error).toEqual(notFound)
      })
    })

    describe('PATCH classes/user_profile/objects/<id>/', () => {
      // The server's test_if_user_profile_is_protected.
      test('changes permissions without a new revision given an account key', async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { other_permissions: 'read' },
        })

        const expected = body(1, {
          other_permissions: 'read',
          updated_at: written(),
        })
        expect(status).toBe(200)
        expect(changed).toEqual(expected)
        expect(await stored(1)).toEqual(expected)
      })

      test('bumps the revision given a custom field', async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}1/`, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
          body: { nickname: 'Janie' },
        })

        const expected = body(1, {
          nickname: 'Janie',
          revision: 2,
          updated_at: written(),
        })
        expect(status).toBe(200)
        expect(changed).toEqual(expected)
        expect(await stored(1)).toEqual(expected)
      })

      // `NoTrimWhitespaceMixin` (apps/data/mixins.py) turns off DRF's
      // trim_whitespace for string and text fields.
      test('keeps the whitespace around a string field', async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { nickname: '  Janie ' },
        })

        const expected = body(1, {
          nickname: '  Janie ',
          revision: 2,
          updated_at: written(),
        })
        expect(status).toBe(200)
        expect(changed).toEqual(expected)
        expect(await stored(1)).toEqual(expected)
      })

      test('stores a string field of spaces as it is', async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { nickname: '   ' },
        })

        expect(status).toBe(200)
        expect(changed).toEqual(
          body(1, { nickname: '   ', revision: 2, updated_at: written() }),
        )
      })

      // Django's IntegerField brings PostgreSQL's integer range as
      // validators, which DRF turns into max_value and min_value.
      test.each([
        [2147483648, 'Ensure this value is less than or equal to 2147483647.'],
        [
          -2147483649,
          'Ensure this value is greater than or equal to -2147483648.',
        ],
      ])('returns 400 given an integer field of %s', async (age, message) => {
        const { status, body: error } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { age },
        })

        expect(status).toBe(400)
        expect(error).toEqual({ age: [message] })
        expect(await stored(1)).toEqual(body(1))
      })

      // `IncrementableFieldSerializerMixin`, pinned by the server's
      // test_objects_api.py test_if_can_increment_integer and
      // test_if_decrementing_works.
      test.each([
        [{ _increment: 5 }, 35],
        ['{"_increment": -31}', -1],
      ])(
        'adds to an integer field given _increment as %j',
        async (age, result) => {
          const { status, body: changed } = await send('PATCH', `${LIST}1/`, {
            apiKey: PLAIN_KEY,
            userKey: JANE_KEY,
            body: { age },
          })

          const expected = body(1, {
            age: result,
            revision: 2,
            updated_at: written(),
          })
          expect(status).toBe(200)
          expect(changed).toEqual(expected)
          expect(await stored(1)).toEqual(expected)
        },
      )

      test('counts from zero given _increment on an empty integer field', async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}2/`, {
          apiKey: ACCOUNT,
          body: { age: { _increment: 3 } },
        })

        expect(status).toBe(200)
        expect(changed).toEqual(
          body(2, { age: 3, revision: 2, updated_at: written() }),
        )
      })

      // The server's test_if_incorrect_increment_definition_fails.
      test.each([{ increment: 5 }, { _increment: 5, _add: 1 }, {}])(
        'returns 400 given the integer operation %j',
        async (age) => {
          const { status, body: error } = await send('PATCH', `${LIST}1/`, {
            apiKey: ACCOUNT,
            body: { age },
          })

          expect(status).toBe(400)
          expect(error).toEqual({ age: ['A valid integer is required.'] })
          expect(await stored(1)).toEqual(body(1))
        },
      )

      test('returns 400 given an _increment past the integer range', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { age: { _increment: 2147483618 } },
        })

        expect(status).toBe(400)
        expect(error).toEqual({
          age: ['Ensure this value is less than or equal to 2147483647.'],
        })
        expect(await stored(1)).toEqual(body(1))
      })

      test("shows the change in the owner's user given a custom field", async () => {
        await send('PATCH', `${LIST}1/`, { apiKey: ACCOUNT, body: { age: 31 } })

        const { body: user } = await send('GET', 'users/5/', {
          apiKey: ACCOUNT,
        })

        expect((user as { profile: unknown }).profile).toEqual(
          body(1, { age: 31, revision: 2, updated_at: written() }),
        )
      })

      // The server's test_if_user_profile_is_protected.
      test('returns 400 given a null owner and an account key', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { owner: null, nickname: 'x' },
        })

        expect(status).toBe(400)
        expect(error).toEqual({
          owner: ['Cannot change owner of User Profile object.'],
        })
        expect(await stored(1)).toEqual(body(1))
      })

      test('returns 400 naming a data object given another owner and a user key', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}1/`, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
          body: { owner: 6 },
        })

        expect(status).toBe(400)
        expect(error).toEqual({
          owner: ['Cannot change owner of Data Object.'],
        })
        expect(await stored(1)).toEqual(body(1))
      })

      test('accepts the current owner given owner', async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { owner: 5 },
        })

        expect(status).toBe(200)
        expect(changed).toEqual(body(1))
      })

      test('returns 400 with errors in field order given several bad fields', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: {
            expected_revision: 'abc',
            age: 'old',
            other_permissions: 'wrong_choice',
            owner: 'x',
          },
        })

        expect(status).toBe(400)
        expect(error).toEqual({
          owner: ['Incorrect type. Expected pk value, received str.'],
          other_permissions: ['"wrong_choice" is not a valid choice.'],
          age: ['A valid integer is required.'],
          expected_revision: ['A valid integer is required.'],
        })
        expect(Object.keys(error as object)).toEqual([
          'owner',
          'other_permissions',
          'age',
          'expected_revision',
        ])
        expect(await stored(1)).toEqual(body(1))
      })

      test('returns 400 with a plain message given another expected_revision', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { nickname: 'x', expected_revision: 5 },
        })

        expect(status).toBe(400)
        expect(error).toEqual({
          expected_revision: 'Revision mismatch. Expected 5, got 1.',
        })
        expect(await stored(1)).toEqual(body(1))
      })

      test('applies the change given the current expected_revision', async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { nickname: 'x', expected_revision: 1 },
        })

        expect(status).toBe(200)
        expect(changed).toEqual(
          body(1, { nickname: 'x', revision: 2, updated_at: written() }),
        )
      })

      test('ignores channel and channel_room given both', async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: { channel: 'news', channel_room: 'a' },
        })

        expect(status).toBe(200)
        expect(changed).toEqual(body(1))
        expect(await stored(1)).toEqual(body(1))
      })

      test('returns 400 given a null body', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: null,
        })

        expect(status).toBe(400)
        expect(error).toEqual({ non_field_errors: ['No data provided'] })
      })

      test('returns 400 given a list body', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}1/`, {
          apiKey: ACCOUNT,
          body: [1],
        })

        expect(status).toBe(400)
        expect(error).toEqual({
          non_field_errors: [
            'Invalid data. Expected a dictionary, but got list.',
          ],
        })
      })

      test('returns 403 given a user key and a profile others may only read', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}2/`, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
          body: { nickname: 'x' },
        })

        expect(status).toBe(403)
        expect(error).toEqual(FORBIDDEN)
        expect(await stored(2)).toEqual(body(2))
      })

      test("returns 403 given the owner's key and a profile its owner may only read", async () => {
        await send('PATCH', `${LIST}3/`, {
          apiKey: ACCOUNT,
          body: { group: null, group_permissions: 'none' },
        })
        const before = await stored(3)

        const { status, body: error } = await send('PATCH', `${LIST}3/`, {
          apiKey: PLAIN_KEY,
          userKey: ALICE_KEY,
          body: { nickname: 'x' },
        })

        expect(status).toBe(403)
        expect(error).toEqual(FORBIDDEN)
        expect(await stored(3)).toEqual(before)
      })

      test("caps granted permissions at the caller's own given a group member's key", async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}3/`, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
          body: { other_permissions: 'full', nickname: 'A' },
        })

        const expected = body(3, {
          other_permissions: 'write',
          nickname: 'A',
          revision: 2,
          updated_at: written(),
        })
        expect(status).toBe(200)
        expect(changed).toEqual(expected)
        expect(await stored(3)).toEqual(expected)
      })

      test('does not cap permissions given an ignore_acl key with a user key', async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}4/`, {
          apiKey: IGNORE_ACL,
          userKey: JOHN_KEY,
          body: { other_permissions: 'full' },
        })

        expect(status).toBe(200)
        expect(changed).toEqual(
          body(4, { other_permissions: 'full', updated_at: written() }),
        )
      })

      test("keeps a group the caller is not in given the profile's own group", async () => {
        const { status, body: changed } = await send('PATCH', `${LIST}4/`, {
          apiKey: PLAIN_KEY,
          userKey: BOB_KEY,
          body: { group: 2, nickname: 'B' },
        })

        expect(status).toBe(200)
        expect(changed).toEqual(
          body(4, { nickname: 'B', revision: 2, updated_at: written() }),
        )
      })

      test('returns 400 given a user key and a group the caller is not in', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}1/`, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
          body: { group: 2 },
        })

        expect(status).toBe(400)
        expect(error).toEqual({ group: ['Invalid group specified.'] })
        expect(await stored(1)).toEqual(body(1))
      })

      test('returns 403 given a read-role account key', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}1/`, {
          apiKey: READER,
          body: { nickname: 'x' },
        })

        expect(status).toBe(403)
        expect(error).toEqual(FORBIDDEN)
        expect(await stored(1)).toEqual(body(1))
      })

      test('returns 403 given an allow_anonymous_read key', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}2/`, {
          apiKey: ANONYMOUS_READ,
          body: { nickname: 'x' },
        })

        expect(status).toBe(403)
        expect(error).toEqual(FORBIDDEN)
        expect(await stored(2)).toEqual(body(2))
      })

      test('returns 404 given a user key and a profile the caller may not read', async () => {
        const { status, body: error } = await send('PATCH', `${LIST}4/`, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
          body: { nickname: 'x' },
        })

        expect(status).toBe(404)
        expect(error).toEqual(notFound)
        expect(await stored(4)).toEqual(body(4))
      })
    })

    describe('PUT classes/user_profile/objects/<id>/', () => {
      test('resets omitted permissions to their defaults given custom fields only', async () => {
        const { status, body: changed } = await send('PUT', `${LIST}2/`, {
          apiKey: ACCOUNT,
          body: { nickname: 'John' },
        })

        const expected = body(2, {
          other_permissions: 'none',
          nickname: 'John',
          revision: 2,
          updated_at: written(),
        })
        expect(status).toBe(200)
        expect(changed).toEqual(expected)
        expect(await stored(2)).toEqual(expected)
      })

      test("caps the defaults at the caller's own given a group member's key", async () => {
        const { status, body: changed } = await send('PUT', `${LIST}3/`, {
          apiKey: PLAIN_KEY,
          userKey: JANE_KEY,
          body: {},
        })

        expect(status).toBe(200)
        expect(changed).toEqual(
          body(3, {
            owner_permissions: 'write',
            group_permissions: 'none',
            updated_at: written(),
          }),
        )
      })
    })

    describe('DELETE classes/user_profile/objects/<id>/', () => {
      test('returns 403 given an account key (test_if_user_profile_is_protected)', async () => {
        const { status, body: error } = await send('DELETE', `${LIST}1/`, {
          apiKey: ACCOUNT,
        })

        expect(status).toBe(403)
        expect(error).toEqual(FORBIDDEN)
        expect(await stored(1)).toEqual(body(1))
        expect(
          mock.db.profiles.find('byId', key('my-instance', 1)),
        ).toBeDefined()
      })

      test('returns 404 before 403 given a missing id', async () => {
        const { status, body: error } = await send('DELETE', `${LIST}99/`, {
          apiKey: ACCOUNT,
        })

        expect(status).toBe(404)
        expect(error).toEqual(notFound)
      })
    })
  },
)

interface Extra {
  revision?: number
  updated_at?: string
}
