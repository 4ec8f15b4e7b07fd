import fc from 'fast-check'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import {
  createSyncanoMock,
  type Snapshot,
  type SyncanoMock,
} from '../../src/index.ts'
import { checkAnswer, type Answer } from './support/check-answer.ts'
import {
  checkInvariants,
  dumpData,
  IdLedger,
  INVARIANT_COUNT,
} from './support/check-invariants.ts'
import {
  findLeaks,
  LEAK_CHECKS,
  type LeakContext,
} from './support/find-leaks.ts'
import { fuzzBudget, fuzzSeed } from './support/fuzz-budget.ts'
import {
  describeSpec,
  requestArbitrary,
  toRequest,
  type RequestSpec,
} from './support/request-arbitrary.ts'
import { world } from './support/world.ts'

const REQUESTS = fuzzBudget()
const PER_RUN = 20
const TIMEOUT = 5_000

// The two dialects differ only in strings and the group's `name`: each run
// of requests goes to one of them.
const mocks = {
  docs: createSyncanoMock({ fixtures: world }),
  server: createSyncanoMock({ fixtures: world, dialect: 'server' }),
}
const starts = new Map<SyncanoMock, Snapshot>()
let mock = mocks.docs
const logged: Array<string> = []
const tally = {
  requests: 0,
  invariants: 0,
  leaks: 0,
  statuses: new Map<number, number>(),
}

beforeAll(async () => {
  for (const each of Object.values(mocks)) {
    starts.set(each, await each.snapshot())
  }
  for (const level of ['error', 'warn', 'log', 'info', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...values) => {
      logged.push(values.map(String).join(' '))
    })
  }
})

afterAll(() => {
  vi.restoreAllMocks()
  const statuses = [...tally.statuses].sort(([a], [b]) => a - b)
  process.stdout.write(
    `fuzz: ${tally.requests} requests, ${tally.invariants} invariant checks, ${tally.leaks} leak checks, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
  )
})

/** Sends one request and reads the whole answer, or fails after a while. */
async function send(spec: RequestSpec): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('hung request')), TIMEOUT)
  })
  try {
    const response = await Promise.race([mock.fetch(toRequest(spec)), hung])
    const text = await Promise.race([response.text(), hung])
    return { status: response.status, headers: response.headers, text }
  } finally {
    clearTimeout(timer)
  }
}

/** Sends a spec and checks everything the issue asks of its answer. */
async function sendChecked(spec: RequestSpec, ledger: IdLedger): Promise<void> {
  const before = dumpData(mock.db)
  const context: LeakContext = {
    spec,
    usersBefore: mock.db.users.all().map((user) => ({ ...user })),
  }
  const journalBefore = mock.journal.entries.length
  const answer = await send(spec)
  const after = dumpData(mock.db)
  const label = describeSpec(spec)

  tally.requests++
  tally.statuses.set(
    answer.status,
    (tally.statuses.get(answer.status) ?? 0) + 1,
  )

  expect(checkAnswer(spec, answer), label).toBeNull()
  expect(checkInvariants(mock.db), label).toEqual([])
  expect(ledger.update(mock.db), label).toEqual([])
  tally.invariants += INVARIANT_COUNT + 1

  // A failed request, or a read, changes nothing at all.
  const safe = ['GET', 'HEAD', 'OPTIONS'].includes(spec.method.toUpperCase())
  if (answer.status >= 300 || safe) {
    expect(after === before, `${label} changed the data`).toBe(true)
    tally.invariants++
  }

  // The mock logs only what must not happen: a crash it answered with 500.
  const lines = logged.splice(0)
  const entry = mock.journal.entries.slice(journalBefore)
  expect(lines, label).toEqual([])
  expect(
    findLeaks(context, answer, mock.db, JSON.stringify(entry), lines),
    label,
  ).toEqual([])
  tally.leaks += LEAK_CHECKS
}

test(
  `answers ${REQUESTS} generated requests in both dialects as the spec allows, keeping every invariant`,
  { timeout: Math.max(300_000, REQUESTS * 50) },
  async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(['docs', 'server'] as const)),
        fc.array(requestArbitrary, { minLength: PER_RUN, maxLength: PER_RUN }),
        async (dialect, specs) => {
          mock = mocks[dialect]
          await mock.restore(starts.get(mock) as Snapshot)
          const ledger = new IdLedger(mock.db)
          for (const spec of specs) await sendChecked(spec, ledger)
        },
      ),
      { numRuns: Math.ceil(REQUESTS / PER_RUN), seed: fuzzSeed() },
    )

    expect(tally.requests).toBeGreaterThanOrEqual(REQUESTS)
  },
)
