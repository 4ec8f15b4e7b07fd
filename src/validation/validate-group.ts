import { messages } from '../errors/messages.ts'
import { key, type Database } from '../model/database.ts'
import type { GroupRecord, InstanceRecord } from '../model/schemas.ts'
import { charField, type FieldResult } from './char-field.ts'
import { pythonTypeName } from './python-str.ts'

/** What a group write is checked against. */
export interface GroupWriteInput {
  db: Database
  instance: InstanceRecord
  /** The group being changed; null for a create. */
  group: GroupRecord | null
  /** PATCH: only the keys sent are checked. */
  partial: boolean
}

/** A valid group write: the fields to store. */
type GroupChanges = Partial<Pick<GroupRecord, 'name' | 'label' | 'description'>>

export type GroupWriteResult =
  | { ok: true; changes: GroupChanges }
  | { ok: false; errors: Record<string, Array<string>> }

/** The model's limits (`LabelDescriptionAbstractModel`). */
const TEXT_FIELDS = [
  ['label', 64],
  ['description', 256],
] as const

/** `StrippedSlugField(max_length=64)` on `Group.name`. */
const NAME_MAX_LENGTH = 64
const SLUG = /^[a-z0-9_-]*$/

/**
 * Validates the body of a group create, PUT or PATCH as the server's
 * `GroupSerializer` does (`apps/users/v1/serializers.py`). Errors are
 * collected for every field, in the order `name`, `label`, `description`;
 * unknown and read-only keys are ignored.
 *
 * A PUT without `name` sets it back to null (the field's declared default),
 * while a PUT without `label` or `description` leaves them as they are.
 *
 * @example
 * validateGroupWrite({ name: ' Admins ', label: 'Admins' }, input)
 * // { ok: true, changes: { name: 'admins', label: 'Admins' } }
 */
export function validateGroupWrite(
  body: unknown,
  input: GroupWriteInput,
): GroupWriteResult {
  if (body === null) return nonField(messages.noData)
  if (typeof body !== 'object' || Array.isArray(body)) {
    return nonField(messages.expectedDictionary(pythonTypeName(body)))
  }

  const data = body as Record<string, unknown>
  const errors: Record<string, Array<string>> = {}
  const changes: GroupChanges = {}

  checkName(data, input, changes, errors)
  for (const [field, maxLength] of TEXT_FIELDS) {
    if (!(field in data)) continue

    const result = charField(data[field], {
      maxLength,
      allowBlank: true,
      lengthMessage: 'drf',
    })
    if (result.ok) changes[field] = result.value as string
    else errors[field] = result.errors
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, changes }
}

/**
 * `name = LowercaseCharField(validators=[UniqueValidator, DjangoValidator()],
 * allow_null=True, default=None)`: the serializer field itself has no length
 * limit, so an over-long name gets the model validator's Django-style
 * message, and every validator's message is collected.
 */
function checkName(
  data: Record<string, unknown>,
  input: GroupWriteInput,
  changes: GroupChanges,
  errors: Record<string, Array<string>>,
): void {
  if (!('name' in data)) {
    if (!input.partial) changes.name = null
    return
  }

  const result = charField(data.name, {
    maxLength: Number.POSITIVE_INFINITY,
    allowNull: true,
    lengthMessage: 'drf',
  })
  if (!result.ok) {
    errors.name = result.errors
    return
  }

  const name = result.value === null ? null : result.value.toLowerCase()
  const problems = name === null ? [] : nameProblems(name, input)
  if (problems.length > 0) errors.name = problems
  else changes.name = name
}

/**
 * Validates a group name as `checkName` does, but for uniqueness: the rules
 * that fixtures and `mock.data` share with the API. The name comes back
 * trimmed and lowercase.
 *
 * @example
 * groupNameField('1abc-')
 * // { ok: false, errors: ['Value has to start with a letter.', ...] }
 */
export function groupNameField(value: unknown): FieldResult<string | null> {
  const result = charField(value, {
    maxLength: Number.POSITIVE_INFINITY,
    allowNull: true,
    lengthMessage: 'drf',
  })
  if (!result.ok || result.value === null) return result

  const name = result.value.toLowerCase()
  const problems = nameRuleProblems(name)
  return problems.length > 0
    ? { ok: false, errors: problems }
    : { ok: true, value: name }
}

/** `UniqueValidator` among live groups, then the model's own validators. */
function nameProblems(name: string, input: GroupWriteInput): Array<string> {
  const problems: Array<string> = []
  const holder = input.db.groups.find('byName', key(input.instance.name, name))
  if (holder && holder !== input.group) problems.push(messages.unique)
  return [...problems, ...nameRuleProblems(name)]
}

/** The model's validators on `Group.name`, every message collected. */
function nameRuleProblems(name: string): Array<string> {
  const problems: Array<string> = []
  if (!/^[a-z]/.test(name)) problems.push(messages.startWithLetter)
  if (!/[a-z0-9]$/.test(name)) problems.push(messages.endWithLetterOrNumber)
  // Python counts code points, not UTF-16 units.
  const length = [...name].length
  if (length > NAME_MAX_LENGTH) {
    problems.push(messages.djangoMaxLength(NAME_MAX_LENGTH, length))
  }
  if (!SLUG.test(name)) problems.push(messages.invalidSlug)
  return problems
}

function nonField(message: string): GroupWriteResult {
  return { ok: false, errors: { non_field_errors: [message] } }
}
