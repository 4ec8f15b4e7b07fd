import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import {
  hasUser,
  isAuthenticatedOrApiKey,
} from '../http/permissions.ts'
import { json } from '../http/responses.ts'
import type { View, ViewContext } from '../http/view.ts'
import { key } from '../model/database.ts'
import { serializeUser } from '../serializers/serialize-user.ts'
import { charField, lengthMessageOf } from '../validation/char-field.ts'
import { pythonTypeName } from '../validation/python-str.ts'
import { updateUser } from './user-views.ts'

/**
 * `user/`: the user whose key came with the request (`UserAccountView`).
 * It has no DELETE and no POST; those answer 405 once permissions pass.
 *
 * A `profile` sent here is applied as `users/<self>/` applies it; the real
 * server most likely fails on it (spec decision D5).
 */
export const account: View = {
  detail: true,
  permission: hasUser,
  billingFirst: true,
  methods: {
    GET: (context) => json(200, serializeUser(caller(context), context.serialize)),
    PUT: (context) => updateUser(context, caller(context), false),
    PATCH: (context) => updateUser(context, caller(context), true),
  },
}

/**
 * `user/auth/`: logs a user in by username and password with any API key
 * or account key, and answers 200 with the full user and its key.
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

function caller(context: ViewContext) {
  const user = context.auth.user
  if (!user) throw ApiError.detail(403, messages.permissionDenied)
  return user
}

/** `UserAuthSerializer`: both fields required, trimmed, length-checked. */
function readCredentials(context: ViewContext): { username: string; password: string } {
  const body = context.data()
  if (body === null) throw fieldsError({ non_field_errors: [messages.noData] })
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw fieldsError({
      non_field_errors: [messages.expectedDictionary(pythonTypeName(body))],
    })
  }

  const data = body as Record<string, unknown>
  const lengthMessage = lengthMessageOf(context.state.dialect)
  const errors: Record<string, Array<string>> = {}
  const values: Record<string, string> = {}

  for (const [name, maxLength] of [['username', 64], ['password', 128]] as const) {
    if (!(name in data)) {
      errors[name] = [messages.required]
      continue
    }
    const result = charField(data[name], { maxLength, lengthMessage })
    if (result.ok) values[name] = result.value as string
    else errors[name] = result.errors
  }

  if (Object.keys(errors).length > 0) throw fieldsError(errors)
  return { username: values.username as string, password: values.password as string }
}

function fieldsError(errors: Record<string, unknown>): ApiError {
  return ApiError.fields(errors)
}
