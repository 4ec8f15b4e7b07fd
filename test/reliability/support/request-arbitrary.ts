import fc from 'fast-check'
import { allKeys, PASSWORD_MARK, worldKeys } from './world.ts'

/** A generated request, kept as parts so a failure prints readably. */
export interface RequestSpec {
  method: string
  path: string
  query: Array<[string, string]>
  headers: Array<[string, string]>
  body: Uint8Array | null
}

const ORIGIN = 'https://api.syncano.io'

/**
 * Builds the fetch `Request` of a spec.
 *
 * @example
 * await mock.fetch(toRequest(spec))
 */
export function toRequest(spec: RequestSpec, origin = ORIGIN): Request {
  const url = new URL(`${origin}${spec.path}`)
  for (const [name, value] of spec.query) url.searchParams.append(name, value)
  const bodyless = spec.method === 'GET' || spec.method === 'HEAD'

  return new Request(url, {
    method: spec.method,
    headers: spec.headers,
    body: bodyless || spec.body === null ? null : (spec.body as BodyInit),
  })
}

/** A short, readable form of a spec for failure messages. */
export function describeSpec(spec: RequestSpec): string {
  const query = new URLSearchParams(spec.query).toString()
  const body = spec.body ? new TextDecoder().decode(spec.body) : ''
  return `${spec.method} ${spec.path}${query ? `?${query}` : ''} ${JSON.stringify(spec.headers)} ${body.slice(0, 200)}`
}

const junkText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('', ' ', '\u0000', 'null', '../', '%00', '😀', 'ñ', 'İ'),
)

/** Latin-1 text: what a header value may carry. */
const headerText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .map((code) => String.fromCharCode(code)),
  maxLength: 50,
})

const keyLike = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...allKeys) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...allKeys).map((key) => key.toUpperCase()),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...allKeys).map((key) => key.slice(0, -1) + 'x'),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{40}$/) },
  { weight: 1, arbitrary: headerText },
)

const idSegment = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 40 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0',
      '-1',
      '1.5',
      'abc',
      '%31',
      '01',
      '2147483647',
      '2147483648',
      '99999999999999999999',
      '1e3',
      '%2E',
      '%2F',
      ' 1',
      '١',
      '%FF',
      '..',
    ),
  },
)

const instanceSegment = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('alpha', 'alpha', 'beta', 'ALPHA') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'gamma',
      'al%70ha',
      'a'.repeat(65),
      '%00',
      'alpha%2Fusers',
    ),
  },
)

/** The routes of the users area, with holes for ids. */
const routeArbitrary = fc.oneof(
  fc.constant('users/'),
  idSegment.map((id) => `users/${id}/`),
  idSegment.map((id) => `users/${id}/reset_key/`),
  idSegment.map((id) => `users/${id}/groups/`),
  fc
    .tuple(idSegment, idSegment)
    .map(([user, group]) => `users/${user}/groups/${group}/`),
  fc.constant('groups/'),
  idSegment.map((id) => `groups/${id}/`),
  idSegment.map((id) => `groups/${id}/users/`),
  fc
    .tuple(idSegment, idSegment)
    .map(([group, user]) => `groups/${group}/users/${user}/`),
  fc.constant('user/'),
  fc.constant('user/auth/'),
  fc
    .constantFrom('facebook', 'github', 'google-oauth2', 'myspace', '%20')
    .map((backend) => `user/auth/${backend}/`),
  fc.constant('classes/user_profile/objects/'),
  idSegment.map((id) => `classes/user_profile/objects/${id}/`),
)

const pathArbitrary = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(
        fc.constantFrom('v1.1', 'v1.1', 'v1'),
        instanceSegment,
        routeArbitrary,
      )
      .map(
        ([version, instance, route]) =>
          `/${version}/instances/${instance}/${route}`,
      ),
  },
  {
    weight: 2,
    // Without the trailing slash, with doubled slashes or another version.
    arbitrary: fc
      .tuple(
        instanceSegment,
        routeArbitrary,
        fc.constantFrom('strip', 'double', 'v2', 'upper'),
      )
      .map(([instance, route, twist]) => {
        const path = `/v1.1/instances/${instance}/${route}`
        if (twist === 'strip') return path.slice(0, -1)
        if (twist === 'double') return path.replace('/users', '//users')
        if (twist === 'v2') return path.replace('/v1.1/', '/v2/')
        return path.toUpperCase()
      }),
  },
  {
    weight: 1,
    arbitrary: junkText.map((text) => `/${encodeURIComponent(text)}/`),
  },
)

