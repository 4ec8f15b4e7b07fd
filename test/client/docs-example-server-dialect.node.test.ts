import { describe, expect, test } from 'vitest'
import { INSTANCE, keys } from '../support/fixture-keys.ts'
import { FIXTURE_USERS, fixtureUserBody, storedUser } from './support/bodies.ts'
import {
  attributesOf,
  connect,
  failureOf,
  settle,
  useClientServer,
} from './support/client.ts'
import { runDocsUpdateExample } from './support/docs-example.ts'

const { mock } = useClientServer({ dialect: 'server' })

const JANE_UPDATE = {
  API_KEY: keys.apiKey,
  USER_KEY: keys.jane,
  INSTANCE_NAME: INSTANCE,
  USER_ID: FIXTURE_USERS.jane.id,
  USERNAME: 'Janet',
  PASSWORD: 'new-secret',
}

describe('the documentation example in the server dialect', () => {
  test('passes the user with /v1.1/ links and named groups to the callback', async () => {
    const { model, raw } = await runDocsUpdateExample(JANE_UPDATE)

    const body = fixtureUserBody(mock, 'jane', { username: 'Janet' }, 'server')
    expect(raw).toEqual(body)
    expect(attributesOf(model)).toEqual({ instanceName: INSTANCE, ...body })
    expect(storedUser(mock, 1)?.username).toBe('janet')
  })

  test("rejects with the server's length message given a 118 character username", async () => {
    const failure = await failureOf(
      runDocsUpdateExample({ ...JANE_UPDATE, USERNAME: 'a'.repeat(118) }),
    )

    const message = 'Ensure this field has no more than 64 characters.'
    expect(failure).toEqual({
      name: 'RequestError',
      status: 400,
      message: `"username" ${message}`,
      errors: { username: [message] },
    })
    expect(storedUser(mock, 1)?.username).toBe('jane')
  })
})

describe('PATCH users/<id>/ with an account key in the server dialect', () => {
  test('rejects with 404 "Not found." given a missing id', async () => {
    const { User } = connect({ accountKey: keys.account })

    const failure = await failureOf(
      settle(
        User.please().update(
          { instanceName: INSTANCE, id: 999 },
          { username: 'x' },
        ),
      ),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 404,
      message: 'Not found.',
      errors: { detail: 'Not found.' },
    })
  })
})
