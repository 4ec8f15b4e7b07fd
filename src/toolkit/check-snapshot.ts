import type { z } from 'zod'
import { profileSchemaProblems } from '../fixtures/check-profiles.ts'
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
  ProfileField,
  ProfileRecord,
  SocialTokenRecord,
  UserRecord,
} from '../model/schemas.ts'
import { profileField } from '../validation/profile-field.ts'
import { groupNameField } from '../validation/validate-group.ts'

/** Keys are stored lowercased, so a stored key has no upper case digit. */
const STORED_KEY = /^[a-f0-9]{40}$/

/** The longest username `users/` accepts. */
const MAX_USERNAME_LENGTH = 64

/** The model's limits on a group's texts (`LabelDescriptionAbstractModel`). */
const GROUP_TEXTS = [
  ['label', 64],
  ['description', 256],
] as const

/** PostgreSQL's integer limit: no sequence hands out an id past it. */
const MAX_ID = 2147483647

/** What a custom profile field stores, by its type, for the message. */
const STORED_VALUES: Record<ProfileField['type'], string> = {
  string: 'a string of at most 128 characters',
  text: 'a string of at most 32000 characters',
  integer: 'an integer from -2147483648 to 2147483647',
  reference: 'an integer from -2147483648 to 2147483647',
  float: 'a finite number',
  boolean: 'true or false',
  datetime: 'a datetime as stored, such as "2024-01-31T09:05:00.000000Z"',
  file: 'a string',
}

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
  checkIds(tables, report)
  checkUsers(tables.users, report)
  checkGroups(tables.groups, report)
  checkProfiles(tables, report)
  checkProfileData(tables, report)
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
  // The rules fixtures and the API apply, on the name as they store it.
  for (const [index, group] of groups.entries()) {
    for (const [field, maxLength] of GROUP_TEXTS) {
      // Python counts code points, not UTF-16 units.
      if ([...group[field]].length > maxLength) {
        report(
          ['groups', index, field],
          `expected at most ${maxLength} characters`,
        )
      }
    }

    const { name } = group
    if (name === null) continue

    const result = groupNameField(name)
    if (!result.ok) {
      report(['groups', index, 'name'], withoutStop(result.errors.join(' ')))
    } else if (result.value !== name) {
      report(['groups', index, 'name'], 'expected a lowercase, trimmed name')
    }
  }
}

/**
 * Every id a sequence handed out: 1 up to the server's integer limit, and
 * sequences no further, so the next id is one the server could give.
 */
function checkIds(tables: SnapshotTables, report: Report): void {
  for (const table of Object.values(SEQUENCE_TABLES)) {
    for (const [index, record] of tables[table].entries()) {
      if (record.id < 1 || record.id > MAX_ID) {
        report([table, index, 'id'], `expected an id from 1 to ${MAX_ID}`)
      }
    }
  }

  for (const [index, instance] of tables.instances.entries()) {
    for (const [sequence, last] of Object.entries(instance.sequences)) {
      if (last < 0 || last > MAX_ID) {
        report(
          ['instances', index, 'sequences', sequence],
          `expected 0 to ${MAX_ID}`,
        )
      }
    }
  }
}

/**
 * A profile's custom data holds every field of its instance's
 * `profile_schema` and nothing else, each null or a value as the views
 * store it (what `profileField` gives back for it).
 */
function checkProfileData(tables: SnapshotTables, report: Report): void {
  const schemas = new Map(
    tables.instances.map((instance) => [
      instance.name,
      instance.profile_schema,
    ]),
  )

  for (const [index, instance] of tables.instances.entries()) {
    for (const [field, message] of profileSchemaProblems(
      instance.profile_schema,
    )) {
      report(['instances', index, 'profile_schema', field, 'name'], message)
    }
  }

  for (const [index, { instance, data }] of tables.profiles.entries()) {
    const schema = schemas.get(instance)
    if (!schema) continue
    const path = ['profiles', index, 'data']

    const names = new Set(schema.map((field) => field.name))
    for (const name of Object.keys(data)) {
      if (!names.has(name)) {
        report([...path, name], "not a field of the instance's profile_schema")
      }
    }

    for (const field of schema) {
      if (!Object.hasOwn(data, field.name)) {
        report([...path, field.name], 'missing: an unset field stores null')
      } else if (!isStoredValue(field, data[field.name])) {
        report(
          [...path, field.name],
          `expected ${STORED_VALUES[field.type]}, or null`,
        )
      }
    }
  }
}

/** Whether a value is one a field of this type stores: it reads back as itself. */
function isStoredValue(field: ProfileField, value: unknown): boolean {
  if (value === null) return true
  if (typeof value === 'number' && !Number.isFinite(value)) return false

  const result = profileField(field, value)
  return result.ok && result.value === value
}

/** A field's messages end in a full stop; the snapshot's message adds one. */
function withoutStop(message: string): string {
  return message.replace(/\.$/, '')
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

    for (const field of ['created_at', 'updated_at'] as const) {
      if (!isStoredTimestamp(profile[field])) {
        report(
          ['profiles', index, field],
          'expected a timestamp such as 2016-06-20T08:43:27.204105Z',
        )
      }
    }

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

/**
 * How the views store a time: UTC, six fraction digits (`formatTimestamp`);
 * a clock past the year 9999 writes the year as `toISOString` does.
 */
const STORED_TIMESTAMP =
  /^(\d{4}|\+\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

function isStoredTimestamp(value: string): boolean {
  if (!STORED_TIMESTAMP.test(value)) return false
  // `Date.parse` rolls a day past the month's end over; a real date does not.
  const time = Date.parse(value)
  return (
    !Number.isNaN(time) &&
    new Date(time).toISOString().slice(0, -5) === value.slice(0, -8)
  )
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
