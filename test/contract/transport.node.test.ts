// Contract of the transport around every view (spec 2.4 and 6): media types
// and body parsers, malformed JSON, content negotiation, the 405, CORS and
// the rendering of answers. Read from the server's settings/common.py
// (DEFAULT_PARSER_CLASSES, CORS_*), apps/core/parsers.py,
// apps/batch/parsers.py, apps/core/views.py (exception_handler),
// apps/core/renderers.py, DRF 3.7.7 request.py and negotiation.py, and
// django-cors-headers 3.2.1 corsheaders/middleware.py.
import { beforeEach, describe, expect, test } from 'vitest'
import {
  createSyncanoMock,
  type FixturesInput,
  type SyncanoMock,
} from '../../src/index.ts'
import { call } from '../support/call.ts'
import { INSTANCE, ORIGIN } from '../support/fixture-keys.ts'
import {
  storedProfileIdentity,
  storedUser,
  userBody,
} from '../client/support/bodies.ts'

const ACCOUNT = 'a000000000000000000000000000000000000002'
const PLAIN_KEY = 'b000000000000000000000000000000000000001'
const JANE_KEY = 'c000000000000000000000000000000000000000'

const STAFF = { id: 1, label: 'Staff', description: '' }

const fixtures: FixturesInput = {
  admins: [{ email: 'admin@example.com', account_key: ACCOUNT, role: 'full' }],
  instances: [
    {
      name: INSTANCE,
      owner: 'admin@example.com',
      api_keys: [{ api_key: PLAIN_KEY }],
      profile_schema: [{ name: 'nickname', type: 'string' }],
      groups: [{ id: 1, label: 'Staff' }],
      users: [
        {
          id: 1,
          username: 'jane',
          user_key: JANE_KEY,
          groups: [1],
          profile: { nickname: 'J' },
        },
        { id: 2, username: 'john', profile: { nickname: 'Johnny' } },
      ],
    },
  ],
}

const permissionDenied = {
  detail: 'You do not have permission to perform this action.',
}
const unsupportedXml = {
  detail: 'Unsupported media type "application/xml" in request.',
}
const notAcceptable = {
  detail: 'Could not satisfy the request Accept header.',
}
const missingName = {
  detail:
    'JSON parse error - Parse error at offset 1: Missing a name for object member.',
}

/** Jane (id 1) as the mock shows her now, with `changes` applied. */
function janeBody(
  mock: SyncanoMock,
  changes: { username?: string; nickname?: string } = {},
) {
  return userBody({
    id: 1,
    username: changes.username ?? 'jane',
    user_key: JANE_KEY,
    groups: [STAFF],
    profile: {
      ...storedProfileIdentity(mock, 1),
      // A change of a custom field is a new revision of the profile.
      revision: changes.nickname === undefined ? 1 : 2,
      data: { nickname: changes.nickname ?? 'J' },
    },
  })
}

/** A user the request created, read back from the mock. */
function createdBody(mock: SyncanoMock, id: number, username: string) {
  const stored = storedUser(mock, id)
  if (!stored) throw new Error(`Expected user ${id} to exist.`)

  return userBody({
    id,
    username,
    user_key: stored.user_key,
    groups: [],
    profile: { ...storedProfileIdentity(mock, id), data: { nickname: 'A' } },
  })
}

/** What a write must leave as it was when it fails. */
function snapshot(mock: SyncanoMock) {
  return structuredClone({
    users: mock.db.users.all(),
    profiles: mock.db.profiles.all(),
  })
}

/** The raw text of an answer, for what `JSON.parse` would hide. */
async function rawText(
  mock: SyncanoMock,
  method: string,
  path: string,
  body: string,
): Promise<string> {
  const response = await mock.fetch(
    new Request(`${ORIGIN}/v1.1/instances/${INSTANCE}/${path}`, {
      method,
      headers: { 'X-API-KEY': ACCOUNT, 'content-type': 'application/json' },
      body,
    }),
  )
  return response.text()
}

