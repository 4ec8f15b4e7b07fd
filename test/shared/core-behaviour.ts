import { beforeEach, describe, expect, test } from 'vitest'
import {
  createSyncanoMock,
  type Dialect,
  type SyncanoMock,
} from '../../src/index.ts'
import { call } from '../support/call.ts'
import { INSTANCE, keys } from '../support/fixture-keys.ts'

/** How a runtime puts a mock behind the network of its msw setup. */
export interface CoreBehaviourRuntime {
  /** Makes `fetch` reach this mock's handlers, replacing the previous mock. */
  serve: (mock: SyncanoMock) => void
}

/** The strings that differ between the dialects, as the spec's D1 lists them. */
const dialects: Record<
  Dialect,
  { tooLong: (length: number) => string; notFound: string }
> = {
  docs: {
    tooLong: (length) =>
      `Ensure this value has at most 64 characters (it has ${length}).`,
    notFound: 'Not found',
  },
  server: {
    tooLong: () => 'Ensure this field has no more than 64 characters.',
    notFound: 'Not found.',
  },
}

const jane = { apiKey: keys.apiKey, userKey: keys.jane }
const admin = { apiKey: keys.account }

/**
 * Registers the behaviours every runtime must show the same way. Requests go
 * through the global `fetch`, so msw's interception (`setupServer` in Node,
 * the service worker in a browser) is part of what is tested.
 *
 * @example
 * registerCoreBehaviour({ serve: (mock) => server.use(...mock.handlers) })
 */
export function registerCoreBehaviour(runtime: CoreBehaviourRuntime): void {
  for (const dialect of ['docs', 'server'] as const) {
    describe(`${dialect} dialect`, () => {
      const mock = createSyncanoMock({ dialect })
      const remote: SyncanoMock = {
        ...mock,
        fetch: (request) => fetch(request),
      }

      beforeEach(async () => {
        await mock.reset()
        runtime.serve(mock)
      })

      registerUserUpdate(remote, dialect)
      registerLogin(remote)
      registerUserList(remote)
      registerMembership(remote)
    })
  }
}

function registerUserUpdate(remote: SyncanoMock, dialect: Dialect): void {
  const { tooLong, notFound } = dialects[dialect]
  const readUser = async (id: number) =>
    (await call(remote, 'GET', `users/${id}/`, admin)).body

  describe('PATCH users/<id>/', () => {
    test('renames the user and echoes the submitted case given its own user key', async () => {
      const before = await readUser(1)
      const { status, body } = await call(remote, 'PATCH', 'users/1/', {
        ...jane,
        body: { username: 'Janet' },
      })

      expect(status).toBe(200)
      expect(body).toEqual({ ...(before as object), username: 'Janet' })
      expect(await readUser(1)).toEqual({
        ...(before as object),
        username: 'janet',
      })
    })

    test('returns 400 and changes nothing given a username over 64 characters', async () => {
      const before = await readUser(1)
      const username = ` ${'x'.repeat(70)} `
      const { status, body } = await call(remote, 'PATCH', 'users/1/', {
        ...jane,
        body: { username },
      })

      expect(status).toBe(400)
      expect(body).toEqual({ username: [tooLong(70)] })
      expect(await readUser(1)).toEqual(before)
    })

    test('returns 400 and changes nothing given a username taken in another case', async () => {
      const before = await readUser(1)
      const { status, body } = await call(remote, 'PATCH', 'users/1/', {
        ...jane,
        body: { username: 'JOHN' },
      })

      expect(status).toBe(400)
      expect(body).toEqual({ username: ['This field must be unique.'] })
      expect(await readUser(1)).toEqual(before)
    })

    test("returns 404 and changes nothing given another user's id", async () => {
      const before = await readUser(2)
      const { status, body } = await call(remote, 'PATCH', 'users/2/', {
        ...jane,
        body: { username: 'johnny' },
      })

      expect(status).toBe(404)
      expect(body).toEqual({ detail: notFound })
      expect(await readUser(2)).toEqual(before)
    })

    test('returns 403 and changes nothing given an unknown API key', async () => {
      const before = await readUser(1)
      const { status, body } = await call(remote, 'PATCH', 'users/1/', {
        apiKey: 'f'.repeat(39) + '1',
        body: { username: 'janet' },
      })

      expect(status).toBe(403)
      expect(body).toEqual({ detail: 'No such API Key.' })
      expect(await readUser(1)).toEqual(before)
    })
  })
}

