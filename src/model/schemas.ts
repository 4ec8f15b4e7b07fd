import { z } from 'zod'

/**
 * The roles an admin can hold on an instance, strongest first, as in the
 * server's `Role.ROLE_HIERARCHY`.
 */
export const ROLES = ['owner', 'full', 'write', 'read'] as const

/** The values a profile permission field accepts and shows. */
export const PERMISSION_LEVELS = ['none', 'read', 'write', 'full'] as const

/** The types a custom `user_profile` schema field can have. */
export const PROFILE_FIELD_TYPES = [
  'string',
  'text',
  'integer',
  'float',
  'boolean',
  'datetime',
  'reference',
  'file',
] as const

export const profileFieldSchema = z.object({
  name: z.string(),
  type: z.enum(PROFILE_FIELD_TYPES),
  target: z.string().optional(),
})

export const instanceRecordSchema = z.object({
  name: z.string(),
  owner: z.string().nullable(),
  profile_schema: z.array(profileFieldSchema),
  /** Last id handed out per sequence: ids are never reused. */
  sequences: z.object({
    users: z.number().int(),
    groups: z.number().int(),
    objects: z.number().int(),
    memberships: z.number().int(),
    api_keys: z.number().int(),
  }),
})

export const adminRecordSchema = z.object({
  email: z.string(),
  account_key: z.string(),
  role: z.enum(ROLES),
})

export const apiKeyRecordSchema = z.object({
  instance: z.string(),
  id: z.number().int(),
  api_key: z.string(),
  description: z.string(),
  ignore_acl: z.boolean(),
  allow_user_create: z.boolean(),
  allow_group_create: z.boolean(),
  allow_anonymous_read: z.boolean(),
})

export const userRecordSchema = z.object({
  instance: z.string(),
  id: z.number().int(),
  username: z.string(),
  password: z.string(),
  user_key: z.string(),
})

export const profileRecordSchema = z.object({
  instance: z.string(),
  id: z.number().int(),
  owner: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  revision: z.number().int(),
  owner_permissions: z.enum(PERMISSION_LEVELS),
  group: z.number().int().nullable(),
  group_permissions: z.enum(PERMISSION_LEVELS),
  other_permissions: z.enum(PERMISSION_LEVELS),
  channel: z.string().nullable(),
  channel_room: z.string().nullable(),
  /** Values of the instance's custom profile fields, by field name. */
  data: z.record(z.string(), z.unknown()),
})

export const groupRecordSchema = z.object({
  instance: z.string(),
  id: z.number().int(),
  name: z.string().nullable(),
  label: z.string(),
  description: z.string(),
})

export const membershipRecordSchema = z.object({
  instance: z.string(),
  id: z.number().int(),
  user: z.number().int(),
  group: z.number().int(),
})

export const socialTokenRecordSchema = z.object({
  instance: z.string(),
  backend: z.string(),
  access_token: z.string(),
  username: z.string(),
  email: z.string().nullable(),
})

export type Role = (typeof ROLES)[number]
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number]
export type ProfileField = z.infer<typeof profileFieldSchema>
export type InstanceRecord = z.infer<typeof instanceRecordSchema>
export type AdminRecord = z.infer<typeof adminRecordSchema>
export type ApiKeyRecord = z.infer<typeof apiKeyRecordSchema>
export type UserRecord = z.infer<typeof userRecordSchema>
export type ProfileRecord = z.infer<typeof profileRecordSchema>
export type GroupRecord = z.infer<typeof groupRecordSchema>
export type MembershipRecord = z.infer<typeof membershipRecordSchema>
export type SocialTokenRecord = z.infer<typeof socialTokenRecordSchema>
