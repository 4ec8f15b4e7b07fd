import {
  adminRecordSchema,
  apiKeyRecordSchema,
  groupRecordSchema,
  instanceRecordSchema,
  membershipRecordSchema,
  profileRecordSchema,
  socialTokenRecordSchema,
  userRecordSchema,
} from './schemas.ts'
import { Table } from './table.ts'

/**
 * Joins the parts of an index key; no part may hold a NUL character.
 * Written out rather than with `join`, which costs an array per call: a
 * seeded user is indexed under four keys.
 */
export function key(
  first: string,
  second: string | number,
  third?: string | number,
): string {
  const pair = first + '\u0000' + second
  return third === undefined ? pair : pair + '\u0000' + third
}

/**
 * Creates the empty in-memory database of one mock: one indexed
 * `@msw/data` collection per kind of record.
 *
 * @example
 * const db = createDatabase()
 * db.users.find('byId', key('my-instance', 1))
 */
export function createDatabase() {
  return { ...accessTables(), ...userTables() }
}

/** Instances and the keys that open them. */
function accessTables() {
  return {
    instances: new Table(instanceRecordSchema, {
      byName: { key: (instance) => instance.name, unique: true },
    }),
    admins: new Table(adminRecordSchema, {
      byEmail: { key: (admin) => admin.email, unique: true },
      byKey: { key: (admin) => admin.account_key, unique: true },
    }),
    apiKeys: new Table(apiKeyRecordSchema, {
      byKey: {
        key: (apiKey) => key(apiKey.instance, apiKey.api_key),
        unique: true,
      },
      byInstance: { key: (apiKey) => apiKey.instance },
    }),
  }
}

/** Users with their profiles, groups, memberships and social accounts. */
function userTables() {
  return {
    users: new Table(userRecordSchema, {
      byId: { key: (user) => key(user.instance, user.id), unique: true },
      byUsername: {
        key: (user) => key(user.instance, user.username),
        unique: true,
      },
      byKey: { key: (user) => key(user.instance, user.user_key), unique: true },
      byInstance: { key: (user) => user.instance },
    }),
    profiles: new Table(profileRecordSchema, {
      byId: {
        key: (profile) => key(profile.instance, profile.id),
        unique: true,
      },
      byOwner: {
        key: (profile) => key(profile.instance, profile.owner),
        unique: true,
      },
      byInstance: { key: (profile) => profile.instance },
    }),
    groups: new Table(groupRecordSchema, {
      byId: { key: (group) => key(group.instance, group.id), unique: true },
      byName: {
        key: (group) =>
          group.name === null ? undefined : key(group.instance, group.name),
        unique: true,
      },
      byInstance: { key: (group) => group.instance },
    }),
    memberships: new Table(membershipRecordSchema, {
      byPair: {
        key: (membership) =>
          key(membership.instance, membership.user, membership.group),
        unique: true,
      },
      byUser: {
        key: (membership) => key(membership.instance, membership.user),
      },
      byGroup: {
        key: (membership) => key(membership.instance, membership.group),
      },
    }),
    socialTokens: new Table(socialTokenRecordSchema, {
      byToken: {
        key: (token) => key(token.instance, token.backend, token.access_token),
        unique: true,
      },
    }),
  }
}

/** The database of one mock. */
export type Database = ReturnType<typeof createDatabase>
