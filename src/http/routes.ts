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
 * The toolkit's route patterns check against this table too.
 */
export const ROUTE_PATTERNS: ReadonlyArray<readonly [string, ViewName]> = [
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

/**
 * The patterns as a tree of segments, so a path finds its view in one walk
 * down, a step per segment, instead of a try of every pattern.
 */
interface RouteNode {
  literals: Map<string, RouteNode>
  /** `:x`: a detail id. */
  param: RouteNode | null
  /** `*x`: any segment. */
  any: RouteNode | null
  /** The view of a path that ends here, and its params' names by position. */
  leaf: { view: ViewName; names: Array<string | null> } | null
}

const TREE = buildTree(ROUTE_PATTERNS)
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
  if (segments.includes('')) return null

  const leaf = walk(TREE, segments, 0)
  if (!leaf) return null

  const params: Record<string, string> = {}
  for (const [index, name] of leaf.names.entries()) {
    if (name !== null) params[name] = segments[index] as string
  }
  return { version, instance, view: leaf.view, params }
}

/**
 * The leaf a path's segments lead to: a fixed segment first, then a
 * detail id, then any segment, as no two patterns overlap.
 */
function walk(
  node: RouteNode,
  segments: ReadonlyArray<string>,
  depth: number,
): RouteNode['leaf'] {
  const segment = segments[depth]
  if (segment === undefined) return node.leaf

  const literal = node.literals.get(segment)
  const byLiteral = literal && walk(literal, segments, depth + 1)
  if (byLiteral) return byLiteral

  const byParam =
    node.param && DETAIL_ID.test(segment)
      ? walk(node.param, segments, depth + 1)
      : null
  if (byParam) return byParam

  return node.any && walk(node.any, segments, depth + 1)
}

function buildTree(
  patterns: ReadonlyArray<readonly [string, ViewName]>,
): RouteNode {
  const root = emptyNode()

  for (const [pattern, view] of patterns) {
    let node = root
    const names: Array<string | null> = []
    for (const part of pattern.split('/')) {
      node = childFor(node, part)
      names.push(/^[:*]/.test(part) ? part.slice(1) : null)
    }
    node.leaf = { view, names }
  }

  return root
}

function childFor(node: RouteNode, part: string): RouteNode {
  if (part.startsWith(':')) return (node.param ??= emptyNode())
  if (part.startsWith('*')) return (node.any ??= emptyNode())

  const child = node.literals.get(part) ?? emptyNode()
  node.literals.set(part, child)
  return child
}

function emptyNode(): RouteNode {
  return { literals: new Map(), param: null, any: null, leaf: null }
}
