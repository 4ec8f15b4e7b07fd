import type { GroupRecord, UserRecord } from '../model/schemas.ts'
import type {
  GroupBody,
  GroupMembershipBody,
  UserBody,
  UserMembershipBody,
} from '../types.ts'
import { pickFields, type SerializeContext } from './serialize-context.ts'
import { serializeGroup } from './serialize-group.ts'
import { serializeUser } from './serialize-user.ts'

/**
 * A membership seen from the user, `users/<user_id>/groups/<group_id>/`
 * (`UserMembershipSerializer`): the group in full and a link to itself.
 *
 * The server writes the nested group after `fields` / `excluded_fields`
 * have been applied, so the group is always there, moved last when the
 * filter drops it, and itself filtered by the same lists.
 *
 * @example
 * serializeUserMembership(user, group, context)
 * // { group: { id: 1, label: 'main_group', ... }, links: { self: '…/users/1/groups/1/' } }
 */
export function serializeUserMembership(
  user: UserRecord,
  group: GroupRecord,
  context: SerializeContext,
): Partial<UserMembershipBody> {
  const self = `${context.linkPrefix}/users/${user.id}/groups/${group.id}/`
  const picked = pickFields({ group: {}, links: { self } }, context.fields)

  return { ...picked, group: serializeGroup(group, context) as GroupBody }
}

/**
 * A membership seen from the group, `groups/<group_id>/users/<user_id>/`
 * (`GroupMembershipSerializer`): the member in full, `user_key` included,
 * and a link to itself. The nested user is written as the nested group of
 * `serializeUserMembership` is.
 *
 * @example
 * serializeGroupMembership(user, group, context)
 * // { user: { id: 1, username: 'jane', ... }, links: { self: '…/groups/1/users/1/' } }
 */
export function serializeGroupMembership(
  user: UserRecord,
  group: GroupRecord,
  context: SerializeContext,
): Partial<GroupMembershipBody> {
  const self = `${context.linkPrefix}/groups/${group.id}/users/${user.id}/`
  const picked = pickFields({ user: {}, links: { self } }, context.fields)

  return { ...picked, user: serializeUser(user, context) as UserBody }
}
