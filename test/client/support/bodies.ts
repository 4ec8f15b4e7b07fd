import {
  key,
  type Dialect,
  type ProfileRecord,
  type SyncanoMock,
  type UserRecord,
} from '../../../src/index.ts'
import { INSTANCE, keys } from '../../support/fixture-keys.ts'

/** The values of a group the tests name. */
export interface GroupValues {
  id: number
  label: string
  description: string
  name?: string | null
}

/** The values of a profile the tests name; the rest are the defaults. */
export interface ProfileValues {
  id: number
  owner: number
  created_at: string
  updated_at: string
  revision?: number
  owner_permissions?: string
  group?: number | null
  group_permissions?: string
  other_permissions?: string
  /** The instance's custom fields (`nickname` and `age` in the fixtures). */
  data: Record<string, unknown>
}

/** The values of a user the tests name. */
export interface UserValues {
  id: number
  username: string
  user_key: string
  profile: ProfileValues
  groups: Array<GroupValues>
}

/**
 * Where every link of a v1.1 answer starts: the documentation page shows
 * `/v1/` links, the server the request's own version.
 */
export function linkPrefix(dialect: Dialect = 'docs'): string {
  return dialect === 'docs'
    ? `/v1/instances/${INSTANCE}`
    : `/v1.1/instances/${INSTANCE}`
}

/**
 * A group as an answer shows it.
 *
 * @example
 * groupBody({ id: 1, label: 'main_group', description: '' })
 */
export function groupBody(group: GroupValues, dialect: Dialect = 'docs') {
  const self = `${linkPrefix(dialect)}/groups/${group.id}/`
  const links = { self, users: `${self}users/` }
  const { id, label, description } = group

  return dialect === 'docs'
    ? { id, label, description, links }
    : { id, name: group.name ?? null, label, description, links }
}

/**
 * A `user_profile` object as an answer shows it.
 *
 * @example
 * profileBody({ id: 1, owner: 1, ...datesOf(stored), data: { age: 30 } })
 */
export function profileBody(profile: ProfileValues, dialect: Dialect = 'docs') {
  const prefix = linkPrefix(dialect)
  const { data, ...fields } = profile

  return {
    revision: 1,
    owner_permissions: 'full',
    group: null,
    group_permissions: 'none',
    other_permissions: 'none',
    channel: null,
    channel_room: null,
    ...fields,
    ...data,
    links: {
      self: `${prefix}/classes/user_profile/objects/${profile.id}/`,
      owner: `${prefix}/users/${profile.owner}/`,
    },
  }
}

/**
 * A user as every v1.1 answer shows it, with its key.
 *
 * @example
 * userBody({ id: 1, username: 'jane', user_key: keys.jane, profile, groups })
 */
export function userBody(user: UserValues, dialect: Dialect = 'docs') {
  const self = `${linkPrefix(dialect)}/users/${user.id}/`

  return {
    id: user.id,
    username: user.username,
    profile: profileBody(user.profile, dialect),
    groups: user.groups.map((group) => groupBody(group, dialect)),
    user_key: user.user_key,
    links: {
      self,
      groups: `${self}groups/`,
      'reset-key': `${self}reset_key/`,
      profile: `${linkPrefix(dialect)}/classes/user_profile/objects/${user.profile.id}/`,
    },
  }
}

/** The stored user with this id, or `undefined`. */
export function storedUser(
  mock: SyncanoMock,
  id: number,
): UserRecord | undefined {
  return mock.db.users.find('byId', key(INSTANCE, id))
}

/** The stored profile of the user with this id, or `undefined`. */
export function storedProfile(
  mock: SyncanoMock,
  owner: number,
): ProfileRecord | undefined {
  return mock.db.profiles.find('byOwner', key(INSTANCE, owner))
}

/**
 * The id and dates of a user's stored profile: what a test cannot know
 * before the mock has made the profile.
 *
 * @example
 * profileBody({ ...storedProfileIdentity(mock, 1), data: { age: 30 } })
 */
export function storedProfileIdentity(mock: SyncanoMock, owner: number) {
  const stored = storedProfile(mock, owner)
  if (!stored) throw new Error(`Expected user ${owner} to have a profile.`)

  return {
    id: stored.id,
    owner,
    created_at: stored.created_at,
    updated_at: stored.updated_at,
  }
}

/** The group of `fixtures/default.json`. */
export const MAIN_GROUP: GroupValues = {
  id: 1,
  label: 'main_group',
  description: '',
}

/** The named users of `fixtures/default.json`, as the fixtures give them. */
export const FIXTURE_USERS = {
  jane: {
    id: 1,
    username: 'jane',
    password: 'secret',
    user_key: keys.jane,
    groups: [MAIN_GROUP],
    data: { nickname: 'J', age: 30 },
  },
  john: {
    id: 2,
    username: 'john',
    password: 'secret',
    user_key: keys.john,
    groups: [MAIN_GROUP],
    data: { nickname: 'Johnny', age: 41 },
  },
  alice: {
    id: 3,
    username: 'alice',
    password: 'secret',
    user_key: keys.alice,
    groups: [],
    data: { nickname: 'Al', age: 25 },
  },
} as const

/**
 * A named fixture user as the mock shows it now, with `changes` applied:
 * the profile's id and dates are read from the mock, the rest comes from
 * the fixtures.
 *
 * @example
 * fixtureUserBody(mock, 'jane', { username: 'Janet' })
 */
export function fixtureUserBody(
  mock: SyncanoMock,
  name: keyof typeof FIXTURE_USERS,
  changes: Partial<Omit<UserValues, 'profile'>> = {},
  dialect: Dialect = 'docs',
) {
  const { id, username, user_key, groups, data } = FIXTURE_USERS[name]

  return userBody(
    {
      id,
      username,
      user_key,
      groups: [...groups],
      ...changes,
      profile: { ...storedProfileIdentity(mock, id), data },
    },
    dialect,
  )
}