const queryArbitrary = fc.array(
  fc.tuple(
    fc.constantFrom(
      'page_size',
      'ordering',
      'direction',
      'last_pk',
      'fields',
      'excluded_fields',
      'username__startswith',
      'label__startswith',
      'api_key',
      'apikey',
      'user_key',
      'userkey',
      'junk',
    ),
    fc.oneof(
      fc.constantFrom(
        '0',
        '1',
        '2',
        '-1',
        '100',
        '101',
        '1.5',
        'asc',
        'DESC',
        'id,username',
        'profile,links',
        'a',
        '9999999999',
      ),
      keyLike,
      junkText,
    ),
  ),
  { maxLength: 4 },
)

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zz',
  'multipart/form-data',
  'application/xml',
  'APPLICATION/JSON',
  '',
  ';;',
)

const junkHeaders = fc.record(
  {
    'x-api-key': keyLike,
    'x-user-key': keyLike,
    authorization: fc.oneof(
      keyLike.map((key) => `Token ${key}`),
      keyLike.map((key) => `Bearer  ${key}`),
      headerText,
    ),
    accept: fc.constantFrom(
      '*/*',
      'application/json',
      'text/html',
      'application/*;q=0.1',
      '',
      'image/png, */*',
    ),
    origin: fc.constantFrom('https://app.example.com', 'null'),
    'access-control-request-method': fc.constantFrom('PATCH', 'GET'),
    'content-type': contentType,
    'x-junk': headerText,
  },
  { requiredKeys: [] },
)

/** Mostly what a working client sends: a real key or two and JSON. */
const saneHeaders = fc.record(
  {
    'x-api-key': fc.constantFrom(...allKeys),
    'x-user-key': fc.constantFrom(...allKeys),
    'content-type': fc.constant('application/json'),
  },
  { requiredKeys: ['x-api-key', 'content-type'] },
)

const headersArbitrary = fc
  .oneof(
    { weight: 3, arbitrary: saneHeaders },
    { weight: 2, arbitrary: junkHeaders },
  )
  .map((headers) => Object.entries(headers))

/** Values of every JSON type, nested, with odd strings. */
const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e300, 2147483648),
    fc.integer({ min: 1, max: 40 }),
    junkText,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(junkText, tie('value'), { maxKeys: 3 }),
  ),
})).value

const fieldValue = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z][a-z0-9 _-]{0,10}$/) },
  { weight: 2, arbitrary: jsonValue },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'x'.repeat(65),
      ' '.repeat(3),
      'Ann',
      'BOB ',
      'a'.repeat(257),
    ),
  },
)

const profileArbitrary = fc.record(
  {
    nickname: fc.oneof(
      { weight: 9, arbitrary: fieldValue },
      { weight: 1, arbitrary: fc.constant('h'.repeat(33_000)) },
    ),
    age: fc.oneof(fc.integer(), fieldValue),
    score: fc.oneof(fc.double(), fieldValue),
    active: fc.oneof(fc.boolean(), fieldValue),
    born: fc.oneof(fc.constant('2020-01-01T00:00:00Z'), fieldValue),
    owner_permissions: fc.oneof(
      fc.constantFrom('none', 'read', 'write', 'full', 0, '3', 4),
      fieldValue,
    ),
    group_permissions: fc.constantFrom('none', 'full', 'wrong'),
    other_permissions: fc.constantFrom('read', 2),
    group: fc.oneof(fc.integer({ min: 0, max: 40 }), fieldValue),
    channel: fc.constantFrom(null, 'default', 'nope'),
    owner: fc.integer({ min: 1, max: 5 }),
    id: fc.integer({ min: 1, max: 5 }),
  },
  { requiredKeys: [] },
)