describe('PATCH users/<id>/ given a media type', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test('returns 415 and changes nothing given application/xml', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/1/', {
      apiKey: ACCOUNT,
      headers: { 'content-type': 'application/xml' },
      body: '<user><username>janet</username></user>',
    })

    expect(response.status).toBe(415)
    expect(response.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    )
    expect(response.body).toEqual(unsupportedXml)
    expect(snapshot(mock)).toEqual(before)
  })

  // DRF 3.7.7 request.py _parse raises UnsupportedMediaType(self.content_type),
  // the whole header.
  test('names the whole content type with its parameters in the 415', async () => {
    const response = await call(mock, 'PATCH', 'users/1/', {
      apiKey: ACCOUNT,
      headers: { 'content-type': 'application/xml; charset=utf-8' },
      body: '<user/>',
    })

    expect(response.status).toBe(415)
    expect(response.body).toEqual({
      detail:
        'Unsupported media type "application/xml; charset=utf-8" in request.',
    })
  })

  test('reads application/json with a charset parameter', async () => {
    const response = await call(mock, 'PATCH', 'users/1/', {
      apiKey: ACCOUNT,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ username: 'janet' }),
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(mock, { username: 'janet' }))
  })

  test('returns 400 with the parse error and changes nothing given malformed JSON', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'PATCH', 'users/1/', {
      apiKey: ACCOUNT,
      headers: { 'content-type': 'application/json' },
      body: '{',
    })

    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    )
    expect(response.body).toEqual(missingName)
    expect(snapshot(mock)).toEqual(before)
  })

  test.each([
    ['   ', 'Parse error at offset 3: The document is empty.'],
    ['[1,]', 'Parse error at offset 3: Invalid value.'],
    [
      '{"username": "janet",}',
      'Parse error at offset 21: Missing a name for object member.',
    ],
    [
      '{"username" "janet"}',
      'Parse error at offset 12: Missing a colon after a name of object member.',
    ],
    [
      '{} {}',
      'Parse error at offset 3: The document root must not be followed by other values.',
    ],
  ])(
    'returns 400 with the rapidjson message given the body %j',
    async (body, message) => {
      const response = await call(mock, 'PATCH', 'users/1/', {
        apiKey: ACCOUNT,
        headers: { 'content-type': 'application/json' },
        body,
      })

      expect(response.status).toBe(400)
      expect(response.body).toEqual({ detail: `JSON parse error - ${message}` })
    },
  )
})

