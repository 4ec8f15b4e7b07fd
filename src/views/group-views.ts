import { ApiError } from '../errors/api-error.ts'
import { paginate } from '../http/paginate.ts'
import {
  adminHasPermissions,
  and,
  apiKeyHasPermissions,
  GROUP_PERMISSIONS,
  hasCreateGroupPermission,
  isApiKeyAccess,
  or,
} from '../http/permissions.ts'
import { json, noContent } from '../http/responses.ts'
import { findById } from '../http/run-view.ts'
import type { View, ViewContext } from '../http/view.ts'
import { key } from '../model/database.ts'
import type { GroupRecord } from '../model/schemas.ts'
import { serializeGroup } from '../serializers/serialize-group.ts'
import { autocompletePrefix } from '../utils/autocomplete-prefix.ts'
import { validateGroupWrite } from '../validation/validate-group.ts'
import { nextId } from './next-id.ts'
import { notFound } from './view-helpers.ts'

/**
 * `GroupViewSet.permission_classes`: any instance API key may read groups;
 * only an admin of write role or above, or a key with `allow_group_create`
 * for a create, may write. `ignore_acl` does not help.
 */
const groupPermission = or(
  adminHasPermissions(GROUP_PERMISSIONS),
  and(
    isApiKeyAccess,
    or(apiKeyHasPermissions(GROUP_PERMISSIONS), hasCreateGroupPermission),
  ),
)

/**
 * `groups/`: list and create groups.
 *
 * @example
 * await fetch('/v1.1/instances/my-instance/groups/?label__startswith=main', {
 *   headers: { 'X-API-KEY': apiKey },
 * })
 */
export const groupList: View = {
  detail: false,
  permission: groupPermission,
  methods: {
    GET: (context) => {
      const page = paginate(visibleGroups(context), (group) => group.id, {
        path: context.url.pathname,
        query: context.url.searchParams,
      })
      return json(200, {
        ...page,
        objects: page.objects.map((group) =>
          serializeGroup(group, context.serialize),
        ),
      })
    },
    POST: async (context) => {
      const changes = validate(context, null, false)
      const group = await context.state.db.groups.insert({
        instance: context.instance.name,
        id: nextId(context.instance, 'groups'),
        name: null,
        label: '',
        description: '',
        ...changes,
      })
      return json(201, serializeGroup(group, context.serialize))
    },
  },
}

/**
 * `groups/<id>/`: read, replace, update and delete one group. Deleting a
 * group ends its memberships, so it leaves every user's `groups`.
 *
 * @example
 * await fetch('/v1.1/instances/my-instance/groups/1/', {
 *   method: 'PATCH',
 *   headers: { 'X-API-KEY': accountKey, 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ label: 'Editors' }),
 * })
 */
export const groupDetail: View = {
  detail: true,
  permission: groupPermission,
  methods: {
    GET: (context) =>
      json(200, serializeGroup(getGroup(context), context.serialize)),
    PUT: (context) => updateGroup(context, false),
    PATCH: (context) => updateGroup(context, true),
    DELETE: (context) => {
      deleteGroup(context, getGroup(context))
      return noContent()
    },
  },
}

/** The instance's groups by id, narrowed by `label__startswith`. */
function visibleGroups(context: ViewContext): ReadonlyArray<GroupRecord> {
  const all = context.state.db.groups.list('byInstance', context.instance.name)
  const prefix = autocompletePrefix(
    context.url.searchParams,
    'label__startswith',
  )
  // The grouped index keeps each instance's groups in id order already.
  return prefix ? all.filter((group) => group.label.startsWith(prefix)) : all
}

/**
 * The group a detail URL names. The `label__startswith` filter applies to
 * detail lookups too (`filter_queryset` in `get_object`).
 */
function getGroup(context: ViewContext): GroupRecord {
  const { state, instance } = context
  const group = findById(context.params.id, (id) =>
    state.db.groups.find('byId', key(instance.name, id)),
  )
  if (!group) throw notFound(context)

  const prefix = autocompletePrefix(
    context.url.searchParams,
    'label__startswith',
  )
  if (prefix && !group.label.startsWith(prefix)) throw notFound(context)
  return group
}

function updateGroup(context: ViewContext, partial: boolean): Response {
  const group = getGroup(context)
  const changes = validate(context, group, partial)

  context.state.db.groups.update(group, changes)
  return json(200, serializeGroup(group, context.serialize))
}

function validate(
  context: ViewContext,
  group: GroupRecord | null,
  partial: boolean,
) {
  const result = validateGroupWrite(context.data(), {
    db: context.state.db,
    instance: context.instance,
    group,
    partial,
  })
  if (!result.ok) throw ApiError.fields(result.errors)
  return result.changes
}

/**
 * Removes a group with its memberships. The server deletes softly and
 * cleans memberships up later; the mock does both at once, so the group
 * leaves every user's `groups` and its name is free again.
 *
 * Limitation: a profile whose `group` field names the deleted group keeps
 * naming it; the server sets it to null once its background cleanup
 * hard-deletes the group.
 */
function deleteGroup(context: ViewContext, group: GroupRecord): void {
  const { db } = context.state
  const members = db.memberships.list('byGroup', key(group.instance, group.id))

  for (const membership of [...members]) db.memberships.remove(membership)
  db.groups.remove(group)
}
