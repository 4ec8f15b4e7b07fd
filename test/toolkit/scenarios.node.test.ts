import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
  vi,
} from 'vitest'
import { BILLING_MESSAGES, createSyncanoMock } from '../../src/index.ts'
import { placeOf } from '../../src/toolkit/route-pattern.ts'
import { call } from '../support/call.ts'
import { INSTANCE, keys, ORIGIN } from '../support/fixture-keys.ts'

const mock = createSyncanoMock()
const throttled = {
  detail: 'Request was throttled. Expected available in 1 second.',
}
const denied = { detail: 'You do not have permission to perform this action.' }

beforeEach(() => mock.reset())

describe('scenarios.respond', () => {
  test('answers a route with the given status and detail until reset', async () => {
    mock.scenarios.respond('PATCH users/:id/', { status: 503, detail: 'Down.' })

    const first = await call(mock, 'PATCH', 'users/1/', {
      apiKey: keys.account,
      body: {},
    })
    const second = await call(mock, 'PATCH', 'users/2/', {
      apiKey: keys.account,
      body: {},
    })
    await mock.reset()
    const after = await call(mock, 'PATCH', 'users/1/', {
      apiKey: keys.account,
      body: {},
    })

    expect([first.status, first.body, second.status]).toEqual([
      503,
      { detail: 'Down.' },
      503,
    ])
    expect(after.status).toBe(200)
  })

  test('answers once given once', async () => {
    mock.scenarios.respond('GET users/1/', { status: 404 }, { once: true })

    const first = await call(mock, 'GET', 'users/1/', { apiKey: keys.account })
    const second = await call(mock, 'GET', 'users/1/', { apiKey: keys.account })

    expect([first.status, first.body, second.status]).toEqual([
      404,
      { detail: 'Not found' },
      200,
    ])
  })

  test('leaves other routes and methods to the mock', async () => {
    mock.scenarios.respond('PATCH users/:id/', { status: 500 })

    const read = await call(mock, 'GET', 'users/1/', { apiKey: keys.account })

    expect(read.status).toBe(200)
    expect((read.body as { username: string }).username).toBe('jane')
  })

  test('changes nothing in the data while it answers', async () => {
    mock.scenarios.respond('PATCH users/:id/', { status: 200, body: { id: 1 } })

    await call(mock, 'PATCH', 'users/1/', {
      apiKey: keys.account,
      body: { username: 'x' },
    })

    expect(mock.data.user(1)?.username).toBe('jane')
    expect(mock.journal.last()?.scenario).toBe(true)
  })

  test('answers 429 with Retry-After and 500 with the HTML page given no body', async () => {
    mock.scenarios.respond('GET users/', { status: 429 })
    mock.scenarios.respond('GET groups/', { status: 500 })

    const limited = await call(mock, 'GET', 'users/', { apiKey: keys.account })
    const crashed = await call(mock, 'GET', 'groups/', { apiKey: keys.account })

    expect([
      limited.status,
      limited.body,
      limited.headers.get('retry-after'),
    ]).toEqual([429, throttled, '1'])
    expect([crashed.status, crashed.body]).toEqual([
      500,
      '<h1>Server Error (500)</h1>',
    ])
  })

  test('throws given a status without a default body and no body', () => {
    expect(() => mock.scenarios.respond('GET users/', { status: 418 })).toThrow(
      '[syncano-mock] Failed to add a scenario: no default body for status "418". ' +
        'Pass "detail" or "body".',
    )
  })

  test.each([204, 205, 304])('throws given status %i with a body', (status) => {
    expect(() =>
      mock.scenarios.respond('GET users/', { status, body: { a: 1 } }),
    ).toThrow(
      `[syncano-mock] Failed to add a scenario: status "${status}" takes no body. ` +
        'Leave out "body" and "detail".',
    )
    expect(() =>
      mock.scenarios.respond('GET users/', { status, detail: 'Gone.' }),
    ).toThrow(`status "${status}" takes no body`)
  })

  test.each([
    ['199', 199],
    ['600', 600],
    ['200.5', 200.5],
    ['NaN', Number.NaN],
    ["'200'", '200' as unknown as number],
  ])('throws given status %s', (_, status) => {
    expect(() =>
      mock.scenarios.respond('GET users/', { status, body: {} }),
    ).toThrow(
      `[syncano-mock] Failed to add a scenario: status "${String(status)}" is not an HTTP status. ` +
        'Expected an integer from 200 to 599.',
    )
  })

  test('throws given a body that is not JSON-serialisable', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular

    for (const body of [circular, 1n, () => 1]) {
      expect(() =>
        mock.scenarios.respond('GET users/', { status: 200, body }),
      ).toThrow(
        expect.objectContaining({
          name: 'SyncanoMockError',
          code: 'INVALID_OPTION',
          message: expect.stringMatching(
            /^\[syncano-mock\] Failed to add a scenario: the body cannot be sent as JSON/,
          ),
        }),
      )
    }
  })

  test('throws given a header that cannot be sent', () => {
    expect(() =>
      mock.scenarios.respond('GET users/', {
        status: 200,
        body: {},
        headers: { 'bad name': 'x' },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringMatching(
          /^\[syncano-mock\] Failed to add a scenario: the headers cannot be sent/,
        ),
      }),
    )
  })

  test('keeps the mock answering after a rejected reply', async () => {
    expect(() =>
      mock.scenarios.respond('GET users/', { status: 204, body: { a: 1 } }),
    ).toThrow()

    const answer = await call(mock, 'GET', 'users/', { apiKey: keys.account })

    expect(answer.status).toBe(200)
  })

  test('answers 204, 205 and 304 with no body given neither body nor detail', async () => {
    mock.scenarios.respond('GET users/', { status: 304 })
    mock.scenarios.respond('GET groups/', { status: 205 })

    const users = await call(mock, 'GET', 'users/', { apiKey: keys.account })
    const groups = await call(mock, 'GET', 'groups/', { apiKey: keys.account })

    expect([users.status, users.body, groups.status, groups.body]).toEqual([
      304,
      null,
      205,
      null,
    ])
  })

  test('sends the body as it was when the scenario was added', async () => {
    const body = { id: 1 }
    mock.scenarios.respond('GET users/1/', { status: 200, body })
    body.id = 2

    const answer = await call(mock, 'GET', 'users/1/', { apiKey: keys.account })

    expect(answer.body).toEqual({ id: 1 })
  })
})

