// Prints the whole database of a mock made from a seed (the first argument),
// with generated users and groups, for the two-process determinism test.
import { createSyncanoMock } from '../../../src/index.ts'

const seed = Number(process.argv[2] ?? 1)
const mock = createSyncanoMock({
  seed,
  fixtures: {
    admins: [{ email: 'admin@example.com' }],
    instances: [
      {
        name: 'seeded',
        api_keys: [{}, {}],
        profile_schema: [
          { name: 'nickname', type: 'string' },
          { name: 'age', type: 'integer' },
        ],
        generate: { users: 40, groups: 5 },
      },
    ],
  },
})
await mock.ready
await mock.data.createUser()

// Profile timestamps of a user made after seeding come from the clock.
const profiles = mock.db.profiles
  .all()
  .map((profile) =>
    profile.owner > 40
      ? { ...profile, created_at: '', updated_at: '' }
      : profile,
  )
const tables = {
  ...Object.fromEntries(
    Object.entries(mock.db).map(([name, table]) => [name, table.all()]),
  ),
  profiles,
}
process.stdout.write(JSON.stringify(tables))
