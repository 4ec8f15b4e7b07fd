import { beforeEach, describe, expect, test } from 'vitest'
import { createSyncanoMock, type Snapshot } from '../../src/index.ts'
import { call } from '../support/call.ts'
import { keys } from '../support/fixture-keys.ts'

const mock = createSyncanoMock()

beforeEach(() => mock.reset())

function dump(target = mock): string {
  return JSON.stringify(Object.values(target.db).map((table) => table.all()))
}

describe('reset', () => {
  test('puts the fixtures back after writes, with the same keys and ids', async () => {
    const fresh = dump()
    await call(mock, 'PATCH', 'users/1/', {
      apiKey: keys.account,
      body: { username: 'x' },
    })
    await call(mock, 'POST', 'users/1/reset_key/', { apiKey: keys.account })
    await mock.data.createUser()

    await mock.reset()

    expect(dump()).toBe(fresh)
  })
})

describe('snapshot and restore', () => {
  test('brings back a state built once, any number of times', async () => {
    await mock.data.createUser({ username: 'kate' })
    const built = await mock.snapshot()
    const expected = dump()

    await call(mock, 'DELETE', 'users/1/', { apiKey: keys.account })
    await mock.restore(built)
    const first = dump()
    await mock.data.createGroup({ name: 'extra' })
    await mock.restore(built)

    expect([first, dump()]).toEqual([expected, expected])
    expect(mock.data.user('kate')?.id).toBe(11)
  })

  test('generates the same keys after each restore', async () => {
    const built = await mock.snapshot()
    const first = await mock.data.createUser({ username: 'kate' })
    await mock.restore(built)
    const second = await mock.data.createUser({ username: 'kate' })

    expect(second).toEqual(first)
  })

  test('keeps indexes working after a restore', async () => {
    const built = await mock.snapshot()
    await mock.restore(built)

    const answer = await call(mock, 'GET', 'user/', {
      apiKey: keys.apiKey,
      userKey: keys.jane,
    })

    expect(answer.status).toBe(200)
    expect((answer.body as { username: string }).username).toBe('jane')
  })

  test('survives a JSON round trip', async () => {
    await mock.data.createUser({ username: 'kate' })
    const built: Snapshot = JSON.parse(JSON.stringify(await mock.snapshot()))
    const expected = dump()
    await mock.reset()

    await mock.restore(built)

    expect(dump()).toBe(expected)
  })

  test('clears the journal and scenarios on restore', async () => {
    const built = await mock.snapshot()
    mock.scenarios.respond('GET users/1/', { status: 404 })
    await call(mock, 'GET', 'users/1/', { apiKey: keys.account })

    await mock.restore(built)

    expect(mock.journal.entries).toEqual([])
    expect(
      (await call(mock, 'GET', 'users/1/', { apiKey: keys.account })).status,
    ).toBe(200)
  })

  test('refuses a value that is not a snapshot and changes nothing', async () => {
    const before = dump()

    await expect(mock.restore({ version: 2 } as never)).rejects.toThrow(
      '[syncano-mock] Failed to restore a snapshot: $.version: Invalid input: expected 1.',
    )
    expect(dump()).toBe(before)
  })
})

describe('independent mocks', () => {
  test('share no data, journal or scenarios', async () => {
    const other = createSyncanoMock()
    await other.ready
    other.scenarios.billing('overdue_invoices')
    await other.data.createUser({ username: 'kate' })

    const answer = await call(mock, 'GET', 'users/1/', { apiKey: keys.account })

    expect(answer.status).toBe(200)
    expect(mock.data.user('kate')).toBeUndefined()
    expect(mock.journal.entries).toHaveLength(1)
    expect(other.journal.entries).toEqual([])
  })

  test('give the same data from the same seed', async () => {
    const [first, second] = [
      createSyncanoMock({ seed: 7 }),
      createSyncanoMock({ seed: 7 }),
    ]
    const third = createSyncanoMock({ seed: 8 })
    await Promise.all([first.ready, second.ready, third.ready])

    expect(dump(first)).toBe(dump(second))
    expect(dump(first)).not.toBe(dump(third))
  })

  test('write the same records given the same seed and a fixed clock', async () => {
    const clock = () => Date.UTC(2026, 0, 1)
    const [first, second] = [
      createSyncanoMock({ seed: 7, clock }),
      createSyncanoMock({ seed: 7, clock }),
    ]

    for (const target of [first, second]) {
      await call(target, 'POST', 'users/', {
        apiKey: keys.apiKey,
        body: { username: 'kate', password: 'x' },
      })
      await target.data.createUser()
    }

    expect(first.data.profile(12)?.created_at).toMatch(
      /^2026-01-01T00:00:00\.00000\dZ$/,
    )
    expect(dump(first)).toBe(dump(second))
  })
})
