import { messages } from '../errors/messages.ts'
import type { Dialect } from '../glossary.ts'
import { key, type Database } from '../model/database.ts'
import type {
  InstanceRecord,
  ProfileRecord,
  UserRecord,
} from '../model/schemas.ts'
import { charField, lengthMessageOf } from './char-field.ts'
import { pythonTypeName } from './python-str.ts'
import { validateProfile } from './validate-profile.ts'

/** What a user write is checked against. */
export interface UserWriteInput {
  db: Database
  instance: InstanceRecord
  dialect: Dialect
  /** The user being changed; null for a create. */
  user: UserRecord | null
  /** That user's profile (a fresh default one for a create). */
  profile: ProfileRecord
  /** The user whose key came with the request, if any. */
  caller: UserRecord | null
  /** PATCH: only the keys sent are checked. */
  partial: boolean
}

/** A valid user write: what to store and how to echo it. */
export interface UserChanges {
  username?: string
  password?: string
  /** The username as sent (trimmed), which the answer echoes. */
  echoUsername?: string
  profile?: Partial<ProfileRecord>
}

export type UserWriteResult =
  | { ok: true; changes: UserChanges }
  | { ok: false; errors: Record<string, unknown> }

/**
 * Validates the body of a user create, PUT or PATCH as the server's
 * `UserFullSerializer` does (`apps/users/v1/serializers.py`). Errors are
 * collected for every field, in the serializer's field order; unknown and
 * read-only keys are ignored.
 *
 * @example
 * validateUserWrite({ username: 'Jane' }, input)
 * // { ok: true, changes: { username: 'jane', echoUsername: 'Jane' } }
 */
export function validateUserWrite(
  body: unknown,
  input: UserWriteInput,
): UserWriteResult {
  if (body === null) return nonField(messages.noData)
  if (typeof body !== 'object' || Array.isArray(body)) {
    return nonField(messages.expectedDictionary(pythonTypeName(body)))
  }

  const data = body as Record<string, unknown>
  const errors: Record<string, unknown> = {}
  const changes: UserChanges = {}

  checkUsername(data, input, changes, errors)
  checkPassword(data, input, changes, errors)
  checkProfile(data, input, changes, errors)

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, changes }
}

function checkUsername(
  data: Record<string, unknown>,
  input: UserWriteInput,
  changes: UserChanges,
  errors: Record<string, unknown>,
): void {
  if (!('username' in data)) {
    if (!input.partial) errors.username = [messages.required]
    return
  }

  const result = charField(data.username, {
    maxLength: 64,
    lengthMessage: lengthMessageOf(input.dialect),
  })
  if (!result.ok) {
    errors.username = result.errors
    return
  }

  // Usernames are stored lowercased, so uniqueness ignores case.
  const username = (result.value as string).toLowerCase()
  const holder = input.db.users.find(
    'byUsername',
    key(input.instance.name, username),
  )
  if (holder && holder !== input.user) {
    errors.username = [messages.unique]
    return
  }

  changes.username = username
  changes.echoUsername = result.value as string
}

function checkPassword(
  data: Record<string, unknown>,
  input: UserWriteInput,
  changes: UserChanges,
  errors: Record<string, unknown>,
): void {
  if (!('password' in data)) {
    if (!input.partial) errors.password = [messages.required]
    return
  }

  const result = charField(data.password, {
    maxLength: 128,
    lengthMessage: lengthMessageOf(input.dialect),
  })
  if (result.ok) changes.password = result.value as string
  else errors.password = result.errors
}

function checkProfile(
  data: Record<string, unknown>,
  input: UserWriteInput,
  changes: UserChanges,
  errors: Record<string, unknown>,
): void {
  if (!('profile' in data)) return
  if (data.profile === null) {
    errors.profile = [messages.null]
    return
  }

  const result = validateProfile(data.profile, input)
  if (!result.ok) {
    errors.profile = result.errors
    return
  }

  // The nested serializer always adds `_klass` (and, on PUT, the permission
  // defaults), so even `"profile": {}` reaches `_update_profile`: a PUT with
  // it resets the permissions, a PATCH with it saves nothing.
  changes.profile = result.changes
}

function nonField(message: string): UserWriteResult {
  return { ok: false, errors: { non_field_errors: [message] } }
}
