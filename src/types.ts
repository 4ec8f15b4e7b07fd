/**
 * The response bodies of the mocked API, as app code receives them. Each
 * matches what the handlers return, which the type tests check.
 */

/** A profile permission level. */
export type PermissionLevelBody = 'none' | 'read' | 'write' | 'full'

/** A custom profile field value of a typed kind. */
export type TypedValueBody =
  | { type: 'datetime'; value: string }
  | { type: 'reference'; target: string; value: number }
  | { type: 'file'; value: string }

/** The `user_profile` data object of a user. */
export interface ProfileBody {
  id: number
  created_at: string
  updated_at: string
  revision: number
  owner: number
  owner_permissions: PermissionLevelBody
  group: number | null
  group_permissions: PermissionLevelBody
  other_permissions: PermissionLevelBody
  channel: string | null
  channel_room: string | null
  links: { self: string; owner: string; group?: string; channel?: string }
  /** Custom fields of the instance's profile schema. */
  [field: string]: unknown
}

/** A group. `name` is shown by the `server` dialect only. */
export interface GroupBody {
  id: number
  name?: string | null
  label: string
  description: string
  links: { self: string; users: string }
}

/** A user, always with its `user_key`. */
export interface UserBody {
  id: number
  username: string
  profile: ProfileBody
  groups: Array<GroupBody>
  user_key: string
  links: {
    self: string
    groups: string
    'reset-key': string
    profile: string
  }
}

/** A membership seen from the user: `users/<id>/groups/<group_id>/`. */
export interface UserMembershipBody {
  group: GroupBody
  links: { self: string }
}

/** A membership seen from the group: `groups/<id>/users/<user_id>/`. */
export interface GroupMembershipBody {
  user: UserBody
  links: { self: string }
}

/** A page of a list. */
export interface ListBody<T> {
  next: string | null
  prev: string | null
  objects: Array<T>
}

/** Most errors: `{"detail": "..."}`. */
export interface DetailErrorBody {
  detail: string
}

/** Validation errors: messages by field, nested for `profile`. */
export type FieldErrorsBody = {
  [field: string]: Array<string> | FieldErrorsBody
}

/** Any error body the mocked API answers with JSON. */
export type ErrorBody = DetailErrorBody | FieldErrorsBody

/** What `POST user/auth/` and social login answer: the logged-in user. */
export type LoginBody = UserBody
