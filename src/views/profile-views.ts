import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import { paginate } from '../http/paginate.ts'
import {
  adminHasPermissions,
  type ApiPermission,
  type Permission,
} from '../http/permissions.ts'
import { json } from '../http/responses.ts'
import { findById } from '../http/run-view.ts'
import type { View, ViewContext } from '../http/view.ts'
import { key } from '../model/database.ts'
import {
  PERMISSION_LEVELS,
  type PermissionLevel,
  type ProfileRecord,
  type UserRecord,
} from '../model/schemas.ts'
import { serializeProfile } from '../serializers/serialize-profile.ts'
import { primaryKeyField } from '../validation/primary-key-field.ts'
import { validateProfile } from '../validation/validate-profile.ts'
import { queryParam } from '../utils/query-param.ts'
import { notFound, saveProfile } from './view-helpers.ts'

/**
 * `DataObject.PERMISSION_CONFIG`: admins of the write role or above may do
 * anything, read-role admins may read. It has no `api_key` entry: what an
 * instance API key may do is decided by its flags and the user key alone.
 */
const DATA_OBJECT_PERMISSIONS = {
  apiKey: new Set<ApiPermission>(),
  admin: {
    write: new Set<ApiPermission>(['create', 'read', 'update', 'delete']),
    read: new Set<ApiPermission>(['read']),
  },
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const READ = PERMISSION_LEVELS.indexOf('read')
const WRITE = PERMISSION_LEVELS.indexOf('write')

const PERMISSION_FIELDS = [
  'owner_permissions',
  'group_permissions',
  'other_permissions',
] as const

/**
 * `ObjectViewSet.permission_classes` (`apps/data/v1/views.py`) for the
 * `user_profile` class, before any object is looked up:
 *
 * - `ProtectUserProfileDataObject` refuses a create, whoever asks: a profile
 *   is made with its user only, so POST on the list is a 403, not a 405.
 * - `AdminHasPermissions` with `DataObject.PERMISSION_CONFIG`.
 * - An instance API key passes with `ignore_acl`; with
 *   `allow_anonymous_read` for safe methods (`HasKlassReadPermission` holds,
 *   as the class lets others read); or with a user key, whose rights on the
 *   profile itself are checked once it is found.
 *
 * The class's own permissions are the ones the server creates it with
 * (`group` and `other` at `create_objects`), so every class-level read check
 * passes. Billing (`OwnerInGoodStanding`) comes first, as on `user/`.
 */
const profilePermission: Permission = (context) => {
  if (!context.detail && context.method === 'POST') return false
  if (adminHasPermissions(DATA_OBJECT_PERMISSIONS)(context)) return true

  const { apiKey, user } = context.auth
  if (!apiKey) return false
  if (apiKey.ignore_acl) return true
  if (apiKey.allow_anonymous_read && SAFE_METHODS.has(context.method)) {
    return true
  }
  return user !== null
}

/**
 * `classes/user_profile/objects/`: the profiles the request may read, with
 * the server's cursor pagination (`OrderedPagination`), in id order.
 *
 * `order_by` takes `id` or `-id`; the other fields answer the server's 400s.
 *
 * `include_count` adds `objects_count`, the number of profiles the request
 * may see, after the page.
 *
 * Limitation: `order_by=created_at` and `updated_at` (or with `-`) order by
 * id here, and their links carry no `last_value`; the server orders by the
 * date. The `query` filter parameter is not read. Past 1000 profiles the
 * server's `objects_count` is the planner's estimate; here it stays exact.
 *
 * @example
 * await fetch('/v1.1/instances/my-instance/classes/user_profile/objects/', {
 *   headers: { 'X-API-KEY': apiKey, 'X-USER-KEY': userKey },
 * })
 */
export const profileList: View = {
  detail: false,
  permission: profilePermission,
  billingFirst: true,
  methods: {
    GET: (context) => {
      const order = readOrderBy(context)
      const visible = visibleProfiles(context)
      const page = paginate(visible, (profile) => profile.id, {
        path: context.url.pathname,
        query: withOrdering(context.url.searchParams, order),
      })
      // The page parameters are read before `order_by`.
      if (order.error) throw ApiError.detail(400, order.error)

      return json(200, {
        next: orderLink(page.next, order),
        prev: orderLink(page.prev, order),
        objects: page.objects.map((profile) =>
          serializeProfile(profile, context.serialize),
        ),
        ...(includeCount(context) ? { objects_count: visible.length } : {}),
      })
    },
    // Never reached: the permission check refuses every create first. The
    // method is mapped on the server, so it is listed in `Allow`.
    POST: () => {
      throw ApiError.detail(403, messages.permissionDenied)
    },
  },
}

/**
 * `classes/user_profile/objects/<id>/`: one profile, which the owner, an
 * admin or an `ignore_acl` key may change. It cannot be deleted: DELETE is
 * a 403 once the profile is found (`ProtectUserProfileDataObject`).
 *
 * `channel` and `channel_room` are read-only here
 * (`DataObjectDetailSerializer`), and `owner` may be sent but not changed.
 *
 * @example
 * await fetch(user.links.profile, {
 *   method: 'PATCH',
 *   headers: { 'X-API-KEY': apiKey, 'X-USER-KEY': userKey },
 *   body: JSON.stringify({ nickname: 'Janie' }),
 * })
 */
export const profileDetail: View = {
  detail: true,
  permission: profilePermission,
  billingFirst: true,
  methods: {
    GET: (context) =>
      json(200, serializeProfile(getProfile(context), context.serialize)),
    PUT: (context) => updateProfile(context, false),
    PATCH: (context) => updateProfile(context, true),
    DELETE: (context) => {
      getProfile(context)
      throw ApiError.detail(403, messages.permissionDenied)
    },
  },
}

/**
 * `ObjectViewSet.get_queryset`: an admin or an `ignore_acl` key sees every
 * profile. Otherwise a profile shows when others may read it, or, with a
 * user key, when its owner may read it and the caller owns it, or when its
 * group may read it and the caller is in that group.
 */
function visibleProfiles(context: ViewContext): ReadonlyArray<ProfileRecord> {
  const { auth, state, instance } = context
  const all = state.db.profiles.list('byInstance', instance.name)
  if (!auth.apiKey || auth.apiKey.ignore_acl) return all

  return all.filter((profile) => isReadable(context, profile, auth.user))
}

function isReadable(
  context: ViewContext,
  profile: ProfileRecord,
  user: UserRecord | null,
): boolean {
  if (level(profile.other_permissions) >= READ) return true
  if (!user) return false
  if (profile.owner === user.id && level(profile.owner_permissions) >= READ) {
    return true
  }
  return (
    level(profile.group_permissions) >= READ && inGroup(context, user, profile)
  )
}

function getProfile(context: ViewContext): ProfileRecord {
  const { state, instance, auth } = context
  const profile = findById(context.params.id, (id) =>
    state.db.profiles.find('byId', key(instance.name, id)),
  )
  if (!profile) throw notFound(context)

  const visible =
    !auth.apiKey ||
    auth.apiKey.ignore_acl ||
    isReadable(context, profile, auth.user)
  if (!visible) throw notFound(context)
  return profile
}

/**
 * `HasDataObjectPermission.has_object_permission`: with a user key, the
 * caller's right on a profile is the best of its `other` permission, its
 * `owner` permission if the caller owns it, and its `group` permission if
 * the caller is in its group. Null when the check does not run (an admin,
 * an `ignore_acl` key).
 */
function callerPermission(
  context: ViewContext,
  profile: ProfileRecord,
): number | null {
  const { apiKey, user } = context.auth
  if (!apiKey || apiKey.ignore_acl || !user) return null

  let permission = level(profile.other_permissions)
  if (profile.owner === user.id) {
    permission = Math.max(permission, level(profile.owner_permissions))
  }
  const group = level(profile.group_permissions)
  if (group > permission && inGroup(context, user, profile)) permission = group
  return permission
}

function updateProfile(context: ViewContext, partial: boolean): Response {
  const profile = getProfile(context)
  const permission = callerPermission(context, profile)
  if (permission !== null && permission < WRITE) {
    throw ApiError.detail(403, messages.permissionDenied)
  }

  const changes = validateWrite(context, profile, partial)
  // `_validate_permission`: a user cannot grant more than it holds.
  if (permission !== null) clampPermissions(changes, permission)

  saveProfile(context, profile, changes)
  return json(200, serializeProfile(profile, context.serialize))
}

/**
 * `DataObjectDetailSerializer` for the `user_profile` class: the nested
 * profile rules of `validateProfile`, plus `owner` and `expected_revision`,
 * with errors in the serializer's field order.
 */
function validateWrite(
  context: ViewContext,
  profile: ProfileRecord,
  partial: boolean,
): Partial<ProfileRecord> {
  const body = context.data()
  if (body === null) {
    throw ApiError.fields({ non_field_errors: [messages.noData] })
  }

  const input = {
    db: context.state.db,
    instance: context.instance,
    profile,
    caller: context.auth.user,
    partial,
    operations: true,
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    const result = validateProfile(body, input)
    throw ApiError.fields(result.ok ? {} : result.errors)
  }

  const data = writableFields(body as Record<string, unknown>, profile)
  const result = validateProfile(data, input)
  const errors = {
    ...ownerErrors(context, profile, data),
    ...(result.ok ? {} : result.errors),
    ...expectedRevisionErrors(data),
  }
  if (Object.keys(errors).length > 0 || !result.ok) {
    throw ApiError.fields(errors)
  }

  checkRevision(data, profile)
  return result.changes
}

/**
 * Drops what this route does not let anyone write. `channel` and
 * `channel_room` are read-only on a detail route. Keeping the group the
 * profile already has is allowed even to a user outside it
 * (`validate_group` compares with the stored group first).
 */
function writableFields(
  body: Record<string, unknown>,
  profile: ProfileRecord,
): Record<string, unknown> {
  const { channel: _channel, channel_room: _room, ...data } = body
  const keepsGroup =
    profile.group !== null &&
    (typeof data.group === 'number' || typeof data.group === 'string') &&
    String(data.group).trim() === String(profile.group)
  if (keepsGroup) delete data.group
  return data
}

/**
 * `validate_owner`: the owner may be sent but must stay the same. With a
 * user key the message names a data object, otherwise the user profile.
 */
function ownerErrors(
  context: ViewContext,
  profile: ProfileRecord,
  data: Record<string, unknown>,
): Record<string, Array<string>> {
  if (!('owner' in data)) return {}

  // Relational fields read an empty string as null.
  const sent = data.owner === '' ? null : data.owner
  let owner: number | null = null
  if (sent !== null) {
    const result = primaryKeyField(sent, (id) =>
      context.state.db.users.find('byId', key(context.instance.name, id)),
    )
    if (!result.ok) return { owner: result.errors }
    owner = result.value
  }

  if (owner === profile.owner) return {}
  return context.auth.user
    ? { owner: [messages.cannotChangeObjectOwner] }
    : { owner: [messages.cannotChangeProfileOwner] }
}

/** `expected_revision`: an optional `IntegerField`. */
function expectedRevisionErrors(
  data: Record<string, unknown>,
): Record<string, Array<string>> {
  if (!('expected_revision' in data)) return {}

  const value = data.expected_revision
  if (value === null) return { expected_revision: [messages.null] }
  return integerOf(value) === null
    ? { expected_revision: [messages.validInteger] }
    : {}
}

/**
 * `ExpectedRevisionMixin.validate`: a revision other than the stored one is
 * a 400 whose message is a plain string, not a list. Zero checks nothing.
 */
function checkRevision(
  data: Record<string, unknown>,
  profile: ProfileRecord,
): void {
  const expected = integerOf(data.expected_revision)
  if (!expected || expected === profile.revision) return

  throw new ApiError(400, {
    expected_revision: messages.revisionMismatch(expected, profile.revision),
  })
}

/** DRF's `IntegerField`: `int()` of the text once a `.0` tail is cut. */
function integerOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null
  if (typeof value !== 'string') return null

  const text = value.replace(/\.0*\s*$/, '')
  return /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : null
}