/** Bodies shaped like the API's, with wrong types mixed in. */
const objectBody = fc.record(
  {
    username: fieldValue,
    password: fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .string({ maxLength: 8 })
          .map((text) => `${PASSWORD_MARK}${text}`),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          `${PASSWORD_MARK}${'p'.repeat(130)}`,
          1234,
          null,
          '',
        ),
      },
    ),
    profile: fc.oneof(
      { weight: 3, arbitrary: profileArbitrary },
      { weight: 1, arbitrary: jsonValue },
    ),
    group: fc.oneof(fc.integer({ min: 0, max: 40 }), fieldValue),
    user: fc.oneof(fc.integer({ min: 0, max: 8 }), fieldValue),
    name: fieldValue,
    label: fieldValue,
    description: fieldValue,
    access_token: fc.constantFrom('token-ann', 'token-new', 'bad', ''),
    _api_key: keyLike,
    _user_key: keyLike,
    _method: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'GET', 'POST', 'TRACE'),
    id: fc.integer({ min: 1, max: 5 }),
    user_key: keyLike,
  },
  { requiredKeys: [] },
)

const encoder = new TextEncoder()

/** A value as a form field carries it. */
function formText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
}

const bodyArbitrary: fc.Arbitrary<Uint8Array | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  {
    weight: 10,
    arbitrary: objectBody.map((body) => encoder.encode(JSON.stringify(body))),
  },
  {
    weight: 2,
    arbitrary: jsonValue.map((body) =>
      encoder.encode(JSON.stringify(body) ?? ''),
    ),
  },
  {
    weight: 2,
    // Truncated JSON: a prefix of a valid body.
    arbitrary: fc.tuple(objectBody, fc.nat()).map(([body, cut]) => {
      const text = JSON.stringify(body)
      return encoder.encode(text.slice(0, cut % Math.max(text.length, 1)))
    }),
  },
  {
    weight: 2,
    arbitrary: objectBody.map((body) =>
      encoder.encode(
        new URLSearchParams(
          Object.entries(body).map(([name, value]) => [name, formText(value)]),
        ).toString(),
      ),
    ),
  },
  {
    weight: 1,
    // Bytes that are not UTF-8, alone or inside a JSON string.
    arbitrary: fc
      .uint8Array({ maxLength: 40 })
      .map((bytes) =>
        Uint8Array.from([
          ...encoder.encode('{"username":"'),
          ...bytes,
          0xff,
          0xc3,
          ...encoder.encode('"}'),
        ]),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constant(
      encoder.encode(`{"username":"${'u'.repeat(100_000)}"}`),
    ),
  },
  {
    weight: 1,
    arbitrary: objectBody.map((body) => {
      const parts = Object.entries(body).map(
        ([name, value]) =>
          `--zz\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${formText(value)}\r\n`,
      )
      return encoder.encode(`${parts.join('')}--zz--\r\n`)
    }),
  },
)

const methodArbitrary = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
  },
  { weight: 2, arbitrary: fc.constantFrom('HEAD', 'OPTIONS') },
  { weight: 1, arbitrary: fc.constantFrom('patch', 'Post', 'PROPFIND', 'FOO') },
)

/** Any request: real routes with odd ids, odd methods, keys and bodies. */
const wildRequest: fc.Arbitrary<RequestSpec> = fc.record({
  method: methodArbitrary,
  path: pathArbitrary,
  query: queryArbitrary,
  headers: headersArbitrary,
  body: bodyArbitrary,
})

const smallId = fc.integer({ min: 1, max: 8 })
const groupId = fc.integer({ min: 1, max: 36 })
const writerKey = fc.constantFrom(
  worldKeys.owner,
  worldKeys.owner,
  worldKeys.ignoreAcl,
  worldKeys.userCreate,
  worldKeys.groupCreate,
  worldKeys.reader,
)
const userKey = fc.constantFrom(
  worldKeys.ann,
  worldKeys.bob,
  worldKeys.cat,
  worldKeys.dan,
)
const username = fc.oneof(
  fc.constantFrom('ann', 'Bob', ' eve ', 'FRED', 'zoë', 'a b'),
  fc.stringMatching(/^[a-zA-Z][a-z0-9]{0,6}$/),
)