describe('parse errors before other errors', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  // apps/core/views.py exception_handler reads request.POST before it
  // renders any error, so the body's own error replaces the first one.
  test.each<[string, string, string, string | undefined]>([
    ['no key', 'PATCH', 'users/1/', undefined],
    [
      'a key of no one',
      'PATCH',
      'users/1/',
      'a00000000000000000000000000000000000000e',
    ],
    ['an unknown instance', 'PATCH', 'users/1/', ACCOUNT],
    ['a missing nested parent', 'POST', 'users/99/groups/', ACCOUNT],
    ['a missing user', 'PATCH', 'users/99/', ACCOUNT],
    ['an unmapped method', 'PUT', 'users/', ACCOUNT],
  ])(
    'returns 400 for malformed JSON given %s',
    async (condition, method, path, apiKey) => {
      const response = await call(mock, method, path, {
        apiKey,
        instance: condition === 'an unknown instance' ? 'nowhere' : INSTANCE,
        headers: { 'content-type': 'application/json' },
        body: '{',
      })

      expect(response.status).toBe(400)
      expect(response.body).toEqual(missingName)
    },
  )

  test.each<[string, string, string, string | undefined]>([
    ['no key', 'PATCH', 'users/1/', undefined],
    ['an unknown instance', 'PATCH', 'users/1/', ACCOUNT],
    ['a missing nested parent', 'POST', 'groups/99/users/', ACCOUNT],
  ])(
    'returns 415 for application/xml given %s',
    async (condition, method, path, apiKey) => {
      const response = await call(mock, method, path, {
        apiKey,
        instance: condition === 'an unknown instance' ? 'nowhere' : INSTANCE,
        headers: { 'content-type': 'application/xml' },
        body: '<user/>',
      })

      expect(response.status).toBe(415)
      expect(response.body).toEqual(unsupportedXml)
    },
  )

  test('returns 400 for malformed JSON given an Accept it cannot satisfy', async () => {
    const response = await call(mock, 'PATCH', 'users/1/', {
      apiKey: ACCOUNT,
      headers: { 'content-type': 'application/json', accept: 'text/html' },
      body: '{',
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual(missingName)
  })

  test('returns the HTML 404 for malformed JSON given a path without its trailing slash', async () => {
    const response = await call(mock, 'PATCH', 'users/1', {
      apiKey: ACCOUNT,
      headers: { 'content-type': 'application/json' },
      body: '{',
    })

    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('text/html')
  })
})

describe('GET users/<id>/ given an Accept header', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test.each(['text/html', 'application/xml', 'text/*'])(
    'returns 406 given Accept %s',
    async (accept) => {
      const response = await call(mock, 'GET', 'users/1/', {
        apiKey: ACCOUNT,
        headers: { accept },
      })

      expect(response.status).toBe(406)
      expect(response.headers.get('content-type')).toBe(
        'application/json; charset=utf-8',
      )
      expect(response.body).toEqual(notAcceptable)
    },
  )

  test.each([
    'application/json',
    '*/*',
    'application/*',
    'text/html, application/json;q=0.9',
    'application/json; indent=4',
  ])('returns the user given Accept %s', async (accept) => {
    const response = await call(mock, 'GET', 'users/1/', {
      apiKey: ACCOUNT,
      headers: { accept },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(mock))
  })

  test('returns 406 before authentication given no key', async () => {
    const response = await call(mock, 'GET', 'users/1/', {
      headers: { accept: 'text/html' },
    })

    expect(response.status).toBe(406)
    expect(response.body).toEqual(notAcceptable)
  })

  // DRF's `_MediaType.match` takes `*` on either side of the slash.
  test.each(['*/json', 'text/html, */JSON; q=0.1'])(
    'returns the user given Accept %s',
    async (accept) => {
      const response = await call(mock, 'GET', 'users/1/', {
        apiKey: ACCOUNT,
        headers: { accept },
      })

      expect(response.status).toBe(200)
      expect(response.body).toEqual(janeBody(mock))
    },
  )

  // `get_accept_list` falls back to `*/*` only when the header is absent;
  // an empty one is a single empty media type, which nothing matches.
  test.each(['', ' ', 'application', 'application/json/x'])(
    'returns 406 given Accept "%s"',
    async (accept) => {
      const response = await call(mock, 'GET', 'users/1/', {
        apiKey: ACCOUNT,
        headers: { accept },
      })

      expect(response.status).toBe(406)
      expect(response.body).toEqual(notAcceptable)
    },
  )
})

// DRF 3.7.7's `DefaultContentNegotiation.filter_renderers` keeps the
// renderers whose `format` is the `format` query parameter and raises
// Http404 when none is left; the only renderer is JSON's (`json`).
describe('GET users/<id>/ given a format query parameter', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test.each(['json', ''])(
    'returns the user given format=%s',
    async (format) => {
      const response = await call(mock, 'GET', `users/1/?format=${format}`, {
        apiKey: ACCOUNT,
      })

      expect(response.status).toBe(200)
      expect(response.body).toEqual(janeBody(mock))
    },
  )

  test.each(['xml', 'api', 'JSON'])(
    'returns 404 "Not found" given format=%s',
    async (format) => {
      const response = await call(mock, 'GET', `users/1/?format=${format}`, {
        apiKey: ACCOUNT,
      })

      expect(response.status).toBe(404)
      expect(response.body).toEqual({ detail: 'Not found' })
    },
  )

  test('returns 404 "Not found." in the server dialect', async () => {
    const server = createSyncanoMock({ fixtures, dialect: 'server' })
    const response = await call(server, 'GET', 'users/1/?format=xml', {
      apiKey: ACCOUNT,
    })

    expect(response.status).toBe(404)
    expect(response.body).toEqual({ detail: 'Not found.' })
  })

  test('returns 404 before authentication given no key', async () => {
    const response = await call(mock, 'GET', 'users/?format=xml')

    expect(response.status).toBe(404)
    expect(response.body).toEqual({ detail: 'Not found' })
  })

  test('returns 404 before 406 given an Accept it cannot satisfy', async () => {
    const response = await call(mock, 'GET', 'users/1/?format=xml', {
      apiKey: ACCOUNT,
      headers: { accept: 'text/html' },
    })

    expect(response.status).toBe(404)
    expect(response.body).toEqual({ detail: 'Not found' })
  })

  test('returns 406 given format=json and an Accept it cannot satisfy', async () => {
    const response = await call(mock, 'GET', 'users/1/?format=json', {
      apiKey: ACCOUNT,
      headers: { accept: 'text/html' },
    })

    expect(response.status).toBe(406)
    expect(response.body).toEqual(notAcceptable)
  })

  test('returns 404 and changes nothing given a PATCH with format=xml', async () => {
    const response = await call(mock, 'PATCH', 'users/1/?format=xml', {
      apiKey: ACCOUNT,
      body: { username: 'janet' },
    })

    expect(response.status).toBe(404)
    expect(response.body).toEqual({ detail: 'Not found' })
    expect(storedUser(mock, 1)?.username).toBe('jane')
  })
})

