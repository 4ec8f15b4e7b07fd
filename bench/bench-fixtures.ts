import type { FixturesInput } from '../src/index.ts'

/** The keys every benchmark world shares. */
export const benchKeys = {
  account: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345670',
  apiKey: 'b5c6d7e8f90123456789abcdef0123456789abc1',
  userKey: '15e8b35e1cd9b8abf806f3e925951f2612bf0d20',
} as const

/** The instance every benchmark world holds. */
export const BENCH_INSTANCE = 'bench'

/**
 * A world of `users` users: `jane` and `john` (ids 1 and 2, password
 * `secret`) and faker-made others, in five groups, with the documentation page's profile schema.
 */
export function benchFixtures(users: number): FixturesInput {
  return {
    seed: 7,
    admins: [{ email: 'admin@example.com', account_key: benchKeys.account }],
    instances: [
      {
        name: BENCH_INSTANCE,
        owner: 'admin@example.com',
        api_keys: [{ api_key: benchKeys.apiKey, allow_user_create: true }],
        profile_schema: [
          { name: 'nickname', type: 'string' },
          { name: 'age', type: 'integer' },
        ],
        users: [
          {
            id: 1,
            username: 'jane',
            password: 'secret',
            user_key: benchKeys.userKey,
          },
          { id: 2, username: 'john', password: 'secret' },
        ],
        generate: { users: users - 2, groups: 5 },
      },
    ],
  }
}
