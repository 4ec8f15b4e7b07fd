import { ApiError } from '../errors/api-error.ts'
import { allowHeader } from '../http/allow-header.ts'
import { authenticate, type Auth } from '../http/authenticate.ts'
import { isPreflight } from '../http/cors.ts'
import { decodePath } from '../http/decode-path.ts'
import type { ReceivedRequest } from '../http/receive-request.ts'
import { negotiate } from '../http/negotiate.ts'
import { matchRoute, type RouteMatch } from '../http/routes.ts'
import type { View } from '../http/view.ts'
import { key } from '../model/database.ts'
import type { InstanceRecord } from '../model/schemas.ts'
import type { MockState } from '../mock-state.ts'
import { views } from '../views/views.ts'
import { checkStanding } from './check-standing.ts'

/**
 * Answers a request with the billing 403 or the throttling 429 when a switch
 * is on and the request gets past every check the server makes before them
 * (instance, nested parent, `Accept`, keys, permissions, a readable body).
 * Otherwise answers `null` and the handlers take the request.
 *
 * Limitation: the mock's request pipeline has no step for these switches
 * yet, so this gate re-reads the request ahead of it with the pipeline's own
 * parts; a request the gate lets through is answered as if both were off.
 * It judges permissions by the HTTP method, not by a `text/plain` body's
 * `_method`.
 *
 * @example
 * const answer = await standingGate(state, await receiveRequest(request))
 */
export async function standingGate(
  state: MockState,
  { request, url, body }: ReceivedRequest,
): Promise<ApiError | null> {
  const { billing, rateLimit } = state.switches
  if ((!billing && !rateLimit) || isPreflight(request)) return null

  const route = matchRoute(decodePath(url.pathname))
  const view = route ? views[route.view] : undefined
  if (!route || !view) return null
  if (!body.ok) return null

  await state.ready
  return state.exclusive(async () =>
    gate(state, { request, url, route, view, data: body.data }),
  )
}

interface GateInput {
  request: Request
  url: URL
  route: RouteMatch
  view: View
  data: unknown
}

function gate(state: MockState, input: GateInput): ApiError | null {
  const instance = state.db.instances.find(
    'byName',
    input.route.instance.toLowerCase(),
  )
  if (!instance || !hasParent(state, instance, input)) return null
  if (!negotiates(state, input)) return null

  const auth = authenticateOrNull(state, instance, input)
  if (!auth) return null

  try {
    // `user/` checks the owner's standing before its other permissions.
    if (input.view.billingFirst && state.switches.billing) {
      checkStanding(state, instance.name)
    }
    if (!permitted(auth, input)) return null
    checkStanding(state, instance.name)
    return null
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    // DRF sends the view's `Allow` with every answer, these two included.
    const allow = allowHeader(input.view)
    return new ApiError(error.status, error.body, { ...error.headers, allow })
  }
}

function authenticateOrNull(
  state: MockState,
  instance: InstanceRecord,
  input: GateInput,
): Auth | null {
  try {
    return authenticate(state.db, instance, {
      headers: input.request.headers,
      query: input.url.searchParams,
      data: () => input.data,
    })
  } catch {
    // An unknown key is refused by the handlers, before any switch.
    return null
  }
}

function permitted(auth: Auth, input: GateInput): boolean {
  const method = input.request.method
  return input.view.permission({
    auth,
    method: method === 'HEAD' ? 'GET' : method,
    detail: input.view.detail,
    parentUserId: numberOrUndefined(input.route.params.user),
  })
}

function hasParent(
  state: MockState,
  instance: InstanceRecord,
  input: GateInput,
): boolean {
  const { parent } = input.view
  if (!parent) return true

  const id = input.route.params[parent]
  const table = parent === 'user' ? state.db.users : state.db.groups
  return (
    id !== undefined && table.find('byId', key(instance.name, id)) !== undefined
  )
}

/** Whether the request passes content negotiation, as the handlers see it. */
function negotiates(state: MockState, input: GateInput): boolean {
  try {
    negotiate(input.request, input.url.searchParams, state.dialect)
    return true
  } catch {
    return false
  }
}

function numberOrUndefined(written: string | undefined): number | undefined {
  return written !== undefined && /^\d+$/.test(written)
    ? Number(written)
    : undefined
}
