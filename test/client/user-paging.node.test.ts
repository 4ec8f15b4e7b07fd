import type { ResultSet } from 'syncano'
import { describe, expect, test } from 'vitest'
import type { FixturesInput } from '../../src/index.ts'
import { call } from '../support/call.ts'
import { INSTANCE, ORIGIN, keys } from '../support/fixture-keys.ts'
import {
  attributesOf,
  connect,
  settle,
  useClientServer,
} from './support/client.ts'

/** An instance of twelve generated users, ids 1 to 12. */
const fixtures: FixturesInput = {
  admins: [{ email: 'admin@example.com', account_key: keys.account }],
  instances: [
    {
      name: INSTANCE,
      owner: 'admin@example.com',
      generate: { users: 12, groups: 0 },
    },
  ],
}

const { mock, requests } = useClientServer({ fixtures })

const USERS_URL = `${ORIGIN}/v1.1/instances/${INSTANCE}/users/`
const USERS_PATH = `/v1.1/instances/${INSTANCE}/users/`
const instanceName = INSTANCE

function range(from: number, to: number): Array<number> {
  const step = from <= to ? 1 : -1
  return Array.from(
    { length: Math.abs(to - from) + 1 },
    (_, i) => from + i * step,
  )
}

/** The users with these ids as `users/<id>/` shows them, as client models. */
async function modelsOf(ids: Array<number>) {
  const models = []
  for (const id of ids) {
    const { body } = await call(mock, 'GET', `users/${id}/`, {
      apiKey: keys.account,
    })
    models.push({ instanceName, ...(body as object) })
  }
  return models
}

/** A page as the test reads it: its models' data and its two flags. */
function pageOf(page: ResultSet) {
  return {
    models: page.map(attributesOf),
    hasNext: page.hasNext(),
    hasPrev: page.hasPrev(),
  }
}

function admin() {
  return connect({ accountKey: keys.account }).User
}

describe('GET users/ through next() and prev()', () => {
  test('reads the first page and its links', async () => {
    const [page, raw] = await admin()
      .please()
      .list({ instanceName })
      .pageSize(5)
      .request()

    expect(pageOf(page)).toEqual({
      models: await modelsOf(range(1, 5)),
      hasNext: true,
      hasPrev: false,
    })
    expect(raw).toEqual({
      next: `${USERS_PATH}?page_size=5&direction=1&last_pk=5`,
      prev: null,
      objects: (await modelsOf(range(1, 5))).map(
        ({ instanceName: _instance, ...body }) => body,
      ),
    })
  })

  test('pages forward to a short last page', async () => {
    const first = await settle(
      admin().please().list({ instanceName }).pageSize(5),
    )

    const second = await first.next()
    const third = await second.next()

    expect(pageOf(second)).toEqual({
      models: await modelsOf(range(6, 10)),
      hasNext: true,
      hasPrev: true,
    })
    expect(pageOf(third)).toEqual({
      models: await modelsOf(range(11, 12)),
      hasNext: false,
      hasPrev: true,
    })
    expect(requests.map((request) => request.url)).toEqual([
      `${USERS_URL}?page_size=5`,
      `${USERS_URL}?page_size=5&direction=1&last_pk=5`,
      `${USERS_URL}?page_size=5&direction=1&last_pk=10`,
    ])
  })

  test('pages back with prev() to the page before', async () => {
    const first = await settle(
      admin().please().list({ instanceName }).pageSize(5),
    )
    const third = await (await first.next()).next()

    const second = await third.prev()
    const back = await second.prev()

    expect(pageOf(second)).toEqual({
      models: await modelsOf(range(6, 10)),
      hasNext: true,
      hasPrev: true,
    })
    expect(pageOf(back)).toEqual({
      models: await modelsOf(range(1, 5)),
      hasNext: true,
      hasPrev: true,
    })
    expect(requests.slice(3).map((request) => request.url)).toEqual([
      `${USERS_URL}?page_size=5&direction=0&last_pk=11`,
      `${USERS_URL}?page_size=5&direction=0&last_pk=6`,
    ])
  })

  test('pages in descending order, ordering carried by the links', async () => {
    const first = await settle(
      admin().please().list({ instanceName }).pageSize(5).ordering('desc'),
    )

    const second = await first.next()
    const third = await second.next()

    expect(pageOf(first).models).toEqual(await modelsOf(range(12, 8)))
    expect(pageOf(second).models).toEqual(await modelsOf(range(7, 3)))
    expect(pageOf(third)).toEqual({
      models: await modelsOf(range(2, 1)),
      hasNext: false,
      hasPrev: true,
    })
    // next() puts the list's own query before the link's: ordering twice.
    expect(requests[1]?.url).toBe(
      `${USERS_URL}?ordering=desc&page_size=5&ordering=desc&direction=1&last_pk=8`,
    )
  })

  test('reads an empty page after a full last page, then pages back', async () => {
    const first = await settle(
      admin().please().list({ instanceName }).pageSize(4),
    )
    const third = await (await first.next()).next()

    const empty = await third.next()
    const last = await empty.prev()

    expect(pageOf(third)).toEqual({
      models: await modelsOf(range(9, 12)),
      hasNext: true,
      hasPrev: true,
    })
    expect(pageOf(empty)).toEqual({ models: [], hasNext: false, hasPrev: true })
    expect(pageOf(last)).toEqual({
      models: await modelsOf(range(9, 12)),
      hasNext: true,
      hasPrev: true,
    })
    expect(requests.slice(3).map((request) => request.url)).toEqual([
      `${USERS_URL}?page_size=4&direction=1&last_pk=12`,
      `${USERS_URL}?page_size=4&direction=0`,
    ])
  })
})

describe('GET users/ through all()', () => {
  test('collects every page, with page_size sent twice from page two', async () => {
    const models = await new Promise<Array<object>>((resolve, reject) => {
      const all = admin().please().all({ instanceName }, { page_size: 5 })
      all.on('stop', resolve)
      all.on('error', reject)
    })

    expect(models.map(attributesOf)).toEqual(await modelsOf(range(1, 12)))
    expect(requests.map((request) => request.url)).toEqual([
      `${USERS_URL}?page_size=5`,
      `${USERS_URL}?page_size=5&page_size=5&direction=1&last_pk=5`,
      `${USERS_URL}?page_size=5&page_size=5&direction=1&last_pk=10`,
    ])
  })
})