function clampPermissions(
  changes: Partial<ProfileRecord>,
  permission: number,
): void {
  for (const name of PERMISSION_FIELDS) {
    const value = changes[name]
    if (value !== undefined && level(value) > permission) {
      changes[name] = PERMISSION_LEVELS[permission] as PermissionLevel
    }
  }
}

function inGroup(
  context: ViewContext,
  user: UserRecord,
  profile: ProfileRecord,
): boolean {
  if (profile.group === null) return false
  const membership = context.state.db.memberships.find(
    'byPair',
    key(context.instance.name, user.id, profile.group),
  )
  return membership !== undefined
}

function level(permission: PermissionLevel): number {
  return PERMISSION_LEVELS.indexOf(permission)
}

/** DRF's `BooleanField.TRUE_VALUES`, as `is_query_param_true` reads them. */
const TRUE_VALUES: ReadonlySet<string> = new Set(
  't T y Y yes YES true True TRUE on On ON 1'.split(' '),
)

function includeCount(context: ViewContext): boolean {
  const value = queryParam(context.url.searchParams, 'include_count')
  return value !== null && TRUE_VALUES.has(value)
}

/** What a list's `order_by` asks for (`OrderedPagination`). */
interface Order {
  /** The value as sent, which the links carry; null when not sent. */
  value: string | null
  ascending: boolean | null
  /** The 400 the value earns, once the page parameters are read. */
  error: string | null
}

