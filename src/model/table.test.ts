import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { Table } from './table.ts'

const recordSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  group: z.number().int(),
})
type Row = z.infer<typeof recordSchema>

function createTable() {
  return new Table(recordSchema, {
    byId: { key: (row) => String(row.id), unique: true },
    byName: { key: (row) => row.name, unique: true },
    byGroup: { key: (row) => String(row.group) },
  })
}

type TestTable = ReturnType<typeof createTable>

/** What each index must hold, computed by a scan of the collection. */
function expectIndexesToAgree(table: TestTable): void {
  const rows = table.collection.all() as Array<Row>
  expect(table.all()).toEqual(rows)
  expect(table.count()).toBe(rows.length)

  for (const row of rows) {
    expect(table.find('byId', String(row.id))).toBe(row)
    expect(table.find('byName', row.name)).toBe(row)
  }
  for (const group of new Set(rows.map((row) => row.group))) {
    const members = rows
      .filter((row) => row.group === group)
      .sort((a, b) => a.id - b.id)
    expect(table.list('byGroup', String(group))).toEqual(members)
  }
}

const name = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h')
const group = fc.integer({ min: 1, max: 3 })

const command = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), name, group }),
  fc.record({
    kind: fc.constant('update' as const),
    pick: fc.nat(),
    name: fc.option(name, { nil: undefined }),
    group: fc.option(group, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('clear' as const) }),
  fc.record({ kind: fc.constant('mark' as const) }),
  fc.record({ kind: fc.constant('rewind' as const) }),
)

type Command = typeof command extends fc.Arbitrary<infer C> ? C : never

/** Applies a command the way the views do: keys stay unique. */
async function apply(table: TestTable, next: { id: number }, step: Command) {
  const rows = table.all()
  const target =
    'pick' in step ? rows[step.pick % Math.max(rows.length, 1)] : undefined

  if (step.kind === 'insert') {
    if (table.find('byName', step.name)) return
    await table.insert({ id: ++next.id, name: step.name, group: step.group })
  } else if (step.kind === 'update' && target) {
    if (step.name !== undefined && table.find('byName', step.name)) return
    const changes: Partial<Row> = {}
    if (step.name !== undefined) changes.name = step.name
    if (step.group !== undefined) changes.group = step.group
    table.update(target, changes)
  } else if (step.kind === 'remove' && target) {
    table.remove(target)
  } else if (step.kind === 'clear') {
    table.clear()
  } else if (step.kind === 'mark') {
    table.mark()
  } else if (step.kind === 'rewind') {
    table.rewind()
  }
}

