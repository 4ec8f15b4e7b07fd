import { messages } from '../errors/messages.ts'
import { key, type Database } from '../model/database.ts'
import {
  PERMISSION_LEVELS,
  type InstanceRecord,
  type PermissionLevel,
  type ProfileRecord,
  type UserRecord,
} from '../model/schemas.ts'
import type { FieldResult } from './char-field.ts'
import { primaryKeyField } from './primary-key-field.ts'
import { profileField } from './profile-field.ts'
import { pythonStr, pythonTypeName } from './python-str.ts'

/** The most characters a data object may take (`DATA_OBJECT_SIZE_MAX`). */
const DATA_OBJECT_SIZE_MAX = 32768

const PERMISSION_FIELDS = [
  'owner_permissions',
  'group_permissions',
  'other_permissions',
] as const

const PERMISSION_DEFAULTS = {
  owner_permissions: 'full',
  group_permissions: 'none',
  other_permissions: 'none',
} as const

/** What a profile write is checked against. */
export interface ProfileInput {
  db: Database
  instance: InstanceRecord
  profile: ProfileRecord
  /** The user whose key came with the request, if any. */
  caller: UserRecord | null
  /** PATCH checks only the keys sent; PUT resets omitted permissions. */
  partial: boolean
  /**
   * Whether number fields take `{"_increment": n}`: only on the profile's
   * own URL, where the serializer holds the stored object. Nested in a user
   * write it has none, so an operation there is an invalid number.
   */
  operations?: boolean
}

/** The changes a valid profile write makes, or the errors of a bad one. */
export type ProfileResult =
  | { ok: true; changes: Partial<ProfileRecord> }
  | { ok: false; errors: Record<string, unknown> }

/**
 * Validates the `profile` of a user write as the server's
 * `UserProfileSerializer` does (`apps/data/v1/serializers.py`), and works out
 * the changes to store: `revision` moves only when custom data changes,
 * `updated_at` on any change, and nothing at all when nothing changes.
 *
 * @example
 * validateProfile({ nickname: 'J' }, { db, instance, profile, caller: null, partial: true })
 */
export function validateProfile(
  value: unknown,
  input: ProfileInput,
): ProfileResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return nonFieldError(messages.expectedDictionary(pythonTypeName(value)))
  }

  const data = value as Record<string, unknown>
  const errors: Record<string, Array<string>> = {}
  const next: Partial<ProfileRecord> = {}

  for (const [name, check] of fieldChecks(input)) {
    const submitted = data[name]
    if (submitted === undefined) continue

    const result = check(submitted)
    if (result.ok) Object.assign(next, { [name]: result.value })
    else errors[name] = result.errors
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return finish(next, data, input)
}

function finish(
  next: Partial<ProfileRecord>,
  data: Record<string, unknown>,
  input: ProfileInput,
): ProfileResult {
  const { profile, instance } = input
  const custom = { ...profile.data }

  for (const field of instance.profile_schema) {
    if (field.name in next) custom[field.name] = next[field.name as never]
  }
  if (objectSize(custom) > DATA_OBJECT_SIZE_MAX) {
    return nonFieldError(messages.objectTooBig)
  }

  const permissions = input.partial ? {} : PERMISSION_DEFAULTS
  const changes: Partial<ProfileRecord> = { ...permissions, data: custom }
  for (const name of [...PERMISSION_FIELDS, 'group', 'channel'] as const) {
    if (name in next) Object.assign(changes, { [name]: next[name] })
  }
  // The server forces `channel_room` back to null on every write to a
  // profile whose channel does not keep separate rooms; no mocked one does.
  if ('channel_room' in data) changes.channel_room = null

  return { ok: true, changes }
}

type Check = (value: unknown) => FieldResult<unknown>

function fieldChecks(input: ProfileInput): Array<[string, Check]> {
  const permission: Check = (value) => permissionField(value)
  return [
    ['owner_permissions', permission],
    ['group', (value) => groupField(value, input)],
    ['group_permissions', permission],
    ['other_permissions', permission],
    ['channel', channelField],
    ...input.instance.profile_schema.map((field): [string, Check] => [
      field.name,
      (value) =>
        profileField(
          field,
          value,
          input.operations
            ? { value: input.profile.data[field.name] ?? null }
            : undefined,
        ),
    ]),
  ]
}

/** `DisplayedChoiceField`: a level by name, or by its number 0 to 3. */
function permissionField(value: unknown): FieldResult<PermissionLevel> {
  if (value === null) return { ok: false, errors: [messages.null] }

  const byName = PERMISSION_LEVELS.find((level) => level === value)
  if (byName) return { ok: true, value: byName }

  const number =
    typeof value === 'number' || typeof value === 'string' ? String(value) : ''
  const byNumber = /^[0-3]$/.test(number)
    ? PERMISSION_LEVELS[Number(number)]
    : undefined
  if (byNumber) return { ok: true, value: byNumber }

  return { ok: false, errors: [messages.invalidChoice(pythonStr(value))] }
}

/**
 * DRF's `RelatedField.run_validation` reads an empty string as null, so
 * `"group": ""` and `"channel": ""` clear the field.
 */
function isNullRelation(value: unknown): boolean {
  return value === null || value === ''
}

function groupField(
  value: unknown,
  input: ProfileInput,
): FieldResult<number | null> {
  if (isNullRelation(value)) return { ok: true, value: null }

  const result = primaryKeyField(value, (id) =>
    input.db.groups.find('byId', key(input.instance.name, id)),
  )
  if (!result.ok || !input.caller) return result

  // With a user key, the group must be one of the caller's own.
  const member = input.db.memberships.find(
    'byPair',
    key(input.instance.name, input.caller.id, result.value),
  )
  return member ? result : { ok: false, errors: [messages.invalidGroup] }
}

/** No channel exists in the mock, so only null is a valid channel. */
function channelField(value: unknown): FieldResult<null> {
  if (isNullRelation(value)) return { ok: true, value: null }
  return { ok: false, errors: [messages.noSuchName(pythonStr(value))] }
}

/** The server's size estimate of a data object (`DataObject.clean`). */
function objectSize(data: Record<string, unknown>): number {
  let size = 6 * Object.keys(data).length + 103

  for (const [name, value] of Object.entries(data)) {
    size += name.length
    if (value) size += new TextEncoder().encode(pythonStr(value)).length
  }

  return size
}

function nonFieldError(message: string): ProfileResult {
  return { ok: false, errors: { non_field_errors: [message] } }
}
