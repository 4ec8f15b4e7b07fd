// The mock
export {
  createSyncanoMock,
  DEFAULT_SEED,
  type SyncanoMock,
  type SyncanoMockOptions,
} from './create-syncano-mock.ts'
export type { Dialect, ApiVersion } from './glossary.ts'

// Test toolkit
export {
  DataHelpers,
  type NewApiKey,
  type NewGroup,
  type NewUser,
} from './toolkit/data-helpers.ts'
export {
  DEFAULT_JOURNAL_LIMIT,
  Journal,
  type JournalEntry,
  type JournalFilter,
  type JournalUser,
} from './toolkit/journal.ts'
export type { RoutePattern } from './toolkit/route-pattern.ts'
export {
  Scenarios,
  type ScenarioOptions,
  type ScenarioReply,
} from './toolkit/scenarios.ts'
export { parseSnapshot, type Snapshot } from './toolkit/snapshot.ts'
export { BILLING_MESSAGES } from './toolkit/check-standing.ts'
export type { BillingStatus, MockSwitches, RateLimit } from './mock-state.ts'

// Fixtures
export type { Fixtures, FixturesInput } from './fixtures/fixtures-schema.ts'
export { parseFixtures } from './fixtures/parse-fixtures.ts'

// Data
export type { Database } from './model/database.ts'
export { key } from './model/database.ts'
export type {
  AdminRecord,
  ApiKeyRecord,
  GroupRecord,
  InstanceRecord,
  MembershipRecord,
  ProfileRecord,
  Role,
  SocialTokenRecord,
  UserRecord,
} from './model/schemas.ts'

// Errors
export {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from './errors/syncano-mock-error.ts'
export { messages } from './errors/messages.ts'

// Response bodies
export type {
  DetailErrorBody,
  ErrorBody,
  FieldErrorsBody,
  GroupBody,
  GroupMembershipBody,
  ListBody,
  LoginBody,
  PermissionLevelBody,
  ProfileBody,
  TypedValueBody,
  UserBody,
  UserMembershipBody,
} from './types.ts'
