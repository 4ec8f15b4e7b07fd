import type { z } from 'zod'
import {
  findDuplicates,
  MAX_GROUPS_PER_USER,
} from '../fixtures/check-references.ts'
import { key } from '../model/database.ts'
import { hasEvenParity, type KeyParity } from '../model/keys.ts'
import type {
  AdminRecord,
  ApiKeyRecord,
  GroupRecord,
  InstanceRecord,
  MembershipRecord,
  ProfileRecord,
  SocialTokenRecord,
  UserRecord,
} from '../model/schemas.ts'

/** Keys are stored lowercased, so a stored key has no upper case digit. */
const STORED_KEY = /^[a-f0-9]{40}$/

/** The longest username `users/` accepts. */
const MAX_USERNAME_LENGTH = 64

type Report = (path: Array<PropertyKey>, message: string) => void

interface SnapshotTables {
  instances: ReadonlyArray<InstanceRecord>
  admins: ReadonlyArray<AdminRecord>
  apiKeys: ReadonlyArray<ApiKeyRecord>
  users: ReadonlyArray<UserRecord>
  profiles: ReadonlyArray<ProfileRecord>
  groups: ReadonlyArray<GroupRecord>
  memberships: ReadonlyArray<MembershipRecord>
  socialTokens: ReadonlyArray<SocialTokenRecord>
}

type InstanceTable = Exclude<keyof SnapshotTables, 'instances' | 'admins'>

/** Which table each instance sequence numbers. */
const SEQUENCE_TABLES = {
  users: 'users',
  groups: 'groups',
  objects: 'profiles',
  memberships: 'memberships',
  api_keys: 'apiKeys',
} as const satisfies Partial<
  Record<keyof InstanceRecord['sequences'], InstanceTable>
>

/** The tables whose records each belong to an instance. */
const INSTANCE_TABLES: ReadonlyArray<InstanceTable> = [
  ...Object.values(SEQUENCE_TABLES),
  'socialTokens',
]

/**
 * Finds what a snapshot's record schemas cannot see: duplicates, references
 * to records that do not exist, keys of the wrong parity, users without a
 * profile or in too many groups, and sequences that would hand out an id
 * again. The same rules the fixtures follow, on stored records: each
 * problem is reported at the path of the offending value.
 *
 * @example
 * tablesShape.superRefine(checkSnapshot)
 */
export function checkSnapshot(
  tables: SnapshotTables,
  context: z.core.$RefinementCtx,
): void {
  const report: Report = (path, message) =>
    context.addIssue({ code: 'custom', path, message })

  checkAccess(tables, report)
  checkInstanceNames(tables, report)
  checkUsers(tables.users, report)
  checkGroups(tables.groups, report)
  checkProfiles(tables, report)
  checkMemberships(tables, report)
  findDuplicates(
    tables.socialTokens.map((token) =>
      key(token.instance, token.backend, token.access_token),
    ),
    (index) =>
      report(['socialTokens', index, 'access_token'], 'duplicate social token'),
  )
  checkSequences(tables, report)
}

/** Instances, their owners, and the keys that open them. */
function checkAccess(tables: SnapshotTables, report: Report): void {
  findDuplicates(
    tables.instances.map((instance) => instance.name),
    (index) => report(['instances', index, 'name'], 'duplicate instance name'),
  )
  for (const [index, instance] of tables.instances.entries()) {
    if (instance.name !== instance.name.toLowerCase()) {
      report(['instances', index, 'name'], 'expected a lowercase name')
    }
  }

  const emails = new Set(tables.admins.map((admin) => admin.email))
  for (const [index, instance] of tables.instances.entries()) {
    if (instance.owner !== null && !emails.has(instance.owner)) {
      report(
        ['instances', index, 'owner'],
        `no admin has the email "${instance.owner}"`,
      )
    }
  }

  findDuplicates(
    tables.admins.map((admin) => admin.email),
    (index) => report(['admins', index, 'email'], 'duplicate admin email'),
  )
  checkKeys(
    tables.admins.map((admin) => admin.account_key),
    'even',
    (index, message) => report(['admins', index, 'account_key'], message),
  )
  findDuplicates(
    tables.admins.map((admin) => admin.account_key),
    (index) =>
      report(['admins', index, 'account_key'], 'duplicate account key'),
  )

  findDuplicates(
    tables.apiKeys.map((apiKey) => key(apiKey.instance, apiKey.id)),
    (index) => report(['apiKeys', index, 'id'], 'duplicate API key id'),
  )
  checkKeys(
    tables.apiKeys.map((apiKey) => apiKey.api_key),
    'odd',
    (index, message) => report(['apiKeys', index, 'api_key'], message),
  )
  findDuplicates(
    tables.apiKeys.map((apiKey) => key(apiKey.instance, apiKey.api_key)),
    (index) => report(['apiKeys', index, 'api_key'], 'duplicate API key'),
  )
}

/** Every record of an instance names one that exists. */
function checkInstanceNames(tables: SnapshotTables, report: Report): void {
  const names = new Set(tables.instances.map((instance) => instance.name))

  for (const table of INSTANCE_TABLES) {
    for (const [index, record] of tables[table].entries()) {
      if (!names.has(record.instance)) {
        report(
          [table, index, 'instance'],
          `no instance has the name "${record.instance}"`,
        )
      }
    }
  }
}

