import { z } from 'zod'
import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from '../errors/syncano-mock-error.ts'
import { jsonPath } from '../fixtures/parse-fixtures.ts'
import type { Database } from '../model/database.ts'
import {
  adminRecordSchema,
  apiKeyRecordSchema,
  groupRecordSchema,
  instanceRecordSchema,
  membershipRecordSchema,
  profileRecordSchema,
  socialTokenRecordSchema,
  userRecordSchema,
} from '../model/schemas.ts'
import type { MockState } from '../mock-state.ts'
import { checkSnapshot } from './check-snapshot.ts'

type Tables = {
  [Name in keyof Database]: Array<ReturnType<Database[Name]['all']>[number]>
}

/**
 * A mock's data at one moment: every record of every table, the instance
 * sequences with them, and the seed its generated keys continue from. Plain
 * JSON, so it can be kept in a file or sent over HTTP.
 */
export interface Snapshot {
  version: 1
  seed: number
  tables: Tables
}

const snapshotSchema = z.strictObject({
  version: z.literal(1),
  seed: z.number().int(),
  tables: z
    .strictObject({
      instances: z.array(instanceRecordSchema),
      admins: z.array(adminRecordSchema),
      apiKeys: z.array(apiKeyRecordSchema),
      users: z.array(userRecordSchema),
      profiles: z.array(profileRecordSchema),
      groups: z.array(groupRecordSchema),
      memberships: z.array(membershipRecordSchema),
      socialTokens: z.array(socialTokenRecordSchema),
    })
    .superRefine(checkSnapshot),
})

/**
 * Checks that a value is a snapshot, such as one read back from JSON: each
 * record's shape, then what holds across records (unique ids, names and
 * keys, references, one profile per user, sequences past every id). A bad
 * value fails with the JSON path of its first problem.
 *
 * @example
 * parseSnapshot(JSON.parse(text))
 */
export function parseSnapshot(value: unknown): Snapshot {
  const result = snapshotSchema.safeParse(value)
  if (result.success) return result.data as Snapshot

  const issue = result.error.issues[0] as z.core.$ZodIssue
  throw new SyncanoMockError(
    SyncanoMockErrorCode.INVALID_OPTION,
    `Failed to restore a snapshot: ${jsonPath(issue.path)}: ${issue.message}.`,
    { cause: result.error },
  )
}

/**
 * Copies a mock's data. Reseeds the mock's faker with a seed drawn from it
 * and keeps that seed, so the keys generated after a `restore()` are the
 * ones generated after the snapshot was taken.
 *
 * @example
 * const built = await takeSnapshot(state)
 */
export async function takeSnapshot(state: MockState): Promise<Snapshot> {
  await state.ready
  return state.exclusive(async () => {
    const seed = state.faker.number.int({ min: 1, max: 2 ** 31 - 1 })
    state.faker.seed(seed)

    const tables = Object.fromEntries(
      Object.entries(state.db).map(([name, table]) => [
        name,
        structuredClone(table.all()),
      ]),
    ) as Tables
    return { version: 1, seed, tables }
  })
}

/**
 * Replaces a mock's data with a snapshot's, through the tables, so every
 * record is validated and indexed again. The snapshot itself is left as it
 * was and can be restored any number of times.
 *
 * @example
 * await restoreSnapshot(state, built)
 */
export async function restoreSnapshot(
  state: MockState,
  snapshot: Snapshot,
): Promise<void> {
  const checked = parseSnapshot(snapshot)
  await state.ready
  await state.exclusive(async () => {
    const previous = Object.fromEntries(
      Object.entries(state.db).map(([name, table]) => [name, table.all()]),
    ) as Tables

    try {
      await fillTables(state.db, checked.tables)
    } catch (error) {
      // The checks should leave no record a table refuses; should one slip
      // through, the mock keeps the data it had rather than half of each.
      await fillTables(state.db, previous)
      throw error
    }
    state.faker.seed(checked.seed)
  })
}

async function fillTables(db: Database, tables: Tables): Promise<void> {
  for (const table of Object.values(db)) table.clear()

  for (const [name, records] of Object.entries(tables)) {
    const table = db[name as keyof Database]
    for (const record of records)
      await table.insert(structuredClone(record) as never)
  }
}
