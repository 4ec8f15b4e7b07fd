import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { http, HttpResponse, type HttpHandler } from 'msw'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createSyncanoMock as createCoreMock } from '../../src/index.ts'
import { createSyncanoMock, setupSyncanoServer } from '../../src/node/index.ts'
import { INSTANCE, keys } from '../support/fixture-keys.ts'

const server = setupServer()
const unhandled: Array<string> = []

/**
 * Listens with these handlers, then one that notes every request they
 * leave and fails it as a network error, so none reaches the network.
 */
function listen(handlers: Array<HttpHandler>): void {
  const notTaken = http.all('*', ({ request }) => {
    unhandled.push(request.url)
    return HttpResponse.error()
  })
  server.use(...handlers, notTaken)
  server.listen({ onUnhandledRequest: 'error' })
}

afterEach(() => {
  unhandled.length = 0
  server.resetHandlers()
  server.close()
})

function readJane(origin: string): Promise<Response> {
  return fetch(`${origin}/v1.1/instances/${INSTANCE}/users/1/`, {
    headers: { 'X-API-KEY': keys.account },
  })
}

/** A file in a new temporary folder, for the fixtures path option. */
function writeTemporary(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'syncano-mock-')), name)
  writeFileSync(path, text)
  return path
}

describe('the baseUrl option', () => {
  test("answers Syncano's own origin and no other by default", async () => {
    listen(createCoreMock().handlers)

    const answered = await readJane('https://api.syncano.io')

    expect([answered.status, (await answered.json()).username]).toEqual([
      200,
      'jane',
    ])
    await expect(readJane('http://localhost:3000')).rejects.toThrow(
      'Failed to fetch',
    )
    expect(unhandled).toEqual([
      'http://localhost:3000/v1.1/instances/my-instance/users/1/',
    ])
  })

  test('answers another origin given one', async () => {
    listen(createCoreMock({ baseUrl: 'http://localhost:3000' }).handlers)

    const answered = await readJane('http://localhost:3000')

    expect(answered.status).toBe(200)
    await expect(readJane('https://api.syncano.io')).rejects.toThrow(
      'Failed to fetch',
    )
    expect(unhandled).toEqual([
      'https://api.syncano.io/v1.1/instances/my-instance/users/1/',
    ])
  })

  test('takes the path of a base behind a proxy off before matching', async () => {
    const mock = createCoreMock({ baseUrl: 'http://localhost:3000/api/' })
    listen(mock.handlers)

    const answered = await fetch(
      `http://localhost:3000/api/v1.1/instances/${INSTANCE}/users/1/`,
      {
        method: 'PATCH',
        headers: {
          'X-API-KEY': keys.account,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ username: 'Zed' }),
      },
    )
    const body = await answered.json()

    expect([answered.status, body.username, body.links.self]).toEqual([
      200,
      'Zed',
      `/v1/instances/${INSTANCE}/users/1/`,
    ])
    expect(mock.data.user(1)?.username).toBe('zed')
    expect(mock.journal.last()?.path).toBe(
      `/v1.1/instances/${INSTANCE}/users/1/`,
    )
    await expect(readJane('http://localhost:3000')).rejects.toThrow(
      'Failed to fetch',
    )
    expect(unhandled).toEqual([
      'http://localhost:3000/v1.1/instances/my-instance/users/1/',
    ])
  })

  test.each(['localhost:3000', 'http://localhost:3000/?x=1', 'api'])(
    'throws INVALID_OPTION given %j',
    (baseUrl) => {
      expect(() => createCoreMock({ baseUrl })).toThrow(
        expect.objectContaining({
          name: 'SyncanoMockError',
          code: 'INVALID_OPTION',
          message:
            `[syncano-mock] Failed to create a mock: invalid baseUrl "${baseUrl}". ` +
            'Expected "*" or an origin with an optional path, such as ' +
            '"http://localhost:3000/api".',
        }),
      )
    },
  )
})

