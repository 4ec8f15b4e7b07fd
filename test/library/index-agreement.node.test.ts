import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  createSyncanoMock,
  type Snapshot,
  type SyncanoMock,
} from '../../src/index.ts'
import { key, type Database } from '../../src/model/database.ts'
import { call } from '../support/call.ts'
import { keys } from '../support/fixture-keys.ts'

type Fields = Record<string, unknown>

/** One index as the database defines it, written out again as the oracle. */
interface IndexSpec {
  table: keyof Database
  index: string
  unique: boolean
  keyOf: (record: Fields) => string | undefined
}

const inInstance =
  (...names: Array<string>) =>
  (record: Fields) =>
    [record.instance, ...names.map((name) => record[name])].join('\u0000')

const SPECS: ReadonlyArray<IndexSpec> = [
  spec('instances', 'byName', true, (r) => String(r.name)),
  spec('admins', 'byEmail', true, (r) => String(r.email)),
  spec('admins', 'byKey', true, (r) => String(r.account_key)),
  spec('apiKeys', 'byKey', true, inInstance('api_key')),
  spec('apiKeys', 'byInstance', false, (r) => String(r.instance)),
  spec('users', 'byId', true, inInstance('id')),
  spec('users', 'byUsername', true, inInstance('username')),
  spec('users', 'byKey', true, inInstance('user_key')),
  spec('users', 'byInstance', false, (r) => String(r.instance)),
  spec('profiles', 'byId', true, inInstance('id')),
  spec('profiles', 'byOwner', true, inInstance('owner')),
  spec('profiles', 'byInstance', false, (r) => String(r.instance)),
  spec('groups', 'byId', true, inInstance('id')),
  spec('groups', 'byName', true, (r) =>
    r.name === null ? undefined : inInstance('name')(r),
  ),
  spec('groups', 'byInstance', false, (r) => String(r.instance)),
  spec('memberships', 'byPair', true, inInstance('user', 'group')),
  spec('memberships', 'byUser', false, inInstance('user')),
  spec('memberships', 'byGroup', false, inInstance('group')),
]

function spec(
  table: keyof Database,
  index: string,
  unique: boolean,
  keyOf: (record: Fields) => string | undefined,
): IndexSpec {
  return { table, index, unique, keyOf }
}

/**
 * Checks every index against a scan of its collection, for every key any
 * record has had: a present key finds exactly the scanned records, a key
 * no record has any more finds nothing.
 */
function expectIndexesToAgree(db: Database, seen: Map<string, Set<string>>) {
  for (const { table, index: name, unique, keyOf } of SPECS) {
    const records = db[table].collection.all() as unknown as Array<Fields>
    const keysSeen = seen.get(`${table}.${name}`) ?? new Set<string>()
    seen.set(`${table}.${name}`, keysSeen)
    for (const record of records) {
      const written = keyOf(record)
      if (written !== undefined) keysSeen.add(written)
    }

    for (const written of keysSeen) {
      const scanned = records
        .filter((record) => keyOf(record) === written)
        .sort((a, b) => Number(a.id) - Number(b.id))
      if (unique) expect(db[table].find(name, written)).toBe(scanned[0])
      else expect(db[table].list(name, written)).toEqual(scanned)
    }
  }
}

const name = fc.constantFrom('ann', 'bob', 'cid', 'dee', 'eve', 'JANE')
const pick = fc.nat({ max: 20 })

const step = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), name }),
  fc.record({ kind: fc.constant('rename' as const), pick, name }),
  fc.record({ kind: fc.constant('delete' as const), pick }),
  fc.record({ kind: fc.constant('join' as const), pick, group: fc.nat(2) }),
  fc.record({ kind: fc.constant('leave' as const), pick }),
  fc.record({ kind: fc.constant('reset' as const) }),
  fc.record({ kind: fc.constant('snapshot' as const) }),
  fc.record({ kind: fc.constant('restore' as const) }),
)

type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

interface World {
  mock: SyncanoMock
  snapshot: Snapshot | null
}

const account = { apiKey: keys.account }

/** A user id of the mock's users, picked by position. */
function userAt(mock: SyncanoMock, position: number): number {
  const users = mock.db.users.all()
  return users[position % Math.max(users.length, 1)]?.id ?? 999
}

async function run(world: World, next: Step): Promise<void> {
  const { mock } = world
  switch (next.kind) {
    case 'create':
      await call(mock, 'POST', 'users/', {
        ...account,
        body: { username: next.name, password: 'secret' },
      })
      return
    case 'rename':
      await call(mock, 'PATCH', `users/${userAt(mock, next.pick)}/`, {
        ...account,
        body: { username: next.name },
      })
      return
    case 'delete':
      await call(mock, 'DELETE', `users/${userAt(mock, next.pick)}/`, account)
      return
    case 'join':
      await call(mock, 'POST', `groups/${next.group + 1}/users/`, {
        ...account,
        body: { user: userAt(mock, next.pick) },
      })
      return
    case 'leave': {
      const membership = mock.db.memberships.all()[next.pick]
      if (!membership) return
      const path = `groups/${membership.group}/users/${membership.user}/`
      await call(mock, 'DELETE', path, account)
      return
    }
    case 'reset':
      await mock.reset()
      return
    case 'snapshot':
      world.snapshot = await mock.snapshot()
      return
    case 'restore':
      if (world.snapshot) await mock.restore(world.snapshot)
  }
}

describe('indexes', () => {
  test('agree with their collections after any sequence of writes, resets and restores', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const world: World = { mock: createSyncanoMock(), snapshot: null }
        const seen = new Map<string, Set<string>>()
        await world.mock.ready
        expectIndexesToAgree(world.mock.db, seen)

        for (const next of steps) {
          await run(world, next)
          expectIndexesToAgree(world.mock.db, seen)
        }
      }),
      { numRuns: 40 },
    )
  })

  test('come back with the seeded records after writes and a reset', async () => {
    const mock = createSyncanoMock()
    const seeded = await mock.snapshot()
    await mock.reset()

    await call(mock, 'PATCH', 'users/1/', {
      ...account,
      body: { username: 'x' },
    })
    await call(mock, 'DELETE', 'users/2/', account)
    await call(mock, 'POST', 'users/', {
      ...account,
      body: { username: 'new', password: 'secret' },
    })
    await mock.reset()

    expect(await mock.snapshot()).toEqual(seeded)
    expect(mock.db.users.find('byUsername', key('my-instance', 'x'))).toBe(
      undefined,
    )
    expect(mock.db.users.find('byId', key('my-instance', 2))?.username).toBe(
      'john',
    )
  })
})