describe.each([
  ['PATCH', { username: 'janet', _method: 'PATCH' }],
  ['PUT', { username: 'janet', password: 'secret', _method: 'PUT' }],
])('POST users/<id>/ as text/plain naming %s', (_, fields) => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test('updates the user given _method and _api_key in the body', async () => {
    const response = await call(mock, 'POST', 'users/1/', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ ...fields, _api_key: ACCOUNT }),
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(mock, { username: 'janet' }))
    expect(storedUser(mock, 1)?.username).toBe('janet')
  })
})

describe('POST users/<id>/ as text/plain', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test('returns the user given _method GET', async () => {
    const response = await call(mock, 'POST', 'users/1/', {
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ _method: 'GET', _api_key: ACCOUNT }),
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(mock))
  })

  test('deletes the user given _method DELETE', async () => {
    const response = await call(mock, 'POST', 'users/1/', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ _method: 'DELETE', _api_key: ACCOUNT }),
    })

    expect(response.status).toBe(204)
    expect(response.body).toBeNull()
    expect(storedUser(mock, 1)).toBeUndefined()
  })

  test('returns 405 and changes nothing given _method in a JSON body', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/1/', {
      body: { _method: 'PATCH', username: 'janet', _api_key: ACCOUNT },
    })

    expect(response.status).toBe(405)
    expect(response.body).toEqual({ detail: 'Method "POST" not allowed.' })
    expect(snapshot(mock)).toEqual(before)
  })

  // The parser applies `_method` when the body is first read. Keys in
  // headers spare authentication that read, so the view is dispatched as
  // the POST it is (`PreflightParser` in apps/batch/parsers.py).
  test('returns 405 and changes nothing given _method and an account key in a header', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/1/', {
      apiKey: ACCOUNT,
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ _method: 'PATCH', username: 'janet' }),
    })

    expect(response.status).toBe(405)
    expect(response.body).toEqual({ detail: 'Method "POST" not allowed.' })
    expect(snapshot(mock)).toEqual(before)
  })

  test('returns 405 and changes nothing given _method and both keys in headers', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/1/', {
      apiKey: PLAIN_KEY,
      userKey: JANE_KEY,
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ _method: 'PATCH', username: 'janet' }),
    })

    expect(response.status).toBe(405)
    expect(response.body).toEqual({ detail: 'Method "POST" not allowed.' })
    expect(snapshot(mock)).toEqual(before)
  })

  // Without a user key in a header, authentication reads `_user_key` from
  // the body, and with it `_method`.
  test('updates the user given _method, an API key header and _user_key', async () => {
    const response = await call(mock, 'POST', 'users/1/', {
      apiKey: PLAIN_KEY,
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({
        _method: 'PATCH',
        username: 'janet',
        _user_key: JANE_KEY,
      }),
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(mock, { username: 'janet' }))
    expect(storedUser(mock, 1)?.username).toBe('janet')
  })

  test('returns 405 given a _method the parser does not know', async () => {
    const response = await call(mock, 'POST', 'users/1/', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ _method: 'patch', _api_key: ACCOUNT }),
    })

    expect(response.status).toBe(405)
    expect(response.body).toEqual({ detail: 'Method "POST" not allowed.' })
  })

  test('returns 400 with the parse error given malformed text', async () => {
    const response = await call(mock, 'POST', 'users/1/', {
      headers: { 'content-type': 'text/plain' },
      body: '{',
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual(missingName)
  })
})

