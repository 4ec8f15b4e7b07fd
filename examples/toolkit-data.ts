// Direct data access: arrange and assert without HTTP, with the same rules
// as the API (ids from the sequences, lowercase names, key parity, profile).
import { createSyncanoMock } from 'syncano-mock'
import { beforeEach, expect, test } from 'vitest'

const mock = createSyncanoMock()

beforeEach(() => mock.reset())

test('arranges a user in a new group and reads them back', async () => {
  const group = await mock.data.createGroup({
    name: 'editors',
    label: 'Editors',
  })
  const user = await mock.data.createUser({
    username: 'Kate',
    groups: [group.id],
    profile: { nickname: 'K', age: 33 },
  })
  const apiKey = await mock.data.createApiKey({ allow_user_create: true })

  expect(user.username).toBe('kate')
  expect(mock.data.profile(user.id)?.data).toEqual({ nickname: 'K', age: 33 })
  expect(mock.data.memberships({ user: user.id })).toHaveLength(1)
  expect(apiKey.api_key).toMatch(/[13579bdf]$/)
})
