import { ApiError } from '../errors/api-error.ts'
import { paginate } from '../http/paginate.ts'
import {
  adminHasPermissions,
  and,
  apiKeyHasPermissions,
  hasCreateUserPermission,
  hasUser,
  isApiKeyAccess,
  isApiKeyIgnoringAcl,
  or,
  USER_PERMISSIONS,
} from '../http/permissions.ts'
import { json, noContent } from '../http/responses.ts'
import type { View, ViewContext } from '../http/view.ts'
import { generateKey } from '../model/keys.ts'
import { serializeUser } from '../serializers/serialize-user.ts'
import { validateUserWrite } from '../validation/validate-user.ts'
import { createUser, deleteUser } from './user-lifecycle.ts'
import { getUser, profileOf, saveUser, visibleUsers } from './view-helpers.ts'

/** `UserViewSet.permission_classes`. */
const userPermission = or(
  adminHasPermissions(USER_PERMISSIONS),
  and(
    isApiKeyAccess,
    or(
      isApiKeyIgnoringAcl,
      and(hasUser, apiKeyHasPermissions(USER_PERMISSIONS)),
      hasCreateUserPermission,
    ),
  ),
)

/** `users/`: list and create. */
export const userList: View = {
  detail: false,
  permission: userPermission,
  methods: {
    GET: (context) => {
      const page = paginate(visibleUsers(context), (user) => user.id, {
        path: context.url.pathname,
        query: context.url.searchParams,
      })
      return json(200, {
        ...page,
        objects: page.objects.map((user) =>
          serializeUser(user, context.serialize),
        ),
      })
    },
    POST: async (context) => {
      const { user, echoUsername } = await createUser(context, context.data())
      return json(
        201,
        serializeUser(user, context.serialize, { username: echoUsername }),
      )
    },
  },
}

/** `users/<id>/`: read, replace, update and delete one user. */
export const userDetail: View = {
  detail: true,
  permission: userPermission,
  methods: {
    GET: (context) =>
      json(200, serializeUser(getUser(context), context.serialize)),
    PUT: (context) => updateUser(context, getUser(context), false),
    PATCH: (context) => updateUser(context, getUser(context), true),
    DELETE: (context) => {
      deleteUser(context, getUser(context))
      return noContent()
    },
  },
}

/** `users/<id>/reset_key/`: a new `user_key`; the old one dies at once. */
export const userResetKey: View = {
  detail: true,
  permission: userPermission,
  methods: {
    POST: (context) => {
      const user = getUser(context)
      context.state.db.users.update(user, {
        user_key: generateKey(context.state.faker, 'even'),
      })
      return json(200, serializeUser(user, context.serialize))
    },
  },
}

/**
 * Validates and applies a PUT (`partial` false) or PATCH to a user, and
 * answers with the user as saved, its username in the submitted case.
 */
export function updateUser(
  context: ViewContext,
  user: Parameters<typeof serializeUser>[0],
  partial: boolean,
): Response {
  const result = validateUserWrite(context.data(), {
    db: context.state.db,
    instance: context.instance,
    dialect: context.state.dialect,
    user,
    profile: profileOf(context, user),
    caller: context.auth.user,
    partial,
  })
  if (!result.ok) throw ApiError.fields(result.errors)

  saveUser(context, user, result.changes)
  return json(
    200,
    serializeUser(user, context.serialize, {
      username: result.changes.echoUsername,
    }),
  )
}