describe('POST users/ given a form', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test('creates the user with its nested profile given a URL-encoded form', async () => {
    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=ann&password=pw&profile.nickname=A',
    })

    expect(response.status).toBe(201)
    expect(response.body).toEqual(createdBody(mock, 3, 'ann'))
  })

  test('creates the user with its nested profile given a multipart form', async () => {
    const form = new FormData()
    form.set('username', 'ann')
    form.set('password', 'pw')
    form.set('profile.nickname', 'A')

    const response = await call(mock, 'POST', 'users/', {
      apiKey: ACCOUNT,
      body: form,
    })

    expect(response.status).toBe(201)
    expect(response.body).toEqual(createdBody(mock, 3, 'ann'))
  })

  test('reads _api_key from a URL-encoded form', async () => {
    const response = await call(mock, 'POST', 'users/', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=ann&password=pw&profile.nickname=A&_api_key=${ACCOUNT}`,
    })

    expect(response.status).toBe(201)
    expect(response.body).toEqual(createdBody(mock, 3, 'ann'))
  })

  test('reads _api_key from a multipart form', async () => {
    const form = new FormData()
    form.set('username', 'ann')
    form.set('password', 'pw')
    form.set('profile.nickname', 'A')
    form.set('_api_key', ACCOUNT)

    const response = await call(mock, 'POST', 'users/', { body: form })

    expect(response.status).toBe(201)
    expect(response.body).toEqual(createdBody(mock, 3, 'ann'))
  })

  test('returns 403 and creates nothing given a form without a key', async () => {
    const before = snapshot(mock)

    const response = await call(mock, 'POST', 'users/', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=ann&password=pw',
    })

    expect(response.status).toBe(403)
    expect(response.body).toEqual(permissionDenied)
    expect(snapshot(mock)).toEqual(before)
  })
})

describe('PATCH users/<id>/ given keys in the body', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test('updates the user given _api_key in a JSON body', async () => {
    const response = await call(mock, 'PATCH', 'users/1/', {
      body: { _api_key: ACCOUNT, profile: { nickname: 'Jay' } },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(mock, { nickname: 'Jay' }))
  })

  test('updates the nested profile given a multipart form', async () => {
    const form = new FormData()
    form.set('profile.nickname', 'Jay')

    const response = await call(mock, 'PATCH', 'users/1/', {
      apiKey: ACCOUNT,
      body: form,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(mock, { nickname: 'Jay' }))
  })
})

describe('PATCH user/ given keys in the body', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test('updates the caller given _user_key in a JSON body', async () => {
    const response = await call(mock, 'PATCH', 'user/', {
      apiKey: PLAIN_KEY,
      body: { _user_key: JANE_KEY, username: 'janet' },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(mock, { username: 'janet' }))
    expect(storedUser(mock, 1)?.username).toBe('janet')
  })

  test('updates the caller given _api_key and _user_key in a URL-encoded form', async () => {
    const response = await call(mock, 'PATCH', 'user/', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `_api_key=${PLAIN_KEY}&_user_key=${JANE_KEY}&username=janet`,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(mock, { username: 'janet' }))
  })
})

describe('PUT users/', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  test('returns 405 with the Allow header given an account key', async () => {
    const response = await call(mock, 'PUT', 'users/', {
      apiKey: ACCOUNT,
      body: { username: 'ann', password: 'pw' },
    })

    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS')
    expect(response.body).toEqual({ detail: 'Method "PUT" not allowed.' })
  })

  test('returns 403 before the 405 given no key', async () => {
    const response = await call(mock, 'PUT', 'users/', {
      body: { username: 'ann', password: 'pw' },
    })

    expect(response.status).toBe(403)
    expect(response.body).toEqual(permissionDenied)
  })
})

describe('CORS headers', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())
  const origin = { origin: 'https://app.example.com' }

  test('sends Vary: Origin and no allowed origin given no Origin', async () => {
    const response = await call(mock, 'GET', 'users/1/', { apiKey: ACCOUNT })

    expect(response.status).toBe(200)
    expect(response.headers.get('vary')).toBe('Origin')
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  test.each<[string, string, string | undefined, number]>([
    ['an answer', 'users/1/', ACCOUNT, 200],
    ['a 403', 'users/1/', undefined, 403],
    ['a 404 of a missing user', 'users/99/', ACCOUNT, 404],
    ['a 404 of a missing instance', 'users/1/', ACCOUNT, 404],
    [
      'the HTML 404 of a path without its trailing slash',
      'users/1',
      ACCOUNT,
      404,
    ],
  ])(
    'allows any origin on %s given an Origin',
    async (condition, path, apiKey, status) => {
      const response = await call(mock, 'GET', path, {
        apiKey,
        headers: origin,
        instance: condition.includes('instance') ? 'nowhere' : INSTANCE,
      })

      expect(response.status).toBe(status)
      expect(response.headers.get('vary')).toBe('Origin')
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(
        response.headers.get('access-control-allow-credentials'),
      ).toBeNull()
    },
  )

  test('allows any origin on a 406 given an Origin', async () => {
    const response = await call(mock, 'GET', 'users/1/', {
      apiKey: ACCOUNT,
      headers: { ...origin, accept: 'text/html' },
    })

    expect(response.status).toBe(406)
    expect(response.headers.get('vary')).toBe('Origin')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })
})

describe('OPTIONS preflight', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())
  const preflight = {
    origin: 'https://app.example.com',
    'access-control-request-method': 'PATCH',
    'access-control-request-headers': 'x-api-key, content-type',
  }

  test.each([
    ['a user', 'users/1/', INSTANCE],
    ['an unknown instance', 'users/1/', 'nowhere'],
    ['a path without its trailing slash', 'users/1', INSTANCE],
  ])(
    'answers 200 and empty with the CORS grant given %s',
    async (_, path, instance) => {
      const response = await call(mock, 'OPTIONS', path, {
        headers: preflight,
        instance,
      })

      expect(response.status).toBe(200)
      expect(response.body).toBeNull()
      expect(Object.fromEntries(response.headers)).toEqual({
        'access-control-allow-headers':
          'accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with, x-api-key, x-user-key',
        'access-control-allow-methods':
          'DELETE, GET, OPTIONS, PATCH, POST, PUT',
        'access-control-allow-origin': '*',
        'access-control-max-age': '86400',
        'content-length': '0',
        vary: 'Origin',
      })
    },
  )

  test('answers 200 and empty before parsing a malformed body', async () => {
    const response = await call(mock, 'OPTIONS', 'users/1/', {
      headers: { ...preflight, 'content-type': 'application/json' },
      body: '{',
    })

    expect(response.status).toBe(200)
    expect(response.body).toBeNull()
  })

  test('sends only Vary: Origin and the length given no Origin', async () => {
    const response = await call(mock, 'OPTIONS', 'users/1/', {
      headers: { 'access-control-request-method': 'PATCH' },
    })

    expect(response.status).toBe(200)
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-length': '0',
      vary: 'Origin',
    })
  })
})

describe('PATCH users/<id>/ rendering', () => {
  const mock = createSyncanoMock({ fixtures })
  beforeEach(() => mock.reset())

  // apps/core/renderers.py: compact separators and ensure_ascii=False.
  test('writes non-ASCII characters as raw UTF-8 in compact JSON', async () => {
    const text = await rawText(
      mock,
      'PATCH',
      'users/1/',
      JSON.stringify({ username: 'Żółć' }),
    )

    expect(text).toContain('{"id":1,"username":"Żółć","profile":{')
    expect(text).not.toMatch(/\\u|": |, "/)
    expect(JSON.parse(text)).toEqual(janeBody(mock, { username: 'Żółć' }))
  })

  // Spec 5: fields and excluded_fields are read on GET only.
  test('returns the whole user given fields on a PATCH', async () => {
    const response = await call(mock, 'PATCH', 'users/1/?fields=id', {
      apiKey: ACCOUNT,
      body: { username: 'janet' },
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual(janeBody(mock, { username: 'janet' }))
  })

  test('keeps only the asked fields given fields on a GET', async () => {
    const response = await call(mock, 'GET', 'users/1/?fields=id', {
      apiKey: ACCOUNT,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ id: 1 })
  })
})
