import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createSyncanoMock, type Snapshot } from '../../src/index.ts'
import {
  startStandaloneServer,
  type StandaloneServer,
} from '../../src/server/create-standalone-server.ts'
import { checkAnswer } from './support/check-answer.ts'
import { checkInvariants } from './support/check-invariants.ts'
import { fuzzBudget, fuzzSeed } from './support/fuzz-budget.ts'
import {
  describeSpec,
  requestArbitrary,
  toRequest,
  type RequestSpec,
} from './support/request-arbitrary.ts'
import { world } from './support/world.ts'

const REQUESTS = Math.ceil(fuzzBudget() / 10)
const PER_RUN = 20

const mock = createSyncanoMock({ fixtures: world, baseUrl: '*' })
let server: StandaloneServer
let start: Snapshot

beforeAll(async () => {
  server = await startStandaloneServer({ mock, port: 0 })
  start = await mock.snapshot()
})
afterAll(() => server.close())

/**
 * Node's HTTP parser knows a fixed list of methods, in capitals: any other
 * (`FOO`, or `patch`, which fetch sends as written) gets its bare 400 before
 * the mock sees the request, much as nginx refuses a lower-case method.
 */
function parserRefuses(request: Request): boolean {
  return !/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|PROPFIND)$/.test(
    request.method,
  )
}

/**
 * Sends a spec over loopback and checks the answer: the problem with it,
 * `null` when it is one the spec allows, `undefined` when fetch refused to
 * send the request.
 */
async function sendOverHttp(
  spec: RequestSpec,
): Promise<string | null | undefined> {
  const request = toRequest(spec, server.url)
  let response: Response
  try {
    response = await fetch(request, {
      signal: AbortSignal.timeout(5_000),
    })
  } catch (error) {
    // undici refuses header values Node would never send; nothing went out.
    if (String((error as Error).cause).includes('InvalidArgumentError')) {
      return undefined
    }
    throw error
  }
  const text = await response.text()
  if (parserRefuses(request)) {
    return response.status === 400 && text === ''
      ? null
      : `${response.status} ${text.slice(0, 100)}`
  }
  return checkAnswer(spec, {
    status: response.status,
    headers: response.headers,
    text,
  })
}

test(
  `answers ${REQUESTS} generated requests over HTTP as the spec allows`,
  { timeout: 120_000 },
  async () => {
    let sent = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(requestArbitrary, { minLength: PER_RUN, maxLength: PER_RUN }),
        async (specs) => {
          await mock.restore(start)
          for (const spec of specs) {
            const label = describeSpec(spec)
            const problem = await sendOverHttp(spec)
            if (problem === undefined) continue

            expect(problem, label).toBeNull()
            expect(checkInvariants(mock.db), label).toEqual([])
            sent++
          }
        },
      ),
      { numRuns: Math.ceil(REQUESTS / PER_RUN), seed: fuzzSeed() },
    )

    // A few have header values fetch will not send.
    expect(sent).toBeGreaterThanOrEqual(REQUESTS * 0.9)
  },
)
