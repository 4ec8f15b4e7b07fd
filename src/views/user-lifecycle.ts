import { ApiError } from '../errors/api-error.ts'
import type { ViewContext } from '../http/view.ts'
import { formatTimestamp } from '../model/clock.ts'
import { key } from '../model/database.ts'
import { generateKey } from '../model/keys.ts'
import type { ProfileRecord, UserRecord } from '../model/schemas.ts'
import { validateUserWrite } from '../validation/validate-user.ts'
import { nextId } from './next-id.ts'

/**
 * Validates a create body and stores the new user with its profile. The
 * profile is made as the server's `post_save` signal makes it: owned by the
 * user, `full/none/none`, revision 1, then any sent profile data applied.
 *
 * @example
 * const { user } = await createUser(context, { username: 'jane', password: 'x' })
 */
export async function createUser(
  context: ViewContext,
  body: unknown,
): Promise<{ user: UserRecord; echoUsername?: string }> {
  const { db } = context.state
  // The draft only serves the checks; the clock is read once the body is
  // valid, so a refused create leaves no trace, not even a used moment.
  const draft = defaultProfile(context, 0, '')
  const result = validateUserWrite(body, {
    db,
    instance: context.instance,
    dialect: context.state.dialect,
    user: null,
    profile: draft,
    caller: context.auth.user,
    partial: false,
  })
  if (!result.ok) throw ApiError.fields(result.errors)

  const now = formatTimestamp(context.state.now())
  const user = await db.users.insert({
    instance: context.instance.name,
    id: nextId(context.instance, 'users'),
    username: result.changes.username as string,
    password: result.changes.password as string,
    user_key: generateKey(context.state.faker, 'even'),
  })
  await db.profiles.insert({
    ...defaultProfile(context, user.id, now),
    ...result.changes.profile,
    revision: 1,
  })
  return { user, echoUsername: result.changes.echoUsername }
}

/**
 * Deletes a user with what hangs on it: its memberships and its profile.
 * The user's key stops working at once; its id is never handed out again.
 */
export function deleteUser(context: ViewContext, user: UserRecord): void {
  const { db } = context.state
  const owner = key(user.instance, user.id)

  for (const membership of [...db.memberships.list('byUser', owner)]) {
    db.memberships.remove(membership)
  }
  const profile = db.profiles.find('byOwner', owner)
  if (profile) db.profiles.remove(profile)
  db.users.remove(user)
}

function defaultProfile(
  context: ViewContext,
  owner: number,
  now: string,
): ProfileRecord {
  return {
    instance: context.instance.name,
    id: owner === 0 ? 0 : nextId(context.instance, 'objects'),
    owner,
    created_at: now,
    updated_at: now,
    revision: 1,
    owner_permissions: 'full',
    group: null,
    group_permissions: 'none',
    other_permissions: 'none',
    channel: null,
    channel_room: null,
    data: Object.fromEntries(
      context.instance.profile_schema.map((field) => [field.name, null]),
    ),
  }
}