function registerLogin(remote: SyncanoMock): void {
  describe('POST user/auth/', () => {
    test('returns the full user given its username in another case', async () => {
      const john = (await call(remote, 'GET', 'users/2/', admin)).body
      const { status, body } = await call(remote, 'POST', 'user/auth/', {
        apiKey: keys.apiKey,
        body: { username: 'JOHN', password: 'secret' },
      })

      expect(status).toBe(200)
      expect(body).toEqual(john)
    })

    test('returns 401 given a wrong password', async () => {
      const { status, body } = await call(remote, 'POST', 'user/auth/', {
        apiKey: keys.apiKey,
        body: { username: 'john', password: 'wrong' },
      })

      expect(status).toBe(401)
      expect(body).toEqual({ detail: 'Invalid password.' })
    })
  })
}

function registerUserList(remote: SyncanoMock): void {
  const listPath = `/v1.1/instances/${INSTANCE}/users/`
  const readUsers = (ids: Array<number>) =>
    Promise.all(
      ids.map(
        async (id) => (await call(remote, 'GET', `users/${id}/`, admin)).body,
      ),
    )

  describe('GET users/', () => {
    test('pages forward and back with the cursor links given page_size', async () => {
      const first = await call(remote, 'GET', 'users/?page_size=2', admin)
      const next = `${listPath}?page_size=2&direction=1&last_pk=2`
      expect(first.body).toEqual({
        next,
        prev: null,
        objects: await readUsers([1, 2]),
      })

      const second = await call(remote, 'GET', relative(next), admin)
      expect(second.body).toEqual({
        next: `${listPath}?page_size=2&direction=1&last_pk=4`,
        prev: `${listPath}?page_size=2&direction=0&last_pk=3`,
        objects: await readUsers([3, 4]),
      })
    })

    test('lists only the caller given a user key', async () => {
      const { status, body } = await call(remote, 'GET', 'users/', jane)

      expect(status).toBe(200)
      expect(body).toEqual({
        next: null,
        prev: null,
        objects: await readUsers([1]),
      })
    })
  })
}

function registerMembership(remote: SyncanoMock): void {
  const memberIds = async () => {
    const { body } = await call(remote, 'GET', 'groups/1/users/', admin)
    return (body as { objects: Array<{ user: { id: number } }> }).objects.map(
      (member) => member.user.id,
    )
  }

  describe('groups/<id>/users/', () => {
    test('adds a user to the group and answers the new membership', async () => {
      const { status, body } = await call(remote, 'POST', 'groups/1/users/', {
        ...admin,
        body: { user: 3 },
      })

      expect(status).toBe(201)
      expect(body).toEqual(
        (await call(remote, 'GET', 'groups/1/users/3/', admin)).body,
      )
      expect(await memberIds()).toEqual([1, 2, 3])
    })

    test('removes a member from the group', async () => {
      const { status, body } = await call(
        remote,
        'DELETE',
        'groups/1/users/2/',
        admin,
      )

      expect([status, body]).toEqual([204, null])
      expect(await memberIds()).toEqual([1])
    })

    test('returns 400 and changes nothing given a member of the group', async () => {
      const { status, body } = await call(remote, 'POST', 'groups/1/users/', {
        ...admin,
        body: { user: 2 },
      })

      expect(status).toBe(400)
      expect(body).toEqual({ detail: 'User is already a part of that group.' })
      expect(await memberIds()).toEqual([1, 2])
    })
  })
}

/** A link of the mock, made relative to the instance for `call`. */
function relative(link: string): string {
  return link.slice(`/v1.1/instances/${INSTANCE}/`.length)
}