describe('the dialect option', () => {
  test('throws INVALID_OPTION given an unknown dialect', () => {
    expect(() => createCoreMock({ dialect: 'django' as never })).toThrow(
      expect.objectContaining({
        name: 'SyncanoMockError',
        code: 'INVALID_OPTION',
        message:
          '[syncano-mock] Failed to create a mock: unknown dialect "django". ' +
          'Expected "docs" or "server".',
      }),
    )
  })
})

describe('the seed option', () => {
  test.each([
    ['NaN', Number.NaN],
    ['1.5', 1.5],
    ['Infinity', Number.POSITIVE_INFINITY],
    ["'1'", '1' as unknown as number],
  ])('throws INVALID_OPTION given %s', (_, seed) => {
    expect(() => createCoreMock({ seed })).toThrow(
      expect.objectContaining({
        name: 'SyncanoMockError',
        code: 'INVALID_OPTION',
        message:
          `[syncano-mock] Failed to create a mock: invalid seed "${String(seed)}". ` +
          'Expected an integer.',
      }),
    )
  })
})

describe('option names', () => {
  const known =
    'Expected an object of fixtures, dialect, seed, baseUrl, clock, journalLimit.'

  test.each([
    ['bogus', { bogus: 1 }],
    ['jounralLimit', { jounralLimit: 10 }],
  ])('throws INVALID_OPTION given the unknown option %s', (name, options) => {
    const message = `[syncano-mock] Failed to create a mock: unknown option "${name}". ${known}`

    expect(() => createCoreMock(options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', message }),
    )
    expect(() => createSyncanoMock(options as never)).toThrow(message)
  })

  test('throws INVALID_OPTION given null options', () => {
    const message = `[syncano-mock] Failed to create a mock: the options must be an object, got null. ${known}`

    expect(() => createCoreMock(null as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', message }),
    )
    expect(() => createSyncanoMock(null as never)).toThrow(message)
  })
})

describe('the journalLimit option', () => {
  test.each([
    ['-1', -1],
    ['NaN', Number.NaN],
    ['1.5', 1.5],
    ["'10'", '10' as unknown as number],
  ])('throws INVALID_OPTION given %s', (_, journalLimit) => {
    expect(() => createCoreMock({ journalLimit })).toThrow(
      expect.objectContaining({
        name: 'SyncanoMockError',
        code: 'INVALID_OPTION',
        message:
          `[syncano-mock] Failed to create a mock: invalid journalLimit "${String(journalLimit)}". ` +
          'Expected an integer from 0, or Infinity.',
      }),
    )
  })

  test('keeps every entry given Infinity', () => {
    expect(createCoreMock({ journalLimit: Infinity }).journal.limit).toBe(
      Infinity,
    )
  })
})

describe('the clock option', () => {
  const now = Date.UTC(2026, 0, 1)

  async function createJanet(clock: () => number) {
    const mock = createCoreMock({ clock })
    return mock.fetch(
      new Request(`https://api.syncano.io/v1.1/instances/${INSTANCE}/users/`, {
        method: 'POST',
        headers: {
          'X-API-KEY': keys.account,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ username: 'janet', password: 'secret' }),
      }),
    )
  }

  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  test('throws INVALID_OPTION given a clock that is not a function', () => {
    expect(() => createCoreMock({ clock: 5 as never })).toThrow(
      expect.objectContaining({
        name: 'SyncanoMockError',
        code: 'INVALID_OPTION',
        message:
          '[syncano-mock] Failed to create a mock: invalid clock "5". ' +
          'Expected a function that returns milliseconds since the epoch.',
      }),
    )
  })

  test.each([
    ['1e16', 1e16],
    ['NaN', Number.NaN],
    ['-1', -1],
    ["'1'", '1' as unknown as number],
  ])(
    'stamps records with the real time and warns given a clock that reads %s',
    async (_, reading) => {
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(now)
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

      const response = await createJanet(() => reading)
      const body = (await response.json()) as {
        profile: { created_at: string }
      }

      expect([response.status, body.profile.created_at]).toEqual([
        201,
        '2026-01-01T00:00:00.000000Z',
      ])
      expect(warn).toHaveBeenCalledWith(
        '[syncano-mock] Failed to read the clock option: it read %o, not ' +
          'milliseconds from 0 to 8640000000000000. Using Date.now() instead.',
        reading,
      )
    },
  )

  test('stamps records with the real time and warns given a clock that throws', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(now)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const failure = new Error('stopped')

    const response = await createJanet(() => {
      throw failure
    })
    const body = (await response.json()) as {
      profile: { created_at: string }
    }

    expect([response.status, body.profile.created_at]).toEqual([
      201,
      '2026-01-01T00:00:00.000000Z',
    ])
    expect(warn).toHaveBeenCalledWith(
      '[syncano-mock] Failed to read the clock option: %o. Using Date.now() instead.',
      failure,
    )
  })
})