function checkUsers(users: ReadonlyArray<UserRecord>, report: Report): void {
  findDuplicates(
    users.map((user) => key(user.instance, user.id)),
    (index) => report(['users', index, 'id'], 'duplicate user id'),
  )
  findDuplicates(
    users.map((user) => key(user.instance, user.username.trim().toLowerCase())),
    (index) =>
      report(
        ['users', index, 'username'],
        'duplicate username (case-insensitive)',
      ),
  )
  for (const [index, { username }] of users.entries()) {
    const stored = username.trim().toLowerCase()
    if (
      username !== stored ||
      stored.length === 0 ||
      stored.length > MAX_USERNAME_LENGTH
    ) {
      report(
        ['users', index, 'username'],
        `expected a lowercase, trimmed username of 1 to ${MAX_USERNAME_LENGTH} characters`,
      )
    }
  }

  checkKeys(
    users.map((user) => user.user_key),
    'even',
    (index, message) => report(['users', index, 'user_key'], message),
  )
  findDuplicates(
    users.map((user) => key(user.instance, user.user_key)),
    (index) => report(['users', index, 'user_key'], 'duplicate user key'),
  )
}

function checkGroups(groups: ReadonlyArray<GroupRecord>, report: Report): void {
  findDuplicates(
    groups.map((group) => key(group.instance, group.id)),
    (index) => report(['groups', index, 'id'], 'duplicate group id'),
  )
  findDuplicates(
    groups.map((group) =>
      group.name === null
        ? undefined
        : key(group.instance, group.name.trim().toLowerCase()),
    ),
    (index) => report(['groups', index, 'name'], 'duplicate group name'),
  )
  for (const [index, { name }] of groups.entries()) {
    if (name !== null && name !== name.trim().toLowerCase()) {
      report(['groups', index, 'name'], 'expected a lowercase, trimmed name')
    }
  }
}

/** Every user has exactly one profile, and a profile's group exists. */
function checkProfiles(tables: SnapshotTables, report: Report): void {
  const users = new Set(tables.users.map((user) => key(user.instance, user.id)))
  const groups = new Set(
    tables.groups.map((group) => key(group.instance, group.id)),
  )
  const owners = new Set<string>()

  findDuplicates(
    tables.profiles.map((profile) => key(profile.instance, profile.id)),
    (index) => report(['profiles', index, 'id'], 'duplicate profile id'),
  )
  for (const [index, profile] of tables.profiles.entries()) {
    const owner = key(profile.instance, profile.owner)
    if (!users.has(owner)) {
      report(
        ['profiles', index, 'owner'],
        `no user has the id ${profile.owner}`,
      )
    } else if (owners.has(owner)) {
      report(
        ['profiles', index, 'owner'],
        `user ${profile.owner} already owns a profile`,
      )
    }
    owners.add(owner)

    if (
      profile.group !== null &&
      !groups.has(key(profile.instance, profile.group))
    ) {
      report(
        ['profiles', index, 'group'],
        `no group has the id ${profile.group}`,
      )
    }
  }

  for (const [index, user] of tables.users.entries()) {
    if (!owners.has(key(user.instance, user.id))) {
      report(['users', index], `no profile is owned by user ${user.id}`)
    }
  }
}

/** Memberships join users and groups that exist, at most 32 per user. */
function checkMemberships(tables: SnapshotTables, report: Report): void {
  const users = new Set(tables.users.map((user) => key(user.instance, user.id)))
  const groups = new Set(
    tables.groups.map((group) => key(group.instance, group.id)),
  )
  const joined = new Map<string, number>()
  const { memberships } = tables

  findDuplicates(
    memberships.map((membership) => key(membership.instance, membership.id)),
    (index) => report(['memberships', index, 'id'], 'duplicate membership id'),
  )
  findDuplicates(
    memberships.map((membership) =>
      key(membership.instance, membership.user, membership.group),
    ),
    (index) => report(['memberships', index], 'duplicate membership'),
  )

  for (const [index, membership] of memberships.entries()) {
    const user = key(membership.instance, membership.user)
    if (!users.has(user)) {
      report(
        ['memberships', index, 'user'],
        `no user has the id ${membership.user}`,
      )
    }
    if (!groups.has(key(membership.instance, membership.group))) {
      report(
        ['memberships', index, 'group'],
        `no group has the id ${membership.group}`,
      )
    }

    const count = (joined.get(user) ?? 0) + 1
    joined.set(user, count)
    if (count === MAX_GROUPS_PER_USER + 1) {
      report(
        ['memberships', index, 'group'],
        `user ${membership.user} is in more than ${MAX_GROUPS_PER_USER} groups`,
      )
    }
  }
}

/** A sequence never hands out an id a record of its instance already has. */
function checkSequences(tables: SnapshotTables, report: Report): void {
  for (const [sequence, table] of Object.entries(SEQUENCE_TABLES)) {
    const largest = new Map<string, number>()
    for (const record of tables[table]) {
      const id = largest.get(record.instance) ?? 0
      if (record.id > id) largest.set(record.instance, record.id)
    }

    for (const [index, instance] of tables.instances.entries()) {
      const id = largest.get(instance.name) ?? 0
      const last = instance.sequences[sequence as keyof typeof SEQUENCE_TABLES]
      if (last < id) {
        report(
          ['instances', index, 'sequences', sequence],
          `below the largest id of its records (${id})`,
        )
      }
    }
  }
}

/** Stored keys: 40 lowercase hex digits, the last one of the given parity. */
function checkKeys(
  keys: ReadonlyArray<string>,
  parity: KeyParity,
  report: (index: number, message: string) => void,
): void {
  for (const [index, value] of keys.entries()) {
    if (!STORED_KEY.test(value)) {
      report(index, 'expected 40 lowercase hex characters')
    } else if (hasEvenParity(value) !== (parity === 'even')) {
      report(index, `expected an ${parity} last hex digit`)
    }
  }
}
