import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import { key } from '../model/database.ts'
import type {
  GroupRecord,
  InstanceRecord,
  UserRecord,
} from '../model/schemas.ts'
import type { MockState } from '../mock-state.ts'
import { pythonInt } from '../utils/python-int.ts'
import { fieldFilterOf } from './field-filter.ts'
import { authenticate } from './authenticate.ts'
import { negotiate } from './negotiate.ts'
import type { RouteMatch } from './routes.ts'
import type { View, ViewContext } from './view.ts'

/** The request a view is run for. */
export interface ViewRequest {
  state: MockState
  request: Request
  url: URL
  route: RouteMatch
  /** The request's own method. */
  method: string
  /** The method a `text/plain` POST names in `_method`, if any. */
  tunnelledMethod?: string | null
  data: () => unknown
}

const INSTANCE_NAME = /^[a-z0-9-_]{0,64}$/

/**
 * Runs a view through the server's checks, in the server's order
 * (`AtomicMixin.dispatch`, `InstanceBasedMixin.initial`,
 * `NestedViewSetMixin.initial`, DRF `APIView.initial`): instance, nested
 * parent, content negotiation, authentication, permissions, then the
 * method. Each failed check throws the server's `ApiError`.
 *
 * @example
 * const response = await runView(views.userDetail, viewRequest)
 */
export async function runView(
  view: View,
  input: ViewRequest,
): Promise<Response> {
  const { state, route } = input
  const instance = findInstance(state, route.instance)
  const parents = findParents(state, view, instance, route.params)
  negotiate(input.request, input.url.searchParams, state.dialect)

  // `PreflightParser` applies `_method` when the body is first parsed. The
  // view is dispatched with the method of that moment, so `_method` counts
  // only when authentication had to read the body for a key.
  let bodyRead = false
  const auth = authenticate(state.db, instance, {
    headers: input.request.headers,
    query: input.url.searchParams,
    data: () => {
      bodyRead = true
      return input.data()
    },
  })
  const method = (bodyRead && input.tunnelledMethod) || input.method
  const context: ViewContext = {
    ...input,
    method,
    version: route.version,
    instance,
    params: route.params,
    ...parents,
    auth,
    serialize: {
      db: state.db,
      instance,
      dialect: state.dialect,
      linkPrefix: linkPrefix(state, route, instance),
      fields: method === 'GET' ? fieldFilterOf(input.url.searchParams) : null,
    },
  }

  return dispatch(view, context)
}

async function dispatch(view: View, context: ViewContext): Promise<Response> {
  const permitted = view.permission({
    auth: context.auth,
    method: context.method === 'HEAD' ? 'GET' : context.method,
    detail: view.detail,
    parentUserId: context.parentUser?.id,
  })
  if (!permitted) throw ApiError.detail(403, messages.permissionDenied)

  const handler = handlerFor(view, context.method)
  if (!handler) {
    throw ApiError.detail(405, messages.methodNotAllowed(context.method))
  }

  const response = await handler(context)
  if (context.method !== 'HEAD') return response
  return new Response(null, {
    status: response.status,
    headers: response.headers,
  })
}

function handlerFor(view: View, method: string) {
  if (method === 'HEAD') return view.methods.GET
  if (method === 'OPTIONS') return view.methods.OPTIONS ?? optionsHandler
  return view.methods[method]
}

/**
 * The metadata an OPTIONS request gets once permissions pass
 * (`apps/core/metadata.py`).
 *
 * Limitation: only `renders` and `parses` are written. The server also
 * sends the view's `name` (such as `User List`), an empty `description`
 * and, for callers that may POST or PUT, `actions` describing every
 * serializer field; no client of the users area reads them.
 */
function optionsHandler(): Response {
  return new Response(
    JSON.stringify({
      renders: ['application/json'],
      parses: [
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
      ],
    }),
    {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
  )
}

function findInstance(state: MockState, written: string): InstanceRecord {
  const name = written.toLowerCase()
  const instance = INSTANCE_NAME.test(name)
    ? state.db.instances.find('byName', name)
    : undefined

  if (!instance) throw ApiError.detail(404, messages.instanceNotFound)
  return instance
}

/**
 * A nested route looks up its parent before authentication, so a missing
 * parent is a 404 even without a key (`NestedViewSetMixin`).
 */
function findParents(
  state: MockState,
  view: View,
  instance: InstanceRecord,
  params: Record<string, string>,
): { parentUser: UserRecord | null; parentGroup: GroupRecord | null } {
  const none = { parentUser: null, parentGroup: null }
  if (view.parent === 'user') {
    const user = findById(params.user, (id) =>
      state.db.users.find('byId', key(instance.name, id)),
    )
    if (!user) throw ApiError.detail(404, messages.userNotFound)
    return { ...none, parentUser: user }
  }

  if (view.parent === 'group') {
    const group = findById(params.group, (id) =>
      state.db.groups.find('byId', key(instance.name, id)),
    )
    if (!group) throw ApiError.detail(404, messages.groupNotFound)
    return { ...none, parentGroup: group }
  }

  return none
}

/**
 * Looks a URL id up as Django does, through `int()`: a sign, surrounding
 * whitespace and underscores between digits are read, anything else that
 * is not an integer finds nothing.
 */
export function findById<T>(
  written: string | undefined,
  find: (id: number) => T | undefined,
): T | undefined {
  const id = written === undefined ? null : pythonInt(written)
  return id !== null && id > 0 && id <= 2147483647 ? find(id) : undefined
}

/**
 * Links start with the request's version (`NamespaceVersioning`), except in
 * the documentation dialect, whose page shows `/v1/` links on a v1.1 call.
 */
function linkPrefix(
  state: MockState,
  route: RouteMatch,
  instance: InstanceRecord,
): string {
  const version = state.dialect === 'docs' ? 'v1' : route.version
  return `/${version}/instances/${instance.name}`
}
