import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import type { ViewContext } from '../http/view.ts'
import { key } from '../model/database.ts'
import type { GroupRecord, UserRecord } from '../model/schemas.ts'
import { pythonTypeName } from '../validation/python-str.ts'
import { primaryKeyField } from '../validation/primary-key-field.ts'
import { nextId } from './next-id.ts'

/** `USER_GROUP_MAX_COUNT` in the server's settings. */
const USER_GROUP_MAX_COUNT = 32

/** Who joins what: one side comes from the URL, the other from the body. */
type MembershipSide =
  { user: UserRecord; field: 'group' } | { group: GroupRecord; field: 'user' }

/**
 * Validates a membership create and stores it, in the server's order: the
 * body's `group` (or `user`) field as a `PrimaryKeyRelatedField`, then
 * `MembershipSerializer.validate` (a duplicate), then
 * `MembershipViewSet.perform_create` (more than 32 groups for the user).
 *
 * @example
 * const { user, group } = await addMembership(context, {
 *   user: context.parentUser,
 *   field: 'group',
 * })
 */
export async function addMembership(
  context: ViewContext,
  side: MembershipSide,
): Promise<{ user: UserRecord; group: GroupRecord }> {
  const other = readOther(context, side.field)
  const user = 'user' in side ? side.user : (other as UserRecord)
  const group = 'group' in side ? side.group : (other as GroupRecord)
  const { db } = context.state

  if (db.memberships.find('byPair', key(user.instance, user.id, group.id))) {
    throw ApiError.detail(400, messages.membershipExists)
  }
  const count = db.memberships.list(
    'byUser',
    key(user.instance, user.id),
  ).length
  if (count >= USER_GROUP_MAX_COUNT) {
    throw ApiError.detail(400, messages.groupCountExceeded)
  }

  await db.memberships.insert({
    instance: context.instance.name,
    id: nextId(context.instance, 'memberships'),
    user: user.id,
    group: group.id,
  })
  return { user, group }
}

/** The body's one field, as DRF 3.7.7 validates a required relation. */
function readOther(
  context: ViewContext,
  field: 'user' | 'group',
): UserRecord | GroupRecord {
  const body = context.data()
  if (body === null) throw nonField(messages.noData)
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw nonField(messages.expectedDictionary(pythonTypeName(body)))
  }

  const data = body as Record<string, unknown>
  if (!(field in data)) throw ApiError.fields({ [field]: [messages.required] })
  // `RelatedField.run_validation` turns '' into None.
  const value = data[field] === '' ? null : data[field]
  if (value === null) throw ApiError.fields({ [field]: [messages.null] })

  const result = primaryKeyField(value, (id) => findRecord(context, field, id))
  if (!result.ok) throw ApiError.fields({ [field]: result.errors })
  return findRecord(context, field, result.value) as UserRecord | GroupRecord
}

function findRecord(
  context: ViewContext,
  field: 'user' | 'group',
  id: number,
): UserRecord | GroupRecord | undefined {
  const { db } = context.state
  const at = key(context.instance.name, id)
  return field === 'user'
    ? db.users.find('byId', at)
    : db.groups.find('byId', at)
}

function nonField(message: string): ApiError {
  return ApiError.fields({ non_field_errors: [message] })
}