/** The calls a working client makes, which change the data. */
const operation: fc.Arbitrary<[string, string, unknown]> = fc.oneof(
  fc.tuple(
    fc.constant('POST'),
    fc.constant('users/'),
    fc.record(
      { username, password: fc.constant(`${PASSWORD_MARK}new`) },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(
    fc.constantFrom('PATCH', 'PUT'),
    smallId.map((id) => `users/${id}/`),
    fc.record(
      {
        username,
        password: fc.constant(`${PASSWORD_MARK}put`),
        profile: profileArbitrary,
      },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(
    fc.constant('DELETE'),
    smallId.map((id) => `users/${id}/`),
    fc.constant(undefined),
  ),
  fc.tuple(
    fc.constant('POST'),
    smallId.map((id) => `users/${id}/reset_key/`),
    fc.constant(undefined),
  ),
  fc.tuple(
    fc.constant('POST'),
    smallId.map((id) => `users/${id}/groups/`),
    groupId.map((group) => ({ group })),
  ),
  fc.tuple(
    fc.constant('POST'),
    groupId.map((id) => `groups/${id}/users/`),
    smallId.map((user) => ({ user })),
  ),
  fc.tuple(
    fc.constant('DELETE'),
    fc
      .tuple(smallId, groupId)
      .map(([user, group]) => `users/${user}/groups/${group}/`),
    fc.constant(undefined),
  ),
  fc.tuple(
    fc.constant('DELETE'),
    fc
      .tuple(groupId, smallId)
      .map(([group, user]) => `groups/${group}/users/${user}/`),
    fc.constant(undefined),
  ),
  fc.tuple(
    fc.constant('POST'),
    fc.constant('groups/'),
    fc.record({ name: fieldValue, label: fieldValue }, { requiredKeys: [] }),
  ),
  fc.tuple(
    fc.constantFrom('PATCH', 'PUT', 'DELETE'),
    groupId.map((id) => `groups/${id}/`),
    fc.record(
      { name: fieldValue, description: fieldValue },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(
    fc.constantFrom('PATCH', 'PUT'),
    fc.constant('user/'),
    fc.record({ username, profile: profileArbitrary }, { requiredKeys: [] }),
  ),
  fc.tuple(
    fc.constantFrom('PATCH', 'PUT'),
    smallId.map((id) => `classes/user_profile/objects/${id}/`),
    profileArbitrary,
  ),
  fc.tuple(
    fc.constant('POST'),
    fc.constant('user/auth/'),
    fc.record({
      username,
      password: fc.constantFrom(
        `${PASSWORD_MARK}ann`,
        `${PASSWORD_MARK}new`,
        'wrong',
      ),
    }),
  ),
  fc.tuple(
    fc.constant('POST'),
    fc.constantFrom('user/auth/facebook/', 'user/auth/github/'),
    fc.record({
      access_token: fc.constantFrom('token-ann', 'token-new', 'nope'),
    }),
  ),
)

const workingRequest: fc.Arbitrary<RequestSpec> = fc
  .tuple(
    operation,
    fc.constantFrom('alpha', 'alpha', 'alpha', 'beta'),
    writerKey,
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: userKey },
    ),
  )
  .map(([[method, route, body], instance, apiKey, user]) => ({
    method,
    path: `/v1.1/instances/${instance}/${route}`,
    query: [],
    headers: [
      ['x-api-key', user ? worldKeys.ignoreAcl : apiKey],
      ...(user ? [['x-user-key', user] as [string, string]] : []),
      ['content-type', 'application/json'],
    ],
    body: body === undefined ? null : encoder.encode(JSON.stringify(body)),
  }))

/**
 * Requests of every shape a client can send to the users area: real routes
 * with odd ids, wrong methods, keys in every source and of every kind, and
 * bodies of every media type, broken or not; half of them the calls of a
 * working client, so the data keeps changing under the checks.
 */
export const requestArbitrary: fc.Arbitrary<RequestSpec> = fc.oneof(
  { weight: 2, arbitrary: wildRequest },
  { weight: 3, arbitrary: workingRequest },
)
