import { paginate } from '../http/paginate.ts'
import {
  adminHasPermissions,
  and,
  apiKeyHasPermissions,
  GROUP_PERMISSIONS,
  hasUser,
  isMembershipForCurrentUser,
  or,
} from '../http/permissions.ts'
import { json, noContent } from '../http/responses.ts'
import { findById } from '../http/run-view.ts'
import type { View, ViewContext } from '../http/view.ts'
import { key } from '../model/database.ts'
import type {
  GroupRecord,
  MembershipRecord,
  UserRecord,
} from '../model/schemas.ts'
import {
  serializeGroupMembership,
  serializeUserMembership,
} from '../serializers/serialize-membership.ts'
import { addMembership } from './add-membership.ts'
import { notFound } from './view-helpers.ts'

/**
 * `UserMembershipViewSet.permission_classes`: an admin, or an instance API
 * key with the user key of the URL's user, for reads only.
 */
const userMembershipPermission = or(
  adminHasPermissions(GROUP_PERMISSIONS),
  and(apiKeyHasPermissions(GROUP_PERMISSIONS), isMembershipForCurrentUser),
)

/**
 * `GroupMembershipViewSet.permission_classes`: an admin, or an instance API
 * key with any valid user key, for reads only.
 */
const groupMembershipPermission = or(
  adminHasPermissions(GROUP_PERMISSIONS),
  and(apiKeyHasPermissions(GROUP_PERMISSIONS), hasUser),
)

/**
 * `users/<user_id>/groups/`: the user's memberships, and joining a group
 * with `{"group": <id>}` (account keys only).
 *
 * @example
 * await fetch('/v1.1/instances/my-instance/users/1/groups/', {
 *   method: 'POST',
 *   headers: { 'X-API-KEY': accountKey, 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ group: 2 }),
 * })
 */
export const userGroupList: View = {
  detail: false,
  parent: 'user',
  permission: userMembershipPermission,
  methods: {
    GET: (context) => {
      const user = parentUser(context)
      const memberships = context.state.db.memberships.list(
        'byUser',
        key(user.instance, user.id),
      )
      return listOf(context, memberships, (membership) =>
        serializeUserMembership(
          user,
          groupOf(context, membership),
          context.serialize,
        ),
      )
    },
    POST: async (context) => {
      const added = await addMembership(context, {
        user: parentUser(context),
        field: 'group',
      })
      return json(
        201,
        serializeUserMembership(added.user, added.group, context.serialize),
      )
    },
  },
}

/**
 * `users/<user_id>/groups/<group_id>/`: one membership of the user; DELETE
 * leaves the group (account keys only).
 *
 * @example
 * await fetch('/v1.1/instances/my-instance/users/1/groups/2/', {
 *   headers: { 'X-API-KEY': apiKey, 'X-USER-KEY': userKey },
 * })
 */
export const userGroupDetail: View = {
  detail: true,
  parent: 'user',
  permission: userMembershipPermission,
  methods: {
    GET: (context) => {
      const user = parentUser(context)
      const membership = findMembership(context, user.id, context.params.id)
      const group = groupOf(context, membership)
      return json(200, serializeUserMembership(user, group, context.serialize))
    },
    DELETE: (context) => {
      const user = parentUser(context)
      removeMembership(
        context,
        findMembership(context, user.id, context.params.id),
      )
      return noContent()
    },
  },
}

/**
 * `groups/<group_id>/users/`: the group's members, each with its
 * `user_key`, and adding one with `{"user": <id>}` (account keys only). A
 * user key sees only its own membership.
 *
 * @example
 * await fetch('/v1.1/instances/my-instance/groups/2/users/', {
 *   headers: { 'X-API-KEY': accountKey },
 * })
 */