describe('scenario arguments', () => {
  test.each([
    ['no reply', undefined, 'undefined'],
    ['a null reply', null, 'null'],
    ['a number as reply', 404, '404'],
  ])('respond() throws given %s and adds nothing', async (_, reply, shown) => {
    expect(() => mock.scenarios.respond('GET users/', reply as never)).toThrow(
      `[syncano-mock] Failed to add a scenario: the reply must be an object with a "status", got ${shown}.`,
    )
    expect(
      (await call(mock, 'GET', 'users/', { apiKey: keys.account })).status,
    ).toBe(200)
  })

  test.each([
    ['null', null, 'null'],
    ['a string', 'once', '"once"'],
    ['a once that is not a boolean', { once: 'yes' }, '{"once":"yes"}'],
  ])(
    'respond() and networkError() throw given %s as options and add nothing',
    async (_, options, shown) => {
      const message =
        '[syncano-mock] Failed to add a scenario: the options must be an ' +
        `object such as { once: true }, got ${shown}.`

      expect(() =>
        mock.scenarios.respond('GET users/', { status: 404 }, options as never),
      ).toThrow(message)
      expect(() =>
        mock.scenarios.networkError('GET users/', options as never),
      ).toThrow(message)
      expect(
        (await call(mock, 'GET', 'users/', { apiKey: keys.account })).status,
      ).toBe(200)
    },
  )
})

describe('scenario detail', () => {
  test.each([
    ['a number', 5, '5'],
    ['null', null, 'null'],
    ['an object', { a: 1 }, '{"a":1}'],
  ])(
    'respond() throws given %s as detail and adds nothing',
    async (_, detail, shown) => {
      expect(() =>
        mock.scenarios.respond('GET users/', {
          status: 400,
          detail: detail as never,
        }),
      ).toThrow(
        `[syncano-mock] Failed to add a scenario: detail ${shown} is not a string. ` +
          'Pass the message as a string, or any JSON as "body".',
      )
      expect(
        (await call(mock, 'GET', 'users/', { apiKey: keys.account })).status,
      ).toBe(200)
    },
  )
})

