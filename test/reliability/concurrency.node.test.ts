import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createSyncanoMock } from '../../src/index.ts'
import {
  startStandaloneServer,
  type StandaloneServer,
} from '../../src/server/create-standalone-server.ts'
import { checkInvariants } from './support/check-invariants.ts'
import { world, worldKeys } from './support/world.ts'

/** How many requests each race sends at once. */
const WRITERS = 200

const mock = createSyncanoMock({ fixtures: world, baseUrl: '*' })
let server: StandaloneServer

beforeAll(async () => {
  server = await startStandaloneServer({ mock, port: 0 })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

interface Reply {
  status: number
  body: Record<string, unknown> | null
}

type Send = (method: string, path: string, body?: unknown) => Promise<Reply>

/** Sends one admin request to `alpha` in-process or over loopback HTTP. */
function sender(
  origin: () => string,
  answer: (request: Request) => Promise<Response>,
): Send {
  return async (method, path, body) => {
    const response = await answer(
      new Request(`${origin()}/v1.1/instances/alpha/${path}`, {
        method,
        headers: {
          'x-api-key': worldKeys.owner,
          'content-type': 'application/json',
        },
        body: body === undefined ? null : JSON.stringify(body),
      }),
    )
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : null }
  }
}

const transports: Array<[string, Send]> = [
  [
    'in-process',
    sender(
      () => 'https://api.syncano.io',
      (request) => mock.fetch(request),
    ),
  ],
  [
    'over HTTP',
    sender(
      () => server.url,
      (request) => fetch(request),
    ),
  ],
]

function times<T>(count: number, make: (index: number) => T): Array<T> {
  return Array.from({ length: count }, (_, index) => make(index))
}

function revisionOf(reply: Reply | undefined): number {
  return Number((reply?.body?.profile as { revision: number }).revision)
}

function tally(replies: Array<Reply>): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const { status } of replies) counts[status] = (counts[status] ?? 0) + 1
  return counts
}

describe.each(transports)('concurrent writes %s', (_, send) => {
  test('apply PATCHes of one profile in a serial order, losing none', async () => {
    const patches = times(WRITERS, (index) =>
      index % 2 === 0 ? { nickname: `nick-${index}` } : { age: index },
    )
    const replies = await Promise.all(
      patches.map((profile) => send('PATCH', 'users/1/', { profile })),
    )

    // Each PATCH changes custom data, so it bumps the revision: replaying
    // the patches in revision order must give every answer's own state.
    const order = times(WRITERS, (index) => index).sort(
      (a, b) => revisionOf(replies[a]) - revisionOf(replies[b]),
    )
    let state: Record<string, unknown> = { nickname: 'A', age: 30 }
    const replayed = order.map((index) => {
      state = { ...state, ...patches[index] }
      return state
    })
    const shown = order.map((index) => {
      const profile = replies[index]?.body?.profile as Record<string, unknown>
      return { nickname: profile.nickname, age: profile.age }
    })

    expect(tally(replies)).toEqual({ 200: WRITERS })
    expect(order.map((index) => revisionOf(replies[index]))).toEqual(
      times(WRITERS, (index) => index + 2),
    )
    expect(shown).toEqual(replayed)
    expect(mock.data.in('alpha').profile(1)?.data).toEqual({
      ...state,
      score: null,
      active: null,
      born: null,
    })
    expect(checkInvariants(mock.db)).toEqual([])
  })

  test('let one user of many take a name and keep usernames unique', async () => {
    const ids = times(WRITERS, (index) => (index % 4) + 1)
    const replies = await Promise.all(
      ids.map((id) => send('PATCH', `users/${id}/`, { username: 'same' })),
    )
    // The winner may take its own name again; every other user is refused.
    const winners = new Set(
      ids.filter((_, index) => replies[index]?.status === 200),
    )

    expect(winners.size).toBe(1)
    expect(tally(replies)).toEqual({ 200: WRITERS / 4, 400: (WRITERS * 3) / 4 })
    expect(replies.find((reply) => reply.status === 400)?.body).toEqual({
      username: ['This field must be unique.'],
    })
    expect(
      mock.data
        .in('alpha')
        .users()
        .filter((user) => user.username === 'same'),
    ).toHaveLength(1)
    expect(checkInvariants(mock.db)).toEqual([])
  })

  test('never take a user past 32 groups when adds race the limit', async () => {
    // bob is in groups 1 to 31; groups 32 to 34 race for his last place.
    const replies = await Promise.all(
      times(WRITERS, (index) => {
        const group = 32 + (index % 3)
        return index % 2 === 0
          ? send('POST', 'users/2/groups/', { group })
          : send('POST', `groups/${group}/users/`, { user: 2 })
      }),
    )
    const refusals = new Set(
      replies
        .filter((reply) => reply.status === 400)
        .map((reply) => reply.body?.detail),
    )

    expect(tally(replies)).toEqual({ 201: 1, 400: WRITERS - 1 })
    expect(refusals).toEqual(
      new Set([
        "User's group count exceeded (32).",
        'User is already a part of that group.',
      ]),
    )
    expect(mock.data.in('alpha').memberships({ user: 2 })).toHaveLength(32)
    expect(checkInvariants(mock.db)).toEqual([])
  })

  test('end deletes racing updates with one delete and nothing left behind', async () => {
    const replies = await Promise.all(
      times(WRITERS, (index) =>
        index % 10 === 5
          ? send('DELETE', 'users/3/')
          : send('PATCH', 'users/3/', {
              username: `cat-${index}`,
              profile: { age: index },
            }),
      ),
    )
    const counts = tally(replies)

    expect(counts[204]).toBe(1)
    expect((counts[200] ?? 0) + 1 + (counts[404] ?? 0)).toBe(WRITERS)
    expect(mock.data.in('alpha').user(3)).toBeUndefined()
    expect(mock.data.in('alpha').profile(3)).toBeUndefined()
    expect(mock.data.in('alpha').memberships({ user: 3 })).toEqual([])
    expect(checkInvariants(mock.db)).toEqual([])
  })

  test('give concurrent creates distinct, consecutive ids', async () => {
    const replies = await Promise.all(
      times(WRITERS, (index) =>
        send('POST', 'users/', { username: `new-${index}`, password: 'x' }),
      ),
    )
    const ids = replies
      .map((reply) => Number(reply.body?.id))
      .sort((a, b) => a - b)

    expect(tally(replies)).toEqual({ 201: WRITERS })
    expect(ids).toEqual(times(WRITERS, (index) => index + 5))
    expect(checkInvariants(mock.db)).toEqual([])
  })
})
