import { BENCH_INSTANCE, benchKeys } from './bench-fixtures.ts'

/** One request of a benchmark case, as `fetch` arguments. */
export interface BenchRequest {
  path: string
  init: RequestInit
}

const JSON_HEADERS = { 'content-type': 'application/json' }

/** The path of a route of the benchmark instance. */
export function instancePath(route: string): string {
  return `/v1.1/instances/${BENCH_INSTANCE}/${route}`
}

/**
 * The documented update: `PATCH users/1/` with an API key and the user's
 * own key, renaming the user (alternating names, so every call writes).
 */
export function documentedPatch(round: number): BenchRequest {
  return {
    path: instancePath('users/1/'),
    init: {
      method: 'PATCH',
      headers: {
        ...JSON_HEADERS,
        'x-api-key': benchKeys.apiKey,
        'x-user-key': benchKeys.userKey,
      },
      body: JSON.stringify({ username: `jane-${round % 2}` }),
    },
  }
}

/** `POST user/auth/` as `john`, with the username in another case. */
export function login(): BenchRequest {
  return {
    path: instancePath('user/auth/'),
    init: {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'x-api-key': benchKeys.apiKey },
      body: JSON.stringify({ username: 'JOHN', password: 'secret' }),
    },
  }
}

/** The first page of 100 users, read with the account key. */
export function userPage(): BenchRequest {
  return {
    path: instancePath('users/?page_size=100'),
    init: { method: 'GET', headers: { 'x-api-key': benchKeys.account } },
  }
}