/** `ObjectViewSet.order_fields`: the built-in fields a list may order by. */
const ORDER_FIELDS = new Set(['id', 'created_at', 'updated_at'])

/** Shown fields with a column of their own that `order_fields` leaves out. */
const UNORDERED_FIELDS = new Set([
  'revision',
  'owner',
  'owner_permissions',
  'group',
  'group_permissions',
  'other_permissions',
  'channel',
  'channel_room',
])

/**
 * `_process_ordered_pagination`: a custom schema field needs an order index,
 * which a fixtures file cannot declare.
 *
 * Limitation: the server's hidden model fields (such as `_data`) answer
 * `Cannot use specified order_by field.`; here they are unknown fields.
 */
function readOrderBy(context: ViewContext): Order {
  const value = queryParam(context.url.searchParams, 'order_by')
  if (value === null) return { value, ascending: null, error: null }

  const descending = value.startsWith('-')
  const field = descending ? value.slice(1) : value
  const order = { value, ascending: !descending, error: null }
  if (ORDER_FIELDS.has(field)) return order

  const custom = context.instance.profile_schema.some((f) => f.name === field)
  if (custom) return { ...order, error: messages.orderByNotIndexed }
  if (UNORDERED_FIELDS.has(field)) {
    return { ...order, error: messages.orderByNotAllowed }
  }
  return { ...order, error: messages.orderByIncorrect }
}

/** `order_by` decides the direction over `ordering` when it is sent. */
function withOrdering(query: URLSearchParams, order: Order): URLSearchParams {
  if (order.ascending === null) return query

  const ordered = new URLSearchParams(query)
  ordered.set('ordering', order.ascending ? 'asc' : 'desc')
  return ordered
}

/**
 * `OrderedPagination` carries `page_size` and `order_by` into its links,
 * not `ordering` (though it obeys `ordering`): the pair `paginate` writes
 * for `ordering` is dropped, or becomes the `order_by` sent.
 */
function orderLink(link: string | null, order: Order): string | null {
  if (link === null) return null
  if (order.value !== null) {
    return link.replace(/([?&])ordering=[^&]*/, `$1order_by=${order.value}`)
  }
  return link
    .replace(/&ordering=[^&]*/, '')
    .replace(/\?ordering=[^&]*&?/, '?')
    .replace(/\?$/, '')
}
