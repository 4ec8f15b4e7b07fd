import { beforeEach, describe, expect, test } from 'vitest'
import { createSyncanoMock } from '../../src/index.ts'
import { call } from '../support/call.ts'
import { keys } from '../support/fixture-keys.ts'

// Faults the reliability suites found, each pinned by name.

const mock = createSyncanoMock()

beforeEach(() => mock.reset())

describe('journal: a password in a body that does not parse', () => {
  test.each([
    [
      'a truncated JSON body',
      'application/json',
      '{"username":"kim","password":"s3cr\\"et',
      '{"username":"kim","password":********',
    ],
    [
      'a form sent as another media type',
      'application/xml',
      'username=kim&password=s3cret&x=1',
      'username=kim&password=********&x=1',
    ],
    [
      'a multipart body without its boundary',
      'multipart/form-data',
      '--b\r\ncontent-disposition: form-data; name="password"\r\n\r\ns3cret\r\n--b--\r\n',
      '--b\r\ncontent-disposition: form-data; name="password"\r\n\r\n********\r\n--b--\r\n',
    ],
  ])('is masked given %s', async (_, contentType, sent, noted) => {
    await call(mock, 'POST', 'users/', {
      apiKey: keys.apiKey,
      body: sent,
      headers: { 'content-type': contentType },
    })

    expect(mock.journal.entries.map((entry) => entry.body)).toEqual([noted])
  })

  test('is masked given JSON sent as a form, which parses into one field name', async () => {
    await call(mock, 'POST', 'users/', {
      apiKey: keys.apiKey,
      body: '{"username":"kim","password":"s3cret"}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })

    expect(mock.journal.entries.map((entry) => entry.body)).toEqual([
      { '{"username":"kim","password":********}': '' },
    ])
  })

  test('is masked given multipart sent as a form, which splits the part', async () => {
    await call(mock, 'POST', 'users/', {
      apiKey: keys.apiKey,
      body: '--b\r\ncontent-disposition: form-data; name="password"\r\n\r\ns3cret\r\n--b--\r\n',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })

    expect(mock.journal.entries.map((entry) => entry.body)).toEqual([
      {
        '--b\r\ncontent-disposition: form-data; name':
          '"password"\r\n\r\n********\r\n--b--\r\n',
      },
    ])
  })
})

describe('HEAD', () => {
  test.each([
    ['users/1/', {}, 403],
    ['users/99/', { apiKey: keys.account }, 404],
    ['users/1', { apiKey: keys.account }, 404],
    ['users/1/', { apiKey: keys.account }, 200],
  ])('answers %s with %i and no body', async (path, options, status) => {
    const answer = await call(mock, 'HEAD', path, options)

    expect([answer.status, answer.body]).toEqual([status, null])
  })
})
