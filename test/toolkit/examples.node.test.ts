// Runs the README's examples, each in a suite of its own so its hooks stay
// with its tests.
import { readFileSync } from 'node:fs'
import { setupSyncanoServer } from 'syncano-mock/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { firstMessage, listUsers } from '../../examples/toolkit-types.ts'
import { keys } from '../support/fixture-keys.ts'

const examples = {
  'vitest-quick-start': () => import('../../examples/vitest-quick-start.ts'),
  'toolkit-seed': () => import('../../examples/toolkit-seed.ts'),
  'toolkit-state': () => import('../../examples/toolkit-state.ts'),
  'toolkit-data': () => import('../../examples/toolkit-data.ts'),
  'toolkit-scenarios': () => import('../../examples/toolkit-scenarios.ts'),
  'toolkit-journal': () => import('../../examples/toolkit-journal.ts'),
}

for (const [name, load] of Object.entries(examples)) {
  describe(`examples/${name}.ts`, async () => {
    await load()
  })
}

describe('examples/toolkit-types.ts', () => {
  const { server } = setupSyncanoServer()

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  test('lists users with the typed client call', async () => {
    const body = await listUsers('https://api.syncano.io', keys.account)

    expect('objects' in body && body.objects.map((user) => user.id)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ])
  })

  test('finds the first message of nested field errors', () => {
    expect(
      firstMessage({ profile: { age: ['A valid integer is required.'] } }),
    ).toBe('A valid integer is required.')
  })
})

describe('README', () => {
  const readme = readFileSync(
    new URL('../../README.md', import.meta.url),
    'utf8',
  )
  const sections = ['vitest', 'toolkit'].map((name) => {
    const start = readme.indexOf(`<!-- section: ${name} -->`)
    return readme.slice(
      start,
      readme.indexOf(`<!-- /section: ${name} -->`, start),
    )
  })
  const snippets = sections.flatMap((text) =>
    [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? ''),
  )

  test('shows only TypeScript snippets that are example files', () => {
    const files = [...Object.keys(examples), 'toolkit-types'].map((name) =>
      readFileSync(
        new URL(`../../examples/${name}.ts`, import.meta.url),
        'utf8',
      ),
    )

    expect(snippets).toHaveLength(7)
    for (const snippet of snippets) {
      expect(files.some((file) => file.includes(snippet))).toBe(true)
    }
  })
})