describe('the fixtures option of syncano-mock/node', () => {
  test('reads a fixtures file given its path', async () => {
    const path = writeTemporary(
      'fixtures.json',
      JSON.stringify({
        instances: [{ name: 'shop', users: [{ id: 4, username: 'Kate' }] }],
      }),
    )

    const mock = createSyncanoMock({ fixtures: path })
    await mock.ready

    expect(
      mock.data
        .in('shop')
        .users()
        .map((user) => user.username),
    ).toEqual(['kate'])
  })

  test('throws INVALID_FIXTURES naming a file that cannot be read', () => {
    const path = join(tmpdir(), 'syncano-mock-missing', 'fixtures.json')

    expect(() => createSyncanoMock({ fixtures: path })).toThrow(
      expect.objectContaining({
        code: 'INVALID_FIXTURES',
        message:
          `[syncano-mock] Failed to read fixtures file "${path}": ` +
          `ENOENT: no such file or directory, open '${path}'.`,
      }),
    )
  })

  test('throws INVALID_FIXTURES naming a file that is not JSON', () => {
    const path = writeTemporary('fixtures.json', '{"instances": [')

    expect(() => createSyncanoMock({ fixtures: path })).toThrow(
      expect.objectContaining({
        code: 'INVALID_FIXTURES',
        message: expect.stringMatching(
          new RegExp(
            `^\\[syncano-mock\\] Failed to parse fixtures file "${escape(path)}": .+\\.$`,
          ),
        ),
      }),
    )
  })

  test('throws INVALID_FIXTURES with the JSON path of the first problem', () => {
    const path = writeTemporary(
      'fixtures.json',
      JSON.stringify({ instances: [{ name: 'shop', users: [{ id: 'x' }] }] }),
    )

    expect(() => createSyncanoMock({ fixtures: path })).toThrow(
      expect.objectContaining({
        code: 'INVALID_FIXTURES',
        message: expect.stringMatching(
          new RegExp(
            `^\\[syncano-mock\\] Failed to load fixtures from "${escape(path)}": \\$\\.instances\\[0\\]\\.users\\[0\\]\\.id: `,
          ),
        ),
      }),
    )
  })
})

describe('setupSyncanoServer', () => {
  test('makes an msw server around a new mock from a fixtures path', async () => {
    const path = writeTemporary(
      'fixtures.json',
      JSON.stringify({
        admins: [{ email: 'a@example.com', account_key: keys.account }],
        instances: [{ name: 'shop', owner: 'a@example.com' }],
      }),
    )
    const { mock, server: own } = setupSyncanoServer({ fixtures: path })
    own.listen({ onUnhandledRequest: 'error' })

    const answered = await fetch(
      'https://api.syncano.io/v1.1/instances/shop/users/',
      { headers: { 'X-API-KEY': keys.account } },
    )
    own.close()

    expect([answered.status, await answered.json()]).toEqual([
      200,
      { next: null, prev: null, objects: [] },
    ])
    expect(mock.journal.entries).toHaveLength(1)
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
