// Checks at run time that each exported body type names exactly the fields
// the handlers write: every key list below must name every key of its type
// (the compiler checks that), and each real answer must have those keys.
import { describe, expect, test } from 'vitest'
import {
  createSyncanoMock,
  type DetailErrorBody,
  type Dialect,
  type GroupBody,
  type GroupMembershipBody,
  type ListBody,
  type ProfileBody,
  type UserBody,
  type UserMembershipBody,
} from '../../src/index.ts'
import { call } from '../support/call.ts'
import { keys } from '../support/fixture-keys.ts'

/** Drops an index signature, leaving the declared keys. */
type KnownKeys<T> = keyof {
  [K in keyof T as string extends K ? never : K]: T[K]
}

/** The keys of a type, listed in full: a missing or extra key fails to compile. */
function keysOf<T>(all: Record<KnownKeys<T>, true>): Array<string> {
  return Object.keys(all).sort()
}

const userKeys = keysOf<UserBody>({
  id: true,
  username: true,
  profile: true,
  groups: true,
  user_key: true,
  links: true,
})
const profileKeys = keysOf<ProfileBody>({
  id: true,
  created_at: true,
  updated_at: true,
  revision: true,
  owner: true,
  owner_permissions: true,
  group: true,
  group_permissions: true,
  other_permissions: true,
  channel: true,
  channel_room: true,
  links: true,
})
const groupKeys = keysOf<GroupBody>({
  id: true,
  name: true,
  label: true,
  description: true,
  links: true,
})
const listKeys = keysOf<ListBody<unknown>>({
  next: true,
  prev: true,
  objects: true,
})
const userMembershipKeys = keysOf<UserMembershipBody>({
  group: true,
  links: true,
})
const groupMembershipKeys = keysOf<GroupMembershipBody>({
  user: true,
  links: true,
})
const detailKeys = keysOf<DetailErrorBody>({ detail: true })

const admin = { apiKey: keys.account }
const sorted = (value: unknown) => Object.keys(value as object).sort()
const without = (list: Array<string>, ...names: Array<string>) =>
  list.filter((name) => !names.includes(name))

describe.each<Dialect>(['docs', 'server'])(
  'bodies in the %s dialect',
  (dialect) => {
    const mock = createSyncanoMock({ dialect })
    const shownGroupKeys =
      dialect === 'docs' ? without(groupKeys, 'name') : groupKeys

    test('a user, its profile and its groups have the keys of their types', async () => {
      const { body } = await call(mock, 'GET', 'users/1/', admin)
      const user = body as UserBody

      expect(sorted(user)).toEqual(userKeys)
      expect(without(sorted(user.profile), 'nickname', 'age')).toEqual(
        profileKeys,
      )
      expect(user.groups.map(sorted)).toEqual([shownGroupKeys])
    })

    test('a list has the keys of ListBody', async () => {
      const { body } = await call(mock, 'GET', 'users/?page_size=1', admin)

      expect(sorted(body)).toEqual(listKeys)
    })

    test('memberships have the keys of their types', async () => {
      const fromUser = await call(mock, 'GET', 'users/1/groups/1/', admin)
      const fromGroup = await call(mock, 'GET', 'groups/1/users/1/', admin)

      expect(sorted(fromUser.body)).toEqual(userMembershipKeys)
      expect(sorted(fromGroup.body)).toEqual(groupMembershipKeys)
    })

    test('a profile and a login answer have the keys of their types', async () => {
      const profile = await call(
        mock,
        'GET',
        'classes/user_profile/objects/1/',
        admin,
      )
      const login = await call(mock, 'POST', 'user/auth/', {
        apiKey: keys.apiKey,
        body: { username: 'jane', password: 'secret' },
      })

      expect(without(sorted(profile.body), 'nickname', 'age')).toEqual(
        profileKeys,
      )
      expect(sorted(login.body)).toEqual(userKeys)
    })

    test('errors have a detail or messages by field', async () => {
      const missing = await call(mock, 'GET', 'users/99/', admin)
      const invalid = await call(mock, 'POST', 'users/', { ...admin, body: {} })

      expect(sorted(missing.body)).toEqual(detailKeys)
      expect(invalid.body).toEqual({
        username: ['This field is required.'],
        password: ['This field is required.'],
      })
    })
  },
)
