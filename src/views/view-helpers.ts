import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import { key } from '../model/database.ts'
import type { ProfileRecord, UserRecord } from '../model/schemas.ts'
import { findById } from '../http/run-view.ts'
import type { ViewContext } from '../http/view.ts'
import { formatTimestamp } from '../model/clock.ts'
import { autocompletePrefix } from '../utils/autocomplete-prefix.ts'
import type { UserChanges } from '../validation/validate-user.ts'

/** The 404 of a detail object that is missing or filtered out. */
export function notFound(context: ViewContext): ApiError {
  return ApiError.detail(404, messages.notFound(context.state.dialect))
}

/**
 * The users a request may see: with an instance API key and a user key,
 * only the caller (`UserViewSet.get_queryset`); the `username__startswith`
 * filter narrows lists and detail lookups alike.
 */
export function visibleUsers(context: ViewContext): ReadonlyArray<UserRecord> {
  const { auth, state, instance } = context
  const all =
    auth.apiKey && auth.user
      ? [auth.user]
      : state.db.users.list('byInstance', instance.name)

  const prefix = autocompletePrefix(
    context.url.searchParams,
    'username__startswith',
  )
  return prefix ? all.filter((user) => user.username.startsWith(prefix)) : all
}

/** The user a detail URL names, if the request may see it; else a 404. */
export function getUser(context: ViewContext): UserRecord {
  const { auth, state, instance } = context
  const user = findById(context.params.id, (id) =>
    state.db.users.find('byId', key(instance.name, id)),
  )
  if (!user) throw notFound(context)
  if (auth.apiKey && auth.user && auth.user !== user) throw notFound(context)

  const prefix = autocompletePrefix(
    context.url.searchParams,
    'username__startswith',
  )
  if (prefix && !user.username.startsWith(prefix)) throw notFound(context)
  return user
}

/** The profile of a user; every user has exactly one. */
export function profileOf(
  context: ViewContext,
  user: UserRecord,
): ProfileRecord {
  const profile = context.state.db.profiles.find(
    'byOwner',
    key(user.instance, user.id),
  )
  if (!profile) throw new Error(`User ${user.id} has no profile.`)
  return profile
}

/**
 * Stores validated user changes. The profile is touched only when its data
 * really changes, as `TrackChangesAbstractModel.save` skips a no-op save.
 */
export function saveUser(
  context: ViewContext,
  user: UserRecord,
  changes: UserChanges,
): void {
  const { db } = context.state
  const { username, password } = changes
  db.users.update(user, {
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
  })

  if (changes.profile)
    saveProfile(context, profileOf(context, user), changes.profile)
}

/** Applies profile changes; `revision` moves only with custom data. */
export function saveProfile(
  context: ViewContext,
  profile: ProfileRecord,
  changes: Partial<ProfileRecord>,
): void {
  const changed = Object.entries(changes).filter(
    ([name, value]) =>
      JSON.stringify(profile[name as keyof ProfileRecord]) !==
      JSON.stringify(value),
  )
  if (changed.length === 0) return

  const dataChanged = changed.some(([name]) => name === 'data')
  context.state.db.profiles.update(profile, {
    ...changes,
    updated_at: formatTimestamp(context.state.now()),
    revision: dataChanged ? profile.revision + 1 : profile.revision,
  })
}
