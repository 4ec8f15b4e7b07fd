import { beforeEach, describe, expect, inject, test } from 'vitest'
import { INSTANCE, keys } from '../support/fixture-keys.ts'

// vitest's page is on one localhost port and the standalone server on
// another, so every call here is a real cross-origin request: Chromium sends
// the preflight itself and reads the answer only if the CORS headers allow it.
const server = inject('standaloneServerUrl')
const userUrl = `${server}/v1.1/instances/${INSTANCE}/users/1/`

function documentedPatch(
  body: unknown = { username: 'Janet' },
  headers: Record<string, string> = {},
) {
  return fetch(userUrl, {
    method: 'PATCH',
    headers: {
      'X-API-KEY': keys.apiKey,
      'X-USER-KEY': keys.jane,
      'Content-Type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  })
}

/** User 1 as the admin reads it: the username as stored, lowercase. */
async function storedUser(): Promise<Record<string, unknown>> {
  const response = await fetch(userUrl, {
    headers: { 'X-API-KEY': keys.account },
  })
  return (await response.json()) as Record<string, unknown>
}

/** The method and status of every request the server answered, in order. */
async function exchanges(): Promise<Array<[string, number]>> {
  const response = await fetch(`${server}/__mock/journal`)
  const entries = (await response.json()) as Array<{
    method: string
    status: number
  }>
  return entries.map(({ method, status }) => [method, status])
}

beforeEach(async () => {
  await fetch(`${server}/__mock/reset`, { method: 'POST' })
})

describe('the standalone server from another origin', () => {
  test('serves a page origin other than its own', () => {
    expect(new URL(server).origin).not.toBe(location.origin)
    expect(new URL(server).hostname).toBe('127.0.0.1')
    expect(location.hostname).toBe('localhost')
  })

  test('answers the documented PATCH after the preflight, readable by the page', async () => {
    const response = await documentedPatch()
    const body: unknown = await response.json()

    expect(response.status).toBe(200)
    expect(response.type).toBe('cors')
    expect(response.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    )
    // The browser's first call to this URL, so its preflight is not cached.
    expect(await exchanges()).toEqual([
      ['OPTIONS', 200],
      ['PATCH', 200],
    ])
    const stored = await storedUser()
    expect(stored.username).toBe('janet')
    expect(body).toEqual({ ...stored, username: 'Janet' })
  })

  test('answers the error body of a validation error across origins', async () => {
    const response = await documentedPatch({ username: 'john' })

    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      username: ['This field must be unique.'],
    })
    expect((await storedUser()).username).toBe('jane')
  })

  test('refuses a header the preflight does not allow, before the request is sent', async () => {
    await expect(
      documentedPatch(undefined, { 'X-Trace': '1' }),
    ).rejects.toThrow('Failed to fetch')
    // The preflight is answered, but it does not list the header.
    expect(await exchanges()).toEqual([['OPTIONS', 200]])
  })
})
