// Deterministic data: the same seed gives the same generated users, ids and
// keys, in every process and every vitest worker.
import { createSyncanoMock } from 'syncano-mock'
import { expect, test } from 'vitest'

const fixtures = {
  instances: [
    {
      name: 'shop',
      api_keys: [{ allow_user_create: true }],
      profile_schema: [
        { name: 'nickname', type: 'string' as const },
        { name: 'age', type: 'integer' as const },
      ],
      generate: { users: 25, groups: 3 },
    },
  ],
}

test('gives the same data from the same seed', async () => {
  const first = createSyncanoMock({ fixtures, seed: 42 })
  const second = createSyncanoMock({ fixtures, seed: 42 })
  await Promise.all([first.ready, second.ready])

  expect(second.data.in('shop').users()).toEqual(first.data.in('shop').users())
  expect(first.data.in('shop').profile(1)?.data).toEqual({
    nickname: expect.any(String),
    age: expect.any(Number),
  })
})