describe('Table', () => {
  test('keeps its indexes equal to a scan after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 60 }), async (steps) => {
        const table = createTable()
        const next = { id: 0 }

        for (const step of steps) {
          await apply(table, next, step)
          expectIndexesToAgree(table)
        }
      }),
      { numRuns: 300 },
    )
  })

  test('rewinds to the marked records, fields and order after any writes', async () => {
    const table = createTable()
    const a = await table.insert({ id: 1, name: 'a', group: 1 })
    const b = await table.insert({ id: 2, name: 'b', group: 1 })
    table.mark()

    table.update(a, { name: 'c', group: 2 })
    table.remove(b)
    await table.insert({ id: 3, name: 'b', group: 1 })

    expect(table.rewind()).toBe(true)
    expect(table.all()).toEqual([
      { id: 1, name: 'a', group: 1 },
      { id: 2, name: 'b', group: 1 },
    ])
    expect(table.find('byName', 'b')).toBe(b)
    expect(table.find('byName', 'c')).toBe(undefined)
    expect(table.list('byGroup', '1')).toEqual([a, b])
    expect(table.list('byGroup', '2')).toEqual([])
  })

  test('refuses to rewind without a mark and changes nothing', async () => {
    const table = createTable()
    await table.insert({ id: 1, name: 'a', group: 1 })

    expect(table.rewind()).toBe(false)
    expect(table.all()).toEqual([{ id: 1, name: 'a', group: 1 }])
  })

  test('rejects an update that fails the schema and leaves the record as it was', async () => {
    const table = createTable()
    const row = await table.insert({ id: 1, name: 'a', group: 1 })

    expect(() => table.update(row, { group: 'x' as never })).toThrow()
    expect(table.all()).toEqual([{ id: 1, name: 'a', group: 1 }])
    expect(table.list('byGroup', '1')).toEqual([row])
  })

  test('stores records that the collection queries and deletes one by one', async () => {
    const table = createTable()
    const a = await table.insert({ id: 1, name: 'a', group: 1 })
    const b = await table.insert({ id: 2, name: 'b', group: 1 })
    const c = await table.insert({ id: 3, name: 'c', group: 2 })

    expect(table.collection.findFirst((q) => q.where({ name: 'b' }))).toBe(b)
    expect(table.collection.findMany((q) => q.where({ group: 1 }))).toEqual([
      a,
      b,
    ])

    table.remove(b)
    expect(table.collection.all()).toEqual([a, c])
    expect(table.collection.findFirst((q) => q.where({ name: 'c' }))).toBe(c)
  })

  test('copies the values it stores rather than keeping the given object', async () => {
    const table = createTable()
    await table.insert({ id: 1, name: 'a', group: 1 })
    const values = { id: 2, name: 'b', group: 1 }

    const row = await table.insert(values)
    values.name = 'z'

    expect(row).toEqual({ id: 2, name: 'b', group: 1 })
    expect(row).not.toBe(values)
  })

  test('stores records that relations defined later can point at', async () => {
    const posts = new Table(z.object({ id: z.number(), title: z.string() }), {
      byId: { key: (post) => String(post.id), unique: true },
    })
    const authors = new Table(
      z.object({ id: z.number(), posts: z.array(z.unknown()).optional() }),
      { byId: { key: (author) => String(author.id), unique: true } },
    )
    await posts.insert({ id: 1, title: 'first' })
    const second = await posts.insert({ id: 2, title: 'second' })
    await authors.insert({ id: 1 })
    await authors.insert({ id: 2 })

    authors.collection.defineRelations(({ many }) => ({
      posts: many(posts.collection),
    }))
    const author = await authors.insert({ id: 3, posts: [second] })

    expect(author.posts).toEqual([{ id: 2, title: 'second' }])
    expect(
      authors.collection.findFirst((q) => q.where({ id: 3 }))?.posts,
    ).toEqual([second])
    expect(authors.all().map((row) => row.posts)).toEqual([[], [], [second]])
  })

  test('stores records whose relations the collection can update later', async () => {
    const groups = new Table(z.object({ id: z.number() }), {
      byId: { key: (group) => String(group.id), unique: true },
    })
    const members = new Table(
      z.object({ id: z.number(), favourite: z.unknown().optional() }),
      { byId: { key: (member) => String(member.id), unique: true } },
    )
    await groups.insert({ id: 1 })
    const second = await groups.insert({ id: 2 })
    await members.insert({ id: 1 })
    await members.insert({ id: 2 })

    members.collection.defineRelations(({ one }) => ({
      favourite: one(groups.collection),
    }))
    const updated = await members.collection.update((q) => q.where({ id: 2 }), {
      data(member) {
        member.favourite = second
      },
    })

    expect(updated?.favourite).toEqual({ id: 2 })
    expect(
      members.collection.findFirst((q) => q.where({ id: 2 }))?.favourite,
    ).toBe(second)
  })

  test('lets a create hook of the collection see every insert', async () => {
    const table = createTable()
    await table.insert({ id: 1, name: 'a', group: 1 })
    const seen: Array<unknown> = []
    table.collection.hooks.on('create', (event) => {
      seen.push(event.data.record)
    })

    const row = await table.insert({ id: 2, name: 'b', group: 1 })

    expect(seen).toEqual([row])
    expect(table.find('byName', 'b')).toBe(row)
  })

  test('rejects an insert that fails the schema and stores nothing', async () => {
    const table = createTable()
    const row = await table.insert({ id: 1, name: 'a', group: 1 })

    await expect(
      table.insert({ id: 2, name: 'b', group: 'x' as never }),
    ).rejects.toThrow()
    expect(table.all()).toEqual([row])
    expect(table.find('byId', '2')).toBe(undefined)
  })

  test('throws a prefixed error given an index it does not have', () => {
    expect(() => createTable().find('byColour', 'red')).toThrow(
      '[syncano-mock] Unknown unique index "byColour".',
    )
  })
})
