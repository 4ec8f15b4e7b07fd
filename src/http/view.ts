import type { ApiVersion } from '../glossary.ts'
import type {
  GroupRecord,
  InstanceRecord,
  UserRecord,
} from '../model/schemas.ts'
import type { MockState } from '../mock-state.ts'
import type { SerializeContext } from '../serializers/serialize-context.ts'
import type { Auth } from './authenticate.ts'
import type { Permission } from './permissions.ts'

/** Everything a view's method handler knows about the request. */
export interface ViewContext {
  state: MockState
  request: Request
  url: URL
  /**
   * The method the view is dispatched with: a `text/plain` body's `_method`
   * once authentication has read the body, else the request's own.
   */
  method: string
  version: ApiVersion
  instance: InstanceRecord
  params: Record<string, string>
  /** The user of a nested `users/<user_id>/...` URL. */
  parentUser: UserRecord | null
  /** The group of a nested `groups/<group_id>/...` URL. */
  parentGroup: GroupRecord | null
  auth: Auth
  /** The parsed body; throws its parse error (400 or 415) when it has one. */
  data: () => unknown
  serialize: SerializeContext
}

/** A method handler: answers with a response or throws an `ApiError`. */
export type MethodHandler = (
  context: ViewContext,
) => Response | Promise<Response>

/**
 * One of the server's views: the methods it maps, the permission classes it
 * checks first, and whether its URL names one object.
 */
export interface View {
  /** The methods DRF would list in `Allow` (HEAD and OPTIONS are added). */
  methods: Partial<Record<string, MethodHandler>>
  permission: Permission
  /** A detail route names one object; the permission needed depends on it. */
  detail: boolean
  /** A nested route looks up its parent before authentication. */
  parent?: 'user' | 'group'
  /** `user/` checks permissions in the reverse order (billing first). */
  billingFirst?: boolean
}
