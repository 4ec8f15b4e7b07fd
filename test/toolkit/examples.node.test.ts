// Runs the README's examples, each in a suite of its own so its hooks stay
// with its tests.
import { setupSyncanoServer } from 'syncano-mock/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { firstMessage, listUsers } from '../../examples/toolkit-types.ts'
import { keys } from '../support/fixture-keys.ts'

const examples = [
  'vitest-quick-start',
  'toolkit-seed',
  'toolkit-state',
  'toolkit-data',
  'toolkit-scenarios',
  'toolkit-journal',
]

for (const name of examples) {
  describe(`examples/${name}.ts`, async () => {
    await import(`../../examples/${name}.ts`)
  })
}

describe('examples/toolkit-types.ts', () => {
  const { server } = setupSyncanoServer()

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  test('lists users with the typed client call', async () => {
    const body = await listUsers('https://api.syncano.io', keys.account)

    expect('objects' in body && body.objects.map((user) => user.id)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ])
  })

  test('finds the first message of nested field errors', () => {
    expect(
      firstMessage({ profile: { age: ['A valid integer is required.'] } }),
    ).toBe('A valid integer is required.')
  })
})
