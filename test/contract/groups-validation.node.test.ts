// Validation of group writes (spec 3.3): GroupSerializer in
// apps/users/v1/serializers.py, with the model validators of
// StrippedSlugField (apps/core/fields.py) collected in order. The server's
// apps/users/tests/test_group_api.py pins only the happy paths; the
// messages here are read from the serializer, the model and DRF 3.7.7.
import { describe, expect, test } from 'vitest'
import { createSyncanoMock, type Dialect } from '../../src/index.ts'
import type { FixturesInput } from '../../src/index.ts'
import { call } from '../support/call.ts'

const ACCOUNT = 'a000000000000000000000000000000000000000'

const fixtures: FixturesInput = {
  admins: [{ email: 'owner@example.com', account_key: ACCOUNT }],
  instances: [
    {
      name: 'my-instance',
      owner: 'owner@example.com',
      groups: [
        { id: 1, name: 'staff', label: 'Staff', description: 'All' },
        { id: 2, label: 'misc' },
      ],
    },
  ],
}

const START = 'Value has to start with a letter.'
const END = 'Value has to end with a letter or a number.'
const SLUG =
  'Enter a valid value consisting of letters, numbers, underscores, hyphens.'

function mockOf(dialect: Dialect = 'server') {
  return createSyncanoMock({ fixtures, dialect })
}

type Mock = ReturnType<typeof mockOf>

/** The whole body of a group in the server dialect. */
function groupBody(
  id: number,
  values: { name?: string | null; label?: string; description?: string },
) {
  const self = `/v1.1/instances/my-instance/groups/${id}/`
  return {
    id,
    name: values.name ?? null,
    label: values.label ?? '',
    description: values.description ?? '',
    links: { self, users: `${self}users/` },
  }
}

/** Every group as an admin reads it, to check that nothing changed. */
async function snapshot(mock: Mock) {
  const { body } = await call(mock, 'GET', 'groups/', { apiKey: ACCOUNT })
  return body
}

async function expectRejected(
  mock: Mock,
  method: string,
  path: string,
  sent: unknown,
  errors: unknown,
) {
  const before = await snapshot(mock)
  const { status, body } = await call(mock, method, path, {
    apiKey: ACCOUNT,
    body: sent,
  })
  expect(status).toBe(400)
  expect(body).toEqual(errors)
  expect(await snapshot(mock)).toEqual(before)
}

describe('POST groups/ name', () => {
  test.each<[string, unknown, Array<string>]>([
    ['a leading digit and a trailing symbol', '9lives!', [START, END, SLUG]],
    ['a space inside', 'a b', [SLUG]],
    ['a trailing hyphen', 'team-', [END]],
    ['a leading underscore', '_team', [START]],
    [
      '65 characters',
      'a'.repeat(65),
      ['Ensure this value has at most 64 characters (it has 65).'],
    ],
    [
      'every fault at once',
      `1${'a'.repeat(64)}!`,
      [
        START,
        END,
        'Ensure this value has at most 64 characters (it has 66).',
        SLUG,
      ],
    ],
    ['a number', 12, [START]],
    ['an empty string', '', ['This field may not be blank.']],
    ['only spaces', '   ', ['This field may not be blank.']],
    ['a boolean', true, ['Not a valid string.']],
    ['an object', { a: 1 }, ['Not a valid string.']],
    [
      'the name of a group, in another case',
      ' STAFF ',
      ['This field must be unique.'],
    ],
  ])('answers 400 given %s', async (_, name, messages) => {
    await expectRejected(
      mockOf(),
      'POST',
      'groups/',
      { name },
      { name: messages },
    )
  })

  test('counts the length after trimming and lowercasing', async () => {
    const name = `  ${'B'.repeat(64)}  `
    const { status, body } = await call(mockOf(), 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { name },
    })
    expect(status).toBe(201)
    expect(body).toEqual(groupBody(3, { name: 'b'.repeat(64) }))
  })

  test('accepts null', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { name: null, label: 'x' },
    })
    expect(status).toBe(201)
    expect(body).toEqual(groupBody(3, { label: 'x' }))
  })

  test('writes the same messages in the documentation dialect', async () => {
    await expectRejected(
      mockOf('docs'),
      'POST',
      'groups/',
      { name: `1${'a'.repeat(64)}` },
      {
        name: [
          START,
          'Ensure this value has at most 64 characters (it has 65).',
        ],
      },
    )
  })
})

