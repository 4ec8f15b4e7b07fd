import type { Role } from '../model/schemas.ts'
import type { Auth } from './authenticate.ts'

/** What a request asks to do, in the server's `ModelPermissions` terms. */
export type ApiPermission = 'create' | 'read' | 'update' | 'delete'

/** What a permission check looks at. */
export interface PermissionContext {
  auth: Auth
  method: string
  /** Whether the URL names one object (a detail route) or a list. */
  detail: boolean
  /** The user named by a nested `users/<user_id>/...` URL. */
  parentUserId?: number
}

/** One of the server's permission classes, as a predicate. */
export type Permission = (context: PermissionContext) => boolean

/** A model's `PERMISSION_CONFIG`: what API keys and admin roles may do. */
interface PermissionConfig {
  apiKey: ReadonlySet<ApiPermission>
  admin: { write: ReadonlySet<ApiPermission>; read: ReadonlySet<ApiPermission> }
}

const FULL = new Set<ApiPermission>(['create', 'read', 'update', 'delete'])
const READ = new Set<ApiPermission>(['read'])

/** `User.PERMISSION_CONFIG`: API keys may read and update. */
export const USER_PERMISSIONS: PermissionConfig = {
  apiKey: new Set(['read', 'update']),
  admin: { write: FULL, read: READ },
}

/** `Group.PERMISSION_CONFIG` and `Membership.PERMISSION_CONFIG`. */
export const GROUP_PERMISSIONS: PermissionConfig = {
  apiKey: READ,
  admin: { write: FULL, read: READ },
}

/**
 * The permission a method needs (`perms_map` in `apps/core/permissions.py`).
 * The server calls a request a list call only when its viewset action is
 * `list` or `create`, so a method a list route does not map (PUT, PATCH or
 * DELETE on `users/`) has no action and needs what it needs on a detail.
 */
export function requiredPermission(
  method: string,
  detail: boolean,
): ApiPermission {
  if (method === 'POST') return detail ? 'update' : 'create'
  if (method === 'PUT' || method === 'PATCH') return 'update'
  if (method === 'DELETE') return 'delete'
  return 'read'
}

/** rest_condition's `Or`. */
export const or =
  (...checks: Array<Permission>): Permission =>
  (context) =>
    checks.some((check) => check(context))

/** rest_condition's `And`. */
export const and =
  (...checks: Array<Permission>): Permission =>
  (context) =>
    checks.every((check) => check(context))

/** `AdminHasPermissions`: an account key whose role grants the action. */
export const adminHasPermissions =
  (config: PermissionConfig): Permission =>
  ({ auth, method, detail }) => {
    if (!auth.admin || !auth.role) return false
    return roleGrants(auth.role, config).has(requiredPermission(method, detail))
  }

/** `ApiKeyHasPermissions`: an instance API key whose model config grants it. */
export const apiKeyHasPermissions =
  (config: PermissionConfig): Permission =>
  ({ auth, method, detail }) =>
    auth.apiKey !== null &&
    config.apiKey.has(requiredPermission(method, detail))

/** `IsApiKeyAccess`. */
export const isApiKeyAccess: Permission = ({ auth }) => auth.apiKey !== null

/** `IsApiKeyIgnoringAcl`. */
export const isApiKeyIgnoringAcl: Permission = ({ auth }) =>
  auth.apiKey?.ignore_acl === true

/** `HasUser`: a valid user key came with the instance API key. */
export const hasUser: Permission = ({ auth }) => auth.user !== null

/** `HasCreateUserPermission`: a POST to the list with `allow_user_create`. */
export const hasCreateUserPermission: Permission = ({ auth, method, detail }) =>
  !detail && method === 'POST' && auth.apiKey?.allow_user_create === true

/** `HasCreateGroupPermission`: a POST to the list with `allow_group_create`. */
export const hasCreateGroupPermission: Permission = ({
  auth,
  method,
  detail,
}) => !detail && method === 'POST' && auth.apiKey?.allow_group_create === true

/** `IsMembershipForCurrentUser`: the URL's user is the caller. */
export const isMembershipForCurrentUser: Permission = ({
  auth,
  parentUserId,
}) => auth.user !== null && auth.user.id === parentUserId

/** Any authenticated caller: an admin or an instance API key. */
export const isAuthenticatedOrApiKey: Permission = ({ auth }) =>
  auth.admin !== null || auth.apiKey !== null

/**
 * The permissions a role falls back to: a role with no entry of its own
 * takes the next weaker one's (`AdminHasPermissions`).
 */
function roleGrants(
  role: Role,
  config: PermissionConfig,
): ReadonlySet<ApiPermission> {
  return role === 'read' ? config.admin.read : config.admin.write
}
