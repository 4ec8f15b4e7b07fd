import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import { hasUser, isAuthenticatedOrApiKey } from '../http/permissions.ts'
import { json } from '../http/responses.ts'
import type { View, ViewContext } from '../http/view.ts'
import { key } from '../model/database.ts'
import type { UserRecord } from '../model/schemas.ts'
import { serializeUser } from '../serializers/serialize-user.ts'
import { charField, lengthMessageOf } from '../validation/char-field.ts'
import { pythonTypeName } from '../validation/python-str.ts'
import { updateUser } from './user-views.ts'

/** The login fields of `UserAuthSerializer`, with their model lengths. */
const CREDENTIALS = [
  ['username', 64],
  ['password', 128],
] as const

/**
 * `user/`: the user whose key came with an instance API key
 * (`UserAccountView`, a `RetrieveUpdateAPIView`). Only `HasUser` is checked,
 * so any instance API key works with a user key, and an account key never
 * does. It has no DELETE and no POST; those answer 405 once permissions
 * pass. Billing is checked before the user (`OwnerInGoodStanding` first).
 *
 * A `profile` sent here is applied as `users/<self>/` applies it (spec
 * decision D5).
 *
 * Limitation: the real server most likely answers a `profile` sent here
 * with a 500, as `DataObjectSerializer` reads `view.klass`, which this view
 * never sets; the mock applies it instead.
 *
 * @example
 * await fetch('/v1.1/instances/my-instance/user/', {
 *   method: 'PATCH',
 *   headers: { 'X-API-KEY': apiKey, 'X-USER-KEY': userKey },
 *   body: JSON.stringify({ username: 'janet' }),
 * })
 */
export const account: View = {
  detail: true,
  permission: hasUser,
  billingFirst: true,
  methods: {
    GET: (context) =>
      json(200, serializeUser(caller(context), context.serialize)),
    PUT: (context) => updateUser(context, caller(context), false),
    PATCH: (context) => updateUser(context, caller(context), true),
  },
}

/**
 * `user/auth/` (`UserAuthView`): logs a user in by username and password
 * with any instance API key or account key, and answers 200 (not 201) with
 * the full user and its key. A user key sent along plays no part. The
 * username is matched in any case, as usernames are stored lowercased.
 *
 * @example
 * await fetch('/v1.1/instances/my-instance/user/auth/', {
 *   method: 'POST',
 *   headers: { 'X-API-KEY': apiKey, 'content-type': 'application/json' },
 *   body: JSON.stringify({ username: 'jane', password: 'secret' }),
 * })
 */
export const login: View = {
  detail: false,
  permission: isAuthenticatedOrApiKey,
  methods: {
    POST: (context) => {
      const { username, password } = readCredentials(context)
      const user = context.state.db.users.find(
        'byUsername',
        key(context.instance.name, username.toLowerCase()),
      )
      if (!user) throw ApiError.detail(401, messages.invalidUsername)
      if (user.password !== password) {
        throw ApiError.detail(401, messages.invalidPassword)
      }

      return json(200, serializeUser(user, context.serialize))
    },
  },
}

/** The caller; `HasUser` has made sure there is one. */
function caller(context: ViewContext): UserRecord {
  const user = context.auth.user
  if (!user) throw ApiError.detail(403, messages.permissionDenied)
  return user
}

/**
 * `UserAuthSerializer`: both fields required, trimmed and length-checked,
 * their errors collected together.
 */
function readCredentials(context: ViewContext): {
  username: string
  password: string
} {
  const data = readObject(context.data())
  const lengthMessage = lengthMessageOf(context.state.dialect)
  const errors: Record<string, Array<string>> = {}
  const values: Record<string, string> = {}

  for (const [name, maxLength] of CREDENTIALS) {
    const result =
      name in data
        ? charField(data[name], { maxLength, lengthMessage })
        : { ok: false as const, errors: [messages.required] }
    if (result.ok) values[name] = result.value as string
    else errors[name] = result.errors
  }

  if (Object.keys(errors).length > 0) throw ApiError.fields(errors)
  return {
    username: values.username as string,
    password: values.password as string,
  }
}

/** A body that is not a JSON object fails as a whole (`non_field_errors`). */
function readObject(body: unknown): Record<string, unknown> {
  if (body === null) {
    throw ApiError.fields({ non_field_errors: [messages.noData] })
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw ApiError.fields({
      non_field_errors: [messages.expectedDictionary(pythonTypeName(body))],
    })
  }
  return body as Record<string, unknown>
}
