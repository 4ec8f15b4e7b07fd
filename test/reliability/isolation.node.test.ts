import { beforeEach, describe, expect, test, vi } from 'vitest'
import { createSyncanoMock } from '../../src/index.ts'
import { call } from '../support/call.ts'
import { dumpData } from './support/check-invariants.ts'
import {
  instanceKeys,
  PASSWORD_MARK,
  world,
  worldKeys,
} from './support/world.ts'

const mock = createSyncanoMock({ fixtures: world })

beforeEach(() => mock.reset())

const NO_SUCH_KEY = { detail: 'No such API Key.' }
const NOT_FOUND = { detail: 'Not found' }
const DENIED = { detail: 'You do not have permission to perform this action.' }

describe('one user key', () => {
  const ann = { apiKey: worldKeys.plain, userKey: worldKeys.ann }
  const others = [worldKeys.bob, worldKeys.cat, worldKeys.dan]

  test('lists only its own user given the users list', async () => {
    const { status, body } = await call(mock, 'GET', 'users/', {
      ...ann,
      instance: 'alpha',
    })

    expect(status).toBe(200)
    expect(
      (body as { objects: Array<{ id: number }> }).objects.map(
        (user) => user.id,
      ),
    ).toEqual([1])
  })

  test.each([
    ['GET', 'users/2/', 404, NOT_FOUND],
    ['PATCH', 'users/2/', 404, NOT_FOUND],
    ['PUT', 'users/2/', 404, NOT_FOUND],
    ['POST', 'users/2/reset_key/', 404, NOT_FOUND],
    ['DELETE', 'users/2/', 403, DENIED],
    ['GET', 'users/2/groups/', 403, DENIED],
    ['GET', 'users/2/groups/1/', 403, DENIED],
    ['GET', 'groups/1/users/2/', 404, NOT_FOUND],
  ])(
    'answers %s %s with %i and changes nothing',
    async (method, path, status, detail) => {
      const before = dumpData(mock.db)

      const answer = await call(mock, method, path, {
        ...ann,
        instance: 'alpha',
        body:
          method === 'GET' || method === 'DELETE'
            ? undefined
            : { username: 'taken', password: 'x' },
      })

      expect([answer.status, answer.body]).toEqual([status, detail])
      expect(dumpData(mock.db)).toBe(before)
    },
  )

  test("shows no other member's key given a group's member list", async () => {
    const response = await call(mock, 'GET', 'groups/1/users/', {
      ...ann,
      instance: 'alpha',
    })
    const text = JSON.stringify(response.body)

    expect(response.status).toBe(200)
    expect((response.body as { objects: Array<unknown> }).objects).toHaveLength(
      1,
    )
    expect(others.filter((key) => text.includes(key))).toEqual([])
  })
})

describe('keys of another instance', () => {
  const alphaOnly =
    instanceKeys.alpha?.filter((key) => !instanceKeys.beta?.includes(key)) ?? []

  test.each(alphaOnly)('never read or write beta with %s', async (apiKey) => {
    const before = dumpData(mock.db)
    const answers = []
    for (const [method, path] of [
      ['GET', 'users/'],
      ['GET', 'users/1/'],
      ['PATCH', 'users/1/'],
      ['DELETE', 'users/1/'],
      ['POST', 'groups/'],
      ['POST', 'users/1/groups/'],
    ] as const) {
      const answer = await call(mock, method, path, {
        apiKey,
        userKey: worldKeys.betaAnn,
        instance: 'beta',
        body:
          method === 'GET' || method === 'DELETE'
            ? undefined
            : { username: 'x', group: 1 },
      })
      answers.push([answer.status, answer.body])
    }

    expect(answers).toEqual(Array(6).fill([403, NO_SUCH_KEY]))
    expect(dumpData(mock.db)).toBe(before)
  })

  test("does not take beta's user key next to an alpha API key", async () => {
    const { status, body } = await call(mock, 'GET', 'user/', {
      apiKey: worldKeys.plain,
      userKey: worldKeys.betaAnn,
      instance: 'alpha',
    })

    expect([status, body]).toEqual([403, DENIED])
  })
})

describe('passwords', () => {
  test('never appear in answers, the journal or the console over a user lifecycle', async () => {
    const lines: Array<string> = []
    for (const level of ['error', 'warn', 'log', 'info', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...values) => {
        lines.push(values.map(String).join(' '))
      })
    }
    const admin = { apiKey: worldKeys.owner, instance: 'alpha' }
    const texts: Array<string> = []
    const send = async (
      method: string,
      path: string,
      body?: unknown,
      extra = {},
    ) => {
      const answer = await call(mock, method, path, {
        ...admin,
        body,
        ...extra,
      })
      texts.push(JSON.stringify(answer.body))
      return answer
    }

    const created = await send('POST', 'users/', {
      username: 'kim',
      password: `${PASSWORD_MARK}one`,
    })
    const id = (created.body as { id: number }).id
    await send('PATCH', `users/${id}/`, { password: `${PASSWORD_MARK}two` })
    await send('PUT', `users/${id}/`, {
      username: 'kim',
      password: `${PASSWORD_MARK}three`,
    })
    await send('POST', 'user/auth/', {
      username: 'kim',
      password: `${PASSWORD_MARK}three`,
    })
    await send('POST', 'user/auth/', {
      username: 'kim',
      password: `${PASSWORD_MARK}wrong`,
    })
    await send(
      'POST',
      'users/',
      `{"username":"lee","password":"${PASSWORD_MARK}cut`,
      {
        headers: { 'content-type': 'application/json' },
      },
    )
    await send('POST', 'users/', `username=lee&password=${PASSWORD_MARK}form`, {
      headers: { 'content-type': 'application/xml' },
    })
    vi.restoreAllMocks()

    expect(created.status).toBe(201)
    expect(texts.filter((text) => text.includes(PASSWORD_MARK))).toEqual([])
    expect(JSON.stringify(mock.journal.entries)).not.toContain(PASSWORD_MARK)
    expect(lines).toEqual([])
  })
})
