import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import { isAuthenticatedOrApiKey } from '../http/permissions.ts'
import { json } from '../http/responses.ts'
import type { View, ViewContext } from '../http/view.ts'
import { key } from '../model/database.ts'
import { generateKey } from '../model/keys.ts'
import type { SocialTokenRecord, UserRecord } from '../model/schemas.ts'
import { serializeUser } from '../serializers/serialize-user.ts'
import { charField } from '../validation/char-field.ts'
import { createUser } from './user-lifecycle.ts'

/** The backends of `BACKEND_TO_ME_URL` in `apps/core/social_helpers.py`. */
const BACKENDS: ReadonlySet<string> = new Set([
  'facebook',
  'google-oauth2',
  'github',
  'linkedin',
  'twitter',
])

/**
 * `user/auth/<backend>/` (`SocialAuthView`): logs a user in with an access
 * token of a social network, creating the user on first login, and answers
 * 200 with the full user and its key. Tokens are the fixtures'
 * `social_tokens`; no network is asked.
 *
 * A token finds its user by the token's `username` (the account the social
 * profile is linked to), then, as the server does, by a username equal to
 * the token's email. Failing both, the user is created with the email as its
 * username when the key may create users: an account key always may, an
 * instance API key only with `allow_user_create`.
 *
 * Limitation: the server links a social account to its user by the
 * network's id, so renaming the user keeps the link; here the link is the
 * token's `username`, and renaming that user unlinks it.
 * Limitation: the server makes up an email for LinkedIn and Twitter
 * accounts that have none; here a token without an email always gets
 * `Invalid social scope, missing email.`.
 *
 * @example
 * await fetch('/v1.1/instances/my-instance/user/auth/facebook/', {
 *   method: 'POST',
 *   headers: { 'X-API-KEY': apiKey, 'content-type': 'application/json' },
 *   body: JSON.stringify({ access_token: 'facebook-token-jane' }),
 * })
 */
export const socialLogin: View = {
  detail: false,
  permission: isAuthenticatedOrApiKey,
  methods: {
    POST: async (context) => {
      const token = findToken(context, readAccessToken(context))
      const { user, echoUsername } = await userOf(context, token)
      return json(
        200,
        serializeUser(user, context.serialize, { username: echoUsername }),
      )
    },
  },
}

/**
 * `SocialAuthSerializer`: a required `CharField`. Any fault in it is the
 * same 401 as a wrong token, and it is checked before the backend.
 */
function readAccessToken(context: ViewContext): string {
  const body = context.data()
  const data =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {}
  const result = charField(data.access_token, {
    maxLength: Number.POSITIVE_INFINITY,
    lengthMessage: 'drf',
  })
  if (!('access_token' in data) || !result.ok) throw invalidToken()
  return result.value as string
}

function findToken(
  context: ViewContext,
  accessToken: string,
): SocialTokenRecord {
  const backend = context.params.backend ?? ''
  if (!BACKENDS.has(backend)) {
    throw ApiError.detail(400, messages.unsupportedBackend)
  }
  // A Twitter token is `<token>:<secret>`; without the colon the server
  // gives up before asking Twitter.
  if (backend === 'twitter' && !accessToken.includes(':')) throw invalidToken()

  const token = context.state.db.socialTokens.find(
    'byToken',
    key(context.instance.name, backend, accessToken),
  )
  if (!token) throw invalidToken()
  return token
}

/**
 * `UserSocialHelper.create_or_retrieve_social_user`: the email is checked
 * first, even for an account that is already linked.
 */
async function userOf(
  context: ViewContext,
  token: SocialTokenRecord,
): Promise<{ user: UserRecord; echoUsername?: string }> {
  const { email } = token
  if (!email) throw ApiError.detail(400, messages.missingEmail)

  const found =
    findUser(context, token.username) ?? findUser(context, email.trim())
  if (found) return { user: found }

  const { apiKey } = context.auth
  const allowCreate = apiKey ? apiKey.allow_user_create : true
  if (!allowCreate) throw ApiError.detail(403, messages.cannotCreateUser)

  return createSocialUser(context, email)
}

function findUser(
  context: ViewContext,
  username: string,
): UserRecord | undefined {
  return context.state.db.users.find(
    'byUsername',
    key(context.instance.name, username.toLowerCase()),
  )
}

/**
 * `User(username=email).save()`: the profile comes from the usual
 * `post_save` signal. No password is ever set, so logging in by password
 * fails with `Invalid password.`.
 */
async function createSocialUser(
  context: ViewContext,
  email: string,
): Promise<{ user: UserRecord; echoUsername?: string }> {
  const created = await createUser(context, {
    username: email,
    password: generateKey(context.state.faker, 'even'),
  })
  context.state.db.users.update(created.user, { password: '' })
  return created
}

function invalidToken(): ApiError {
  return ApiError.detail(401, messages.invalidToken)
}
