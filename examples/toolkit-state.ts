// State control: reset() to the fixtures, or snapshot() a state built once
// and restore() it before each test.
import { createSyncanoMock, type Snapshot } from 'syncano-mock'
import { beforeAll, beforeEach, expect, test } from 'vitest'

const mock = createSyncanoMock()
let crowded: Snapshot

beforeAll(async () => {
  for (let index = 0; index < 50; index++) await mock.data.createUser()
  crowded = await mock.snapshot()
})
beforeEach(() => mock.restore(crowded))

test('starts from the crowded state', () => {
  expect(mock.data.users()).toHaveLength(60)
})

test('goes back to the fixtures with reset()', async () => {
  await mock.reset()

  expect(mock.data.users()).toHaveLength(10)
})