describe('scenario routes', () => {
  test.each([
    'users',
    'users/:id',
    '',
    'GET',
    'FOO users/',
    'users/?x=1',
    'users/:/',
  ])('throws given the route "%s", which matches nothing', async (route) => {
    const message =
      `route "${route}" matches no route of the users area. ` +
      'Write an optional method, then a path below instances/<name>/ that ends in "/" ' +
      '(":name" for any one segment) or in "*", such as "PATCH users/:id/", "users/2/" or "GET *".'

    expect(() => mock.scenarios.respond(route, { status: 404 })).toThrow(
      `[syncano-mock] Failed to add a scenario: ${message}`,
    )
    expect(() => mock.scenarios.networkError(route)).toThrow(
      `[syncano-mock] Failed to add a scenario: ${message}`,
    )
    expect(() => mock.scenarios.delay(10, route)).toThrow(
      `[syncano-mock] Failed to add a delay: ${message}`,
    )
    expect(
      (await call(mock, 'GET', 'users/1/', { apiKey: keys.account })).status,
    ).toBe(200)
  })
})

describe('scenarios.networkError', () => {
  test('rejects fetch with a TypeError once given once', async () => {
    mock.scenarios.networkError('POST user/auth/', { once: true })
    const body = { username: 'jane', password: 'secret' }

    await expect(
      call(mock, 'POST', 'user/auth/', { apiKey: keys.apiKey, body }),
    ).rejects.toThrow(new TypeError('Failed to fetch'))
    const retry = await call(mock, 'POST', 'user/auth/', {
      apiKey: keys.apiKey,
      body,
    })

    expect(retry.status).toBe(200)
    expect(mock.journal.entries.map((entry) => entry.status)).toEqual([0, 200])
  })

  test('keeps failing until reset() given no once', async () => {
    mock.scenarios.networkError('GET users/:id/')
    const read = () => call(mock, 'GET', 'users/1/', { apiKey: keys.account })

    await expect(read()).rejects.toThrow(new TypeError('Failed to fetch'))
    await expect(read()).rejects.toThrow(new TypeError('Failed to fetch'))
    await mock.reset()

    expect((await read()).status).toBe(200)
  })
})

