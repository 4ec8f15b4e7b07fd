import { key } from '../model/database.ts'
import type { GroupRecord, UserRecord } from '../model/schemas.ts'
import type { UserBody } from '../types.ts'
import { pickFields, type SerializeContext } from './serialize-context.ts'
import { serializeGroup } from './serialize-group.ts'
import { serializeProfile } from './serialize-profile.ts'

/**
 * A user as every v1/v1.1 view shows it (`UserFullSerializer`): always with
 * its `user_key`, never with its password.
 *
 * `username` lets a write echo the name as it was sent: the server stores it
 * lowercased but serializes the instance it just saved, so POST, PUT and
 * PATCH answer in the submitted case and later reads in lowercase.
 *
 * @example
 * serializeUser(user, context)
 * serializeUser(user, context, { username: 'Jane' })
 */
export function serializeUser(
  user: UserRecord,
  context: SerializeContext,
  echo: { username?: string } = {},
): Partial<UserBody> {
  const base = `${context.linkPrefix}/users/${user.id}/`
  const profile = context.db.profiles.find(
    'byOwner',
    key(user.instance, user.id),
  )
  const profilePath = profile
    ? `${context.linkPrefix}/classes/user_profile/objects/${profile.id}/`
    : ''
  const body = {
    id: user.id,
    username: echo.username ?? user.username,
    profile: profile ? serializeProfile(profile, context) : null,
    groups: groupsOf(user, context).map((group) =>
      serializeGroup(group, context),
    ),
    user_key: user.user_key,
    links: {
      self: base,
      groups: `${base}groups/`,
      'reset-key': `${base}reset_key/`,
      profile: profilePath,
    },
  }

  return pickFields(body as UserBody, context.fields)
}

/** The user's live groups, ordered by id. */
export function groupsOf(
  user: UserRecord,
  context: Pick<SerializeContext, 'db'>,
): Array<GroupRecord> {
  const { db } = context
  const groups: Array<GroupRecord> = []

  for (const membership of db.memberships.list(
    'byUser',
    key(user.instance, user.id),
  )) {
    const group = db.groups.find('byId', key(user.instance, membership.group))
    if (group) groups.push(group)
  }

  return groups.sort((a, b) => a.id - b.id)
}
