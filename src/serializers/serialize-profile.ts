import type { ProfileField, ProfileRecord } from '../model/schemas.ts'
import type { ProfileBody } from '../types.ts'
import { pickFields, type SerializeContext } from './serialize-context.ts'

/**
 * A user's `user_profile` data object, in the field order of the server's C
 * serializer (`modules/serializer/python/serializer.c`): built-in fields,
 * then the custom schema fields, then `links`.
 *
 * @example
 * serializeProfile(profile, context).owner_permissions // 'full'
 */
export function serializeProfile(
  profile: ProfileRecord,
  context: SerializeContext,
): Partial<ProfileBody> {
  const body: ProfileBody = {
    id: profile.id,
    created_at: profile.created_at,
    updated_at: profile.updated_at,
    revision: profile.revision,
    owner: profile.owner,
    owner_permissions: profile.owner_permissions,
    group: profile.group,
    group_permissions: profile.group_permissions,
    other_permissions: profile.other_permissions,
    channel: profile.channel,
    channel_room: profile.channel_room,
    ...customValues(profile, context.instance.profile_schema),
    links: profileLinks(profile, context.linkPrefix),
  }

  return pickFields(body, context.fields)
}

function customValues(
  profile: ProfileRecord,
  schema: ReadonlyArray<ProfileField>,
): Record<string, unknown> {
  return Object.fromEntries(
    schema.map((field) => [
      field.name,
      wrapValue(field, profile.data[field.name] ?? null),
    ]),
  )
}

/** Typed kinds are shown wrapped, plain kinds as they are; unset is null. */
function wrapValue(field: ProfileField, value: unknown): unknown {
  if (value === null) return null

  switch (field.type) {
    case 'datetime':
    case 'file':
      return { type: field.type, value }
    case 'reference':
      return { type: 'reference', target: field.target ?? 'self', value }
    default:
      return value
  }
}

/** Links to a group or a channel appear only when the field is set. */
function profileLinks(
  profile: ProfileRecord,
  prefix: string,
): ProfileBody['links'] {
  return {
    self: `${prefix}/classes/user_profile/objects/${profile.id}/`,
    owner: `${prefix}/users/${profile.owner}/`,
    ...(profile.group !== null
      ? { group: `${prefix}/groups/${profile.group}/` }
      : {}),
    ...(profile.channel !== null
      ? { channel: `${prefix}/channels/${profile.channel}/` }
      : {}),
  }
}
