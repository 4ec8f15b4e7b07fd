import { describe, expectTypeOf, test } from 'vitest'
import type { z } from 'zod'
import {
  createSyncanoMock,
  type ApiKeyRecord,
  type DetailErrorBody,
  type ErrorBody,
  type FieldErrorsBody,
  type GroupBody,
  type GroupMembershipBody,
  type GroupRecord,
  type JournalEntry,
  type ListBody,
  type LoginBody,
  type MembershipRecord,
  type ProfileBody,
  type ProfileRecord,
  type Snapshot,
  type UserBody,
  type UserMembershipBody,
  type UserRecord,
} from '../../src/index.ts'
import type {
  apiKeyRecordSchema,
  groupRecordSchema,
  membershipRecordSchema,
  profileRecordSchema,
  userRecordSchema,
} from '../../src/model/schemas.ts'

const mock = createSyncanoMock()

describe('response body types', () => {
  test('UserBody has the fields the handlers write', () => {
    expectTypeOf<UserBody['id']>().toEqualTypeOf<number>()
    expectTypeOf<UserBody['username']>().toEqualTypeOf<string>()
    expectTypeOf<UserBody['user_key']>().toEqualTypeOf<string>()
    expectTypeOf<UserBody['profile']>().toEqualTypeOf<ProfileBody>()
    expectTypeOf<UserBody['groups']>().toEqualTypeOf<Array<GroupBody>>()
    expectTypeOf<keyof UserBody['links']>().toEqualTypeOf<
      'self' | 'groups' | 'reset-key' | 'profile'
    >()
    expectTypeOf<LoginBody>().toEqualTypeOf<UserBody>()
  })

  test('ProfileBody keeps permissions typed and custom fields open', () => {
    expectTypeOf<ProfileBody['owner_permissions']>().toEqualTypeOf<
      'none' | 'read' | 'write' | 'full'
    >()
    expectTypeOf<ProfileBody['group']>().toEqualTypeOf<number | null>()
    expectTypeOf<ProfileBody['nickname']>().toEqualTypeOf<unknown>()
  })

  test('GroupBody shows name only as optional (server dialect)', () => {
    expectTypeOf<GroupBody['name']>().toEqualTypeOf<string | null | undefined>()
    expectTypeOf<keyof GroupBody['links']>().toEqualTypeOf<'self' | 'users'>()
  })

  test('membership and list envelopes wrap the other bodies', () => {
    expectTypeOf<UserMembershipBody['group']>().toEqualTypeOf<GroupBody>()
    expectTypeOf<GroupMembershipBody['user']>().toEqualTypeOf<UserBody>()
    expectTypeOf<ListBody<UserBody>['objects']>().toEqualTypeOf<
      Array<UserBody>
    >()
    expectTypeOf<ListBody<UserBody>['next']>().toEqualTypeOf<string | null>()
  })

  test('error bodies are a detail or messages by field', () => {
    expectTypeOf<DetailErrorBody>().toEqualTypeOf<{ detail: string }>()
    expectTypeOf<{
      profile: { age: Array<string> }
    }>().toMatchTypeOf<FieldErrorsBody>()
    expectTypeOf<ErrorBody>().toEqualTypeOf<DetailErrorBody | FieldErrorsBody>()
  })
})

describe('toolkit types', () => {
  test('records come from the zod schemas', () => {
    expectTypeOf<UserRecord>().toEqualTypeOf<z.infer<typeof userRecordSchema>>()
    expectTypeOf<ProfileRecord>().toEqualTypeOf<
      z.infer<typeof profileRecordSchema>
    >()
    expectTypeOf<GroupRecord>().toEqualTypeOf<
      z.infer<typeof groupRecordSchema>
    >()
    expectTypeOf<MembershipRecord>().toEqualTypeOf<
      z.infer<typeof membershipRecordSchema>
    >()
    expectTypeOf<ApiKeyRecord>().toEqualTypeOf<
      z.infer<typeof apiKeyRecordSchema>
    >()
  })

  test('data helpers take partial input and resolve to records', () => {
    expectTypeOf(mock.data.createUser).parameter(0).toEqualTypeOf<
      | {
          username?: string
          password?: string
          user_key?: string
          groups?: Array<number>
          profile?: Record<string, unknown>
        }
      | undefined
    >()
    expectTypeOf(
      mock.data.createUser,
    ).returns.resolves.toEqualTypeOf<UserRecord>()
    expectTypeOf(
      mock.data.createGroup,
    ).returns.resolves.toEqualTypeOf<GroupRecord>()
    expectTypeOf(
      mock.data.addMembership,
    ).returns.resolves.toEqualTypeOf<MembershipRecord>()
    expectTypeOf(
      mock.data.createApiKey,
    ).returns.resolves.toEqualTypeOf<ApiKeyRecord>()
    expectTypeOf(mock.data.profile).returns.toEqualTypeOf<
      ProfileRecord | undefined
    >()
  })

  test('journal entries and snapshots are typed', () => {
    expectTypeOf(mock.journal.filter).returns.toEqualTypeOf<
      Array<JournalEntry>
    >()
    expectTypeOf<JournalEntry['user']>().toEqualTypeOf<{
      id: number
      username: string
    } | null>()
    expectTypeOf(mock.snapshot).returns.resolves.toEqualTypeOf<Snapshot>()
    // @ts-expect-error: a route pattern is a string, not a number
    mock.journal.filter({ route: 1 })
  })
})
