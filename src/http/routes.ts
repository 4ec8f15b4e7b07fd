import type { ApiVersion } from '../glossary.ts'

/** The names of the users-area views, one per URL pattern. */
export type ViewName =
  | 'userList'
  | 'userDetail'
  | 'userResetKey'
  | 'userGroupList'
  | 'userGroupDetail'
  | 'groupList'
  | 'groupDetail'
  | 'groupUserList'
  | 'groupUserDetail'
  | 'account'
  | 'login'
  | 'socialLogin'
  | 'profileList'
  | 'profileDetail'

/** A URL matched to a view. */
export interface RouteMatch {
  version: ApiVersion
  /** The instance name as written in the URL, not yet looked up. */
  instance: string
  view: ViewName
  params: Record<string, string>
}

/**
 * The server's URL patterns below `instances/<name>/`, each ending in a
 * slash: with `APPEND_SLASH = False`, a path without it matches nothing.
 * `:x` is a detail id (`[^/.]+`, DRF's default lookup), `*x` any segment.
 */
const PATTERNS: ReadonlyArray<[string, ViewName]> = [
  ['users', 'userList'],
  ['users/:id', 'userDetail'],
  ['users/:id/reset_key', 'userResetKey'],
  ['users/:user/groups', 'userGroupList'],
  ['users/:user/groups/:id', 'userGroupDetail'],
  ['groups', 'groupList'],
  ['groups/:id', 'groupDetail'],
  ['groups/:group/users', 'groupUserList'],
  ['groups/:group/users/:id', 'groupUserDetail'],
  ['user', 'account'],
  ['user/auth', 'login'],
  ['user/auth/*backend', 'socialLogin'],
  ['classes/user_profile/objects', 'profileList'],
  ['classes/user_profile/objects/:id', 'profileDetail'],
]

const COMPILED = PATTERNS.map(([pattern, view]) => ({
  segments: pattern.split('/'),
  view,
}))

const PREFIX = /^\/(v1|v1\.1)\/instances\/([^/]+)\/(.*)$/
const DETAIL_ID = /^[^/.]+$/

/**
 * Finds the view for a decoded path, or `null` where the real server's URL
 * configuration has no match (answered with Django's HTML 404).
 *
 * @example
 * matchRoute('/v1.1/instances/my-instance/users/1/')
 * // { version: 'v1.1', instance: 'my-instance', view: 'userDetail', params: { id: '1' } }
 */
export function matchRoute(path: string): RouteMatch | null {
  const prefix = PREFIX.exec(path)
  if (!prefix) return null

  const [, version, instance, rest] = prefix as unknown as [
    string,
    ApiVersion,
    string,
    string,
  ]
  if (!rest.endsWith('/')) return null

  const segments = rest.slice(0, -1).split('/')
  for (const route of COMPILED) {
    const params = matchSegments(route.segments, segments)
    if (params) return { version, instance, view: route.view, params }
  }

  return null
}

function matchSegments(
  pattern: ReadonlyArray<string>,
  segments: ReadonlyArray<string>,
): Record<string, string> | null {
  if (pattern.length !== segments.length) return null

  const params: Record<string, string> = {}
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] as string
    if (segment === '') return null

    if (part.startsWith(':') && DETAIL_ID.test(segment)) {
      params[part.slice(1)] = segment
    } else if (part.startsWith('*')) {
      params[part.slice(1)] = segment
    } else if (part !== segment) {
      return null
    }
  }

  return params
}