export const groupUserList: View = {
  detail: false,
  parent: 'group',
  permission: groupMembershipPermission,
  methods: {
    GET: (context) => {
      const group = parentGroup(context)
      const memberships = context.state.db.memberships
        .list('byGroup', key(group.instance, group.id))
        .filter((membership) => isVisible(context, membership))
      return listOf(context, memberships, (membership) =>
        serializeGroupMembership(
          userOf(context, membership),
          group,
          context.serialize,
        ),
      )
    },
    POST: async (context) => {
      const added = await addMembership(context, {
        group: parentGroup(context),
        field: 'user',
      })
      return json(
        201,
        serializeGroupMembership(added.user, added.group, context.serialize),
      )
    },
  },
}

/**
 * `groups/<group_id>/users/<user_id>/`: one member of the group; DELETE
 * removes it from the group (account keys only).
 *
 * @example
 * await fetch('/v1.1/instances/my-instance/groups/2/users/1/', {
 *   method: 'DELETE',
 *   headers: { 'X-API-KEY': accountKey },
 * })
 */
export const groupUserDetail: View = {
  detail: true,
  parent: 'group',
  permission: groupMembershipPermission,
  methods: {
    GET: (context) => {
      const group = parentGroup(context)
      const membership = findMember(context, group)
      const user = userOf(context, membership)
      return json(200, serializeGroupMembership(user, group, context.serialize))
    },
    DELETE: (context) => {
      removeMembership(context, findMember(context, parentGroup(context)))
      return noContent()
    },
  },
}

/**
 * A page of memberships, cut by the membership's own id as the server does.
 * The `byUser` and `byGroup` indexes keep them in that order already.
 */
function listOf(
  context: ViewContext,
  memberships: ReadonlyArray<MembershipRecord>,
  serialize: (membership: MembershipRecord) => unknown,
): Response {
  const page = paginate(memberships, (membership) => membership.id, {
    path: context.url.pathname,
    query: context.url.searchParams,
  })
  return json(200, { ...page, objects: page.objects.map(serialize) })
}

/**
 * With an instance API key, a group's members are narrowed to the caller
 * (`GroupMembershipViewSet.get_queryset`).
 */
function isVisible(
  context: ViewContext,
  membership: MembershipRecord,
): boolean {
  const { auth } = context
  return !auth.apiKey || membership.user === auth.user?.id
}

/** The membership of `users/<user_id>/groups/<group_id>/`, else a 404. */
function findMembership(
  context: ViewContext,
  userId: number,
  groupId: string | undefined,
): MembershipRecord {
  const membership = findById(groupId, (id) =>
    context.state.db.memberships.find(
      'byPair',
      key(context.instance.name, userId, id),
    ),
  )
  if (!membership) throw notFound(context)
  return membership
}

/** The membership of `groups/<group_id>/users/<user_id>/`, else a 404. */
function findMember(
  context: ViewContext,
  group: GroupRecord,
): MembershipRecord {
  const membership = findById(context.params.id, (id) =>
    context.state.db.memberships.find(
      'byPair',
      key(context.instance.name, id, group.id),
    ),
  )
  if (!membership || !isVisible(context, membership)) throw notFound(context)
  return membership
}

function removeMembership(
  context: ViewContext,
  membership: MembershipRecord,
): void {
  context.state.db.memberships.remove(membership)
}

function parentUser(context: ViewContext): UserRecord {
  if (!context.parentUser)
    throw new Error('A nested view ran without its user.')
  return context.parentUser
}

function parentGroup(context: ViewContext): GroupRecord {
  if (!context.parentGroup)
    throw new Error('A nested view ran without its group.')
  return context.parentGroup
}

function groupOf(
  context: ViewContext,
  membership: MembershipRecord,
): GroupRecord {
  const group = context.state.db.groups.find(
    'byId',
    key(membership.instance, membership.group),
  )
  if (!group) throw new Error(`Membership ${membership.id} has no group.`)
  return group
}

function userOf(
  context: ViewContext,
  membership: MembershipRecord,
): UserRecord {
  const user = context.state.db.users.find(
    'byId',
    key(membership.instance, membership.user),
  )
  if (!user) throw new Error(`Membership ${membership.id} has no user.`)
  return user
}