describe('POST groups/ label and description', () => {
  test.each<[string, Record<string, unknown>, Record<string, Array<string>>]>([
    [
      'a 65-character label',
      { label: 'x'.repeat(65) },
      { label: ['Ensure this field has no more than 64 characters.'] },
    ],
    [
      'a null label',
      { label: null },
      { label: ['This field may not be null.'] },
    ],
    ['a list as label', { label: ['a'] }, { label: ['Not a valid string.'] }],
    [
      'a 257-character description',
      { description: 'x'.repeat(257) },
      { description: ['Ensure this field has no more than 256 characters.'] },
    ],
    [
      'a null description',
      { description: null },
      { description: ['This field may not be null.'] },
    ],
  ])('answers 400 given %s', async (_, sent, errors) => {
    await expectRejected(mockOf(), 'POST', 'groups/', sent, errors)
  })

  test('accepts blank values and trims them', async () => {
    const { status, body } = await call(mockOf(), 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { label: '   ', description: ` ${'d'.repeat(256)} ` },
    })
    expect(status).toBe(201)
    expect(body).toEqual(groupBody(3, { description: 'd'.repeat(256) }))
  })

  test("collects every field's errors in the order name, label, description", async () => {
    const mock = mockOf()
    const before = await snapshot(mock)
    const { status, body } = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { description: null, label: null, name: '' },
    })
    expect(status).toBe(400)
    expect(Object.keys(body as object)).toEqual([
      'name',
      'label',
      'description',
    ])
    expect(body).toEqual({
      name: ['This field may not be blank.'],
      label: ['This field may not be null.'],
      description: ['This field may not be null.'],
    })
    expect(await snapshot(mock)).toEqual(before)
  })
})

describe('POST groups/ body', () => {
  test.each<[string, unknown, string]>([
    ['a list', [], 'Invalid data. Expected a dictionary, but got list.'],
    ['a string', 'abc', 'Invalid data. Expected a dictionary, but got str.'],
    ['null', null, 'No data provided'],
  ])('answers 400 given %s', async (_, sent, message) => {
    const mock = mockOf()
    const before = await snapshot(mock)
    const { status, body } = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: JSON.stringify(sent),
      headers: { 'content-type': 'application/json' },
    })
    expect(status).toBe(400)
    expect(body).toEqual({ non_field_errors: [message] })
    expect(await snapshot(mock)).toEqual(before)
  })

  test('ignores unknown and read-only keys', async () => {
    const { status, body } = await call(mockOf(), 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { id: 50, links: {}, colour: 'red', label: 'x' },
    })
    expect(status).toBe(201)
    expect(body).toEqual(groupBody(3, { label: 'x' }))
  })

  test('reads a form body', async () => {
    const { status, body } = await call(mockOf(), 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: 'name=Crew&label=The+crew',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(status).toBe(201)
    expect(body).toEqual(groupBody(3, { name: 'crew', label: 'The crew' }))
  })
})

describe('PUT and PATCH groups/<id>/', () => {
  test('answers 400 and changes nothing given an invalid name on PATCH', async () => {
    await expectRejected(
      mockOf(),
      'PATCH',
      'groups/1/',
      { name: 'a b' },
      {
        name: [SLUG],
      },
    )
  })

  test('answers 400 given the name of another group', async () => {
    await expectRejected(
      mockOf(),
      'PUT',
      'groups/2/',
      { name: 'Staff' },
      {
        name: ['This field must be unique.'],
      },
    )
  })

  test('answers 400 given a null label on PUT', async () => {
    await expectRejected(
      mockOf(),
      'PUT',
      'groups/1/',
      { label: null },
      {
        label: ['This field may not be null.'],
      },
    )
  })

  test('answers 400 given a body that is not an object on PATCH', async () => {
    await expectRejected(mockOf(), 'PATCH', 'groups/1/', [1], {
      non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
    })
  })

  test('sets name to null given null on PATCH', async () => {
    const mock = mockOf()
    const { status, body } = await call(mock, 'PATCH', 'groups/1/', {
      apiKey: ACCOUNT,
      body: { name: null },
    })
    expect(status).toBe(200)
    expect(body).toEqual(groupBody(1, { label: 'Staff', description: 'All' }))

    const reused = await call(mock, 'POST', 'groups/', {
      apiKey: ACCOUNT,
      body: { name: 'staff' },
    })
    expect(reused.status).toBe(201)
  })
})