describe('scenarios.delay', () => {
  test('delays one route and leaves the others on time', async () => {
    mock.scenarios.delay(150, 'GET users/:id/')

    const started = performance.now()
    await call(mock, 'GET', 'groups/1/', { apiKey: keys.account })
    const fast = performance.now() - started
    await call(mock, 'GET', 'users/1/', { apiKey: keys.account })
    const slow = performance.now() - started - fast

    expect(slow).toBeGreaterThanOrEqual(145)
    expect(fast).toBeLessThan(145)
  })

  test('delays every route given no route', async () => {
    mock.scenarios.delay(100)

    for (const path of ['users/1/', 'groups/1/', 'user/']) {
      const started = performance.now()
      await call(mock, 'GET', path, { apiKey: keys.account })
      expect(performance.now() - started).toBeGreaterThanOrEqual(95)
    }
  })

  test.each([
    ['-1', -1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['2147483648', 2 ** 31],
    ["'50'", '50' as unknown as number],
  ])('throws given %s milliseconds', (_, milliseconds) => {
    expect(() => mock.scenarios.delay(milliseconds)).toThrow(
      `[syncano-mock] Failed to add a delay: "${String(milliseconds)}" is not a number of milliseconds. ` +
        'Expected a number from 0 to 2147483647.',
    )
    expect(
      mock.scenarios.delayFor(
        placeOf('GET', '/v1.1/instances/my-instance/users/'),
      ),
    ).toBe(0)
  })
})

describe('a delayed request and reset()', () => {
  test('is answered after the reset, against the reset data', async () => {
    await call(mock, 'PATCH', 'users/1/', {
      apiKey: keys.account,
      body: { username: 'janet' },
    })
    mock.scenarios.delay(50, 'GET users/1/')
    mock.scenarios.respond('GET users/1/', { status: 404 })

    const waiting = call(mock, 'GET', 'users/1/', { apiKey: keys.account })
    await mock.reset()
    const answer = await waiting

    expect([
      answer.status,
      (answer.body as { username: string }).username,
    ]).toEqual([200, 'jane'])
    expect(mock.journal.entries.map((entry) => entry.route)).toEqual([
      'users/1/',
    ])
  })
})

describe('scenarios.rateLimit', () => {
  test.each([
    ['0', 0],
    ['-1', -1],
    ['NaN', Number.NaN],
    ['1.5', 1.5],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('throws given %s requests a second', async (_, perSecond) => {
    expect(() => mock.scenarios.rateLimit(perSecond)).toThrow(
      `[syncano-mock] Failed to set the rate limit: "${String(perSecond)}" is not a number of requests a second. ` +
        'Expected a positive integer, or null to switch the limit off.',
    )
    expect(
      (await call(mock, 'GET', 'users/1/', { apiKey: keys.account })).status,
    ).toBe(200)
  })

  test('answers 429 with Retry-After: 1 beyond the limit of a second', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'))
    mock.scenarios.rateLimit(2)

    const statuses = []
    for (let index = 0; index < 3; index++) {
      statuses.push(
        (await call(mock, 'GET', 'users/1/', { apiKey: keys.account })).status,
      )
    }
    const limited = await call(mock, 'GET', 'users/1/', {
      apiKey: keys.account,
    })
    vi.setSystemTime(new Date('2026-01-01T00:00:01.000Z'))
    const nextSecond = await call(mock, 'GET', 'users/1/', {
      apiKey: keys.account,
    })
    vi.useRealTimers()

    expect(statuses).toEqual([200, 200, 429])
    expect([
      limited.status,
      limited.body,
      limited.headers.get('retry-after'),
      limited.headers.get('allow'),
    ]).toEqual([429, throttled, '1', 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'])
    expect(nextSecond.status).toBe(200)
  })

  test('checks permissions before the limit', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'))
    mock.scenarios.rateLimit(1)
    await call(mock, 'GET', 'users/', { apiKey: keys.account })

    const anonymous = await call(mock, 'GET', 'users/')
    const badKey = await call(mock, 'GET', 'users/', {
      apiKey: 'f'.repeat(39) + '1',
    })
    const missing = await call(mock, 'GET', 'users/999/groups/', {
      apiKey: keys.account,
    })
    const limited = await call(mock, 'GET', 'users/', { apiKey: keys.account })
    vi.useRealTimers()

    expect([anonymous.status, anonymous.body]).toEqual([403, denied])
    expect([badKey.status, badKey.body]).toEqual([
      403,
      { detail: 'No such API Key.' },
    ])
    expect([missing.status, missing.body]).toEqual([
      404,
      { detail: 'User was not found.' },
    ])
    expect([limited.status, limited.body]).toEqual([429, throttled])
  })

  test('is off again after rateLimit(null)', async () => {
    mock.scenarios.rateLimit(1)
    mock.scenarios.rateLimit(null)
    await call(mock, 'GET', 'users/1/', { apiKey: keys.account })

    expect(
      (await call(mock, 'GET', 'users/1/', { apiKey: keys.account })).status,
    ).toBe(200)
  })
})

describe('scenarios.billing', () => {
  test('throws given an unknown billing state', async () => {
    expect(() =>
      mock.scenarios.billing('bogus' as keyof typeof BILLING_MESSAGES),
    ).toThrow(
      '[syncano-mock] Failed to set the billing state: unknown state "bogus". ' +
        'Expected "no_active_subscription", "hard_limit_reached", ' +
        '"free_limits_exceeded", "overdue_invoices" or null.',
    )
    expect(
      (await call(mock, 'GET', 'users/1/', { apiKey: keys.account })).status,
    ).toBe(200)
  })

  test.each(Object.entries(BILLING_MESSAGES))(
    'answers 403 with the message of %s',
    async (status, message) => {
      mock.scenarios.billing(status as keyof typeof BILLING_MESSAGES)

      const answer = await call(mock, 'PATCH', 'users/1/', {
        apiKey: keys.account,
        body: { username: 'x' },
      })

      expect([answer.status, answer.body, answer.headers.get('allow')]).toEqual(
        [403, { detail: message }, 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'],
      )
      expect(mock.data.user(1)?.username).toBe('jane')
    },
  )

  test('leaves the permission answer first on users/', async () => {
    mock.scenarios.billing('hard_limit_reached')

    const answer = await call(mock, 'GET', 'users/', { apiKey: keys.apiKey })

    expect([answer.status, answer.body]).toEqual([403, denied])
  })

  test('answers before the permission check on user/', async () => {
    mock.scenarios.billing('hard_limit_reached')

    const answer = await call(mock, 'GET', 'user/', { apiKey: keys.apiKey })

    expect([answer.status, answer.body]).toEqual([
      403,
      { detail: 'Hard limit reached.' },
    ])
  })

  test('negotiates as the handlers do before answering', async () => {
    mock.scenarios.billing('hard_limit_reached')

    const json = await call(mock, 'GET', 'users/1/', {
      apiKey: keys.account,
      headers: { accept: '*/json' },
    })
    const xml = await call(mock, 'GET', 'users/1/?format=xml', {
      apiKey: keys.account,
    })

    expect([json.status, json.body]).toEqual([
      403,
      { detail: 'Hard limit reached.' },
    ])
    expect([xml.status, xml.body]).toEqual([404, { detail: 'Not found' }])
  })

  test('is cleared by reset()', async () => {
    mock.scenarios.billing('overdue_invoices')
    await mock.reset()

    expect(
      (await call(mock, 'GET', 'users/1/', { apiKey: keys.account })).status,
    ).toBe(200)
  })
})

describe('scenarios answering HEAD', () => {
  const head = (path: string) =>
    mock.fetch(
      new Request(`${ORIGIN}/v1.1/instances/${INSTANCE}/${path}`, {
        method: 'HEAD',
        headers: { 'X-API-KEY': keys.account },
      }),
    )

  test('sends no body with a respond() answer', async () => {
    mock.scenarios.respond('HEAD users/1/', { status: 404 })

    const response = await head('users/1/')

    expect([response.status, await response.text()]).toEqual([404, ''])
    expect(mock.journal.last()?.scenario).toBe(true)
  })

  test('sends no body with the rate limit 429', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'))
    mock.scenarios.rateLimit(1)

    await head('users/')
    const limited = await head('users/')
    vi.useRealTimers()

    expect([
      limited.status,
      limited.headers.get('retry-after'),
      await limited.text(),
    ]).toEqual([429, '1', ''])
  })

  test('sends no body with the billing 403', async () => {
    mock.scenarios.billing('overdue_invoices')

    const response = await head('users/')

    expect([response.status, await response.text()]).toEqual([403, ''])
  })
})

describe('scenarios with msw', () => {
  const server = setupServer(...mock.handlers)
  const url = `${ORIGIN}/v1.1/instances/${INSTANCE}/users/1/`
  const headers = { 'X-API-KEY': keys.account }

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())
  beforeEach(() => server.resetHandlers())

  test('fails fetch through msw given a network error', async () => {
    mock.scenarios.networkError('GET users/1/')

    await expect(fetch(url, { headers })).rejects.toThrow('Failed to fetch')
  })

  test('sends no body with a scenario answer to HEAD through msw', async () => {
    mock.scenarios.respond('users/1/', { status: 200, body: { id: 1 } })
    mock.scenarios.billing('overdue_invoices')

    const answered = await fetch(url, { method: 'HEAD', headers })
    const groups = await fetch(url.replace('users/1/', 'groups/'), {
      method: 'HEAD',
      headers,
    })

    expect([answered.status, await answered.text()]).toEqual([200, ''])
    expect([groups.status, await groups.text()]).toEqual([403, ''])
  })

  test('gives way to a handler added with server.use()', async () => {
    mock.scenarios.respond('GET users/1/', { status: 404 })
    server.use(http.get(url, () => HttpResponse.json({ from: 'use' })))

    const response = await fetch(url, { headers })

    expect(await response.json()).toEqual({ from: 'use' })
    expect(mock.journal.entries).toEqual([])
  })
})
