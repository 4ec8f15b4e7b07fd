import { expect, test } from 'vitest'
import { ApiError } from '../errors/api-error.ts'
import { paginate } from './paginate.ts'
import type { Page } from './paginate.ts'

const PATH = '/v1.1/instances/my-instance/users/'

const BAD_PAGE = {
  status: 400,
  body: { detail: 'Incorrect page parameter provided.' },
}

interface Row {
  id: number
}

function rows(ids: number[]): Row[] {
  return ids.map((id) => ({ id }))
}

function span(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index)
}

function list(table: ReadonlyArray<Row>, query = ''): Page<Row> {
  return paginate(table, (row) => row.id, {
    path: PATH,
    query: new URLSearchParams(query),
  })
}

/** The status and body of the ApiError `run` throws. */
function errorOf(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    if (error instanceof ApiError) {
      return { status: error.status, body: error.body }
    }
    throw error
  }
  return 'nothing thrown'
}

/** Follows a root-relative link the way a client would. */
function follow(table: ReadonlyArray<Row>, link: string | null): Page<Row> {
  expect(link).not.toBeNull()
  const url = new URL(link ?? '', 'http://example.com')
  expect(url.pathname).toBe(PATH)
  return list(table, url.search)
}

const FIVE = rows(span(1, 5))

test('returns the first 100 records and a next link given no params', () => {
  expect(list(rows(span(1, 150)))).toEqual({
    next: `${PATH}?direction=1&last_pk=100`,
    prev: null,
    objects: rows(span(1, 100)),
  })
})

test('writes the envelope keys in the order next, prev, objects', () => {
  expect(Object.keys(list(FIVE))).toEqual(['next', 'prev', 'objects'])
})

test('returns every record and no links given a short table', () => {
  expect(list(FIVE)).toEqual({ next: null, prev: null, objects: FIVE })
})

test('returns no objects and no links given an empty table', () => {
  expect(list([])).toEqual({ next: null, prev: null, objects: [] })
})

test('clamps page_size to 100 and keeps the raw value in links', () => {
  expect(list(rows(span(1, 150)), 'page_size=500')).toEqual({
    next: `${PATH}?page_size=500&direction=1&last_pk=100`,
    prev: null,
    objects: rows(span(1, 100)),
  })
})

test('clamps page_size to 100 given a value beyond 2 ** 53', () => {
  const page = list(rows(span(1, 150)), 'page_size=99999999999999999999999')
  expect(page.objects).toEqual(rows(span(1, 100)))
})

test('returns no objects and no links given page_size 0', () => {
  expect(list(FIVE, 'page_size=0')).toEqual({
    next: null,
    prev: null,
    objects: [],
  })
})

test('links back with direction=0 given page_size 0 and direction 1', () => {
  expect(list(FIVE, 'page_size=0&direction=1&last_pk=2')).toEqual({
    next: null,
    prev: `${PATH}?page_size=0&direction=0`,
    objects: [],
  })
})

test('links to the first page given page_size 0 and direction 0', () => {
  expect(list(FIVE, 'page_size=0&direction=0&last_pk=2')).toEqual({
    next: `${PATH}?page_size=0`,
    prev: null,
    objects: [],
  })
})

test('rejects a bad cursor even given page_size 0', () => {
  expect(errorOf(() => list(FIVE, 'page_size=0&direction=2'))).toEqual(BAD_PAGE)
})

test('rejects a negative page_size', () => {
  expect(errorOf(() => list(FIVE, 'page_size=-1'))).toEqual(BAD_PAGE)
})

test('rejects page_size given anything Python int() refuses', () => {
  for (const value of ['abc', '1.5', '', '1e2', '0x10', '1__0', '_1', '- 1']) {
    const query = new URLSearchParams({ page_size: value }).toString()
    expect(errorOf(() => list(FIVE, query))).toEqual(BAD_PAGE)
  }
})

test('accepts page_size given Python int() syntax', () => {
  for (const value of [' 2 ', '+2', '0_2', '\u30002\n', '-0']) {
    const query = new URLSearchParams({ page_size: value }).toString()
    const size = value === '-0' ? 0 : 2
    expect(list(FIVE, query).objects).toEqual(rows(span(1, size)))
  }
})

test('encodes the raw page_size in links as quote_plus does', () => {
  expect(list(FIVE, 'page_size=%2B2').next).toBe(
    `${PATH}?page_size=%2B2&direction=1&last_pk=2`,
  )
})

test('reads the last value given a repeated page_size', () => {
  expect(list(FIVE, 'page_size=abc&page_size=2')).toEqual({
    next: `${PATH}?page_size=2&direction=1&last_pk=2`,
    prev: null,
    objects: rows([1, 2]),
  })
  expect(errorOf(() => list(FIVE, 'page_size=2&page_size=abc'))).toEqual(
    BAD_PAGE,
  )
})

test('returns records by descending id given ordering=desc', () => {
  expect(list(FIVE, 'page_size=2&ordering=desc')).toEqual({
    next: `${PATH}?page_size=2&ordering=desc&direction=1&last_pk=4`,
    prev: null,
    objects: rows([5, 4]),
  })
})

test('reads ordering case-insensitively and keeps its case in links', () => {
  expect(list(FIVE, 'page_size=2&ordering=DeSc')).toEqual({
    next: `${PATH}?page_size=2&ordering=DeSc&direction=1&last_pk=4`,
    prev: null,
    objects: rows([5, 4]),
  })
  expect(list(FIVE, 'ordering=ASC').objects).toEqual(FIVE)
})

test('sorts ascending and keeps the value given a garbage ordering', () => {
  expect(list(FIVE, 'page_size=2&ordering=sideways')).toEqual({
    next: `${PATH}?page_size=2&ordering=sideways&direction=1&last_pk=2`,
    prev: null,
    objects: rows([1, 2]),
  })
  expect(list(FIVE, 'page_size=2&ordering=').next).toBe(
    `${PATH}?page_size=2&ordering=&direction=1&last_pk=2`,
  )
})

test('reads the last value given a repeated ordering', () => {
  expect(list(FIVE, 'page_size=2&ordering=desc&ordering=asc')).toEqual({
    next: `${PATH}?page_size=2&ordering=asc&direction=1&last_pk=2`,
    prev: null,
    objects: rows([1, 2]),
  })
})

test('returns the records above last_pk given direction 1', () => {
  expect(list(FIVE, 'page_size=2&direction=1&last_pk=2')).toEqual({
    next: `${PATH}?page_size=2&direction=1&last_pk=4`,
    prev: `${PATH}?page_size=2&direction=0&last_pk=3`,
    objects: rows([3, 4]),
  })
})

test('returns no next link given a partial forward page', () => {
  expect(list(FIVE, 'page_size=2&direction=1&last_pk=4')).toEqual({
    next: null,
    prev: `${PATH}?page_size=2&direction=0&last_pk=5`,
    objects: rows([5]),
  })
})

test('returns ids below last_pk, ascending, given direction 0', () => {
  expect(list(FIVE, 'page_size=2&direction=0&last_pk=5')).toEqual({
    next: `${PATH}?page_size=2&direction=1&last_pk=4`,
    prev: `${PATH}?page_size=2&direction=0&last_pk=3`,
    objects: rows([3, 4]),
  })
})

test('links to the first page given a partial backward page', () => {
  expect(list(FIVE, 'page_size=2&direction=0&last_pk=2')).toEqual({
    next: `${PATH}?page_size=2`,
    prev: null,
    objects: rows([1]),
  })
})

test('links to the first page given an empty backward page', () => {
  expect(list(FIVE, 'page_size=2&direction=0&last_pk=1')).toEqual({
    next: `${PATH}?page_size=2`,
    prev: null,
    objects: [],
  })
})

test('links to the bare path given a backward move without link params', () => {
  expect(list(FIVE, 'direction=0&last_pk=3')).toEqual({
    next: PATH,
    prev: null,
    objects: rows([1, 2]),
  })
})

test('returns the last page given direction 0 without last_pk', () => {
  expect(list(FIVE, 'page_size=2&direction=0')).toEqual({
    next: `${PATH}?page_size=2&direction=1&last_pk=5`,
    prev: `${PATH}?page_size=2&direction=0&last_pk=4`,
    objects: rows([4, 5]),
  })
})

test('returns the first page and a prev link given bare direction 1', () => {
  expect(list(FIVE, 'page_size=2&direction=1')).toEqual({
    next: `${PATH}?page_size=2&direction=1&last_pk=2`,
    prev: `${PATH}?page_size=2&direction=0&last_pk=1`,
    objects: rows([1, 2]),
  })
})

test('ignores a valid last_pk given no direction', () => {
  expect(list(FIVE, 'page_size=2&last_pk=3')).toEqual({
    next: `${PATH}?page_size=2&direction=1&last_pk=2`,
    prev: null,
    objects: rows([1, 2]),
  })
})

test('walks a full last page to an empty page and back', () => {
  const table = rows(span(1, 4))
  const second = follow(table, list(table, 'page_size=2').next)
  expect(second).toEqual({
    next: `${PATH}?page_size=2&direction=1&last_pk=4`,
    prev: `${PATH}?page_size=2&direction=0&last_pk=3`,
    objects: rows([3, 4]),
  })
  const empty = follow(table, second.next)
  expect(empty).toEqual({
    next: null,
    prev: `${PATH}?page_size=2&direction=0`,
    objects: [],
  })
  expect(follow(table, empty.prev)).toEqual(second)
})

test('walks forward and back given ordering=desc', () => {
  const second = follow(FIVE, list(FIVE, 'page_size=2&ordering=desc').next)
  expect(second).toEqual({
    next: `${PATH}?page_size=2&ordering=desc&direction=1&last_pk=2`,
    prev: `${PATH}?page_size=2&ordering=desc&direction=0&last_pk=3`,
    objects: rows([3, 2]),
  })
  const third = follow(FIVE, second.next)
  expect(third).toEqual({
    next: null,
    prev: `${PATH}?page_size=2&ordering=desc&direction=0&last_pk=1`,
    objects: rows([1]),
  })
  expect(follow(FIVE, third.prev)).toEqual(second)
})

test('returns ids above last_pk, descending, given desc direction 0', () => {
  expect(list(FIVE, 'page_size=2&ordering=desc&direction=0&last_pk=1')).toEqual(
    {
      next: `${PATH}?page_size=2&ordering=desc&direction=1&last_pk=2`,
      prev: `${PATH}?page_size=2&ordering=desc&direction=0&last_pk=3`,
      objects: rows([3, 2]),
    },
  )
  expect(list(FIVE, 'page_size=2&ordering=desc&direction=0&last_pk=4')).toEqual(
    {
      next: `${PATH}?page_size=2&ordering=desc`,
      prev: null,
      objects: rows([5]),
    },
  )
})

test('returns the lowest ids given desc and bare direction 0', () => {
  expect(list(FIVE, 'page_size=2&ordering=desc&direction=0')).toEqual({
    next: `${PATH}?page_size=2&ordering=desc&direction=1&last_pk=1`,
    prev: `${PATH}?page_size=2&ordering=desc&direction=0&last_pk=2`,
    objects: rows([2, 1]),
  })
})

test('rejects a direction other than 0 or 1', () => {
  for (const value of ['2', '-1', 'abc', '', '1.0', 'true']) {
    const query = new URLSearchParams({ direction: value }).toString()
    expect(errorOf(() => list(FIVE, query))).toEqual(BAD_PAGE)
  }
})

test('accepts direction given Python int() syntax', () => {
  expect(
    list(FIVE, 'page_size=2&direction=%201%20&last_pk=%2B2').objects,
  ).toEqual(rows([3, 4]))
  expect(list(FIVE, 'page_size=2&direction=-0&last_pk=0_5').objects).toEqual(
    rows([3, 4]),
  )
})

test('rejects a last_pk that is not an integer in 0..2147483647', () => {
  for (const value of ['abc', '1.5', '', '-1', '2147483648', '1e3']) {
    const query = new URLSearchParams({ direction: '1', last_pk: value })
    expect(errorOf(() => list(FIVE, query.toString()))).toEqual(BAD_PAGE)
  }
  expect(errorOf(() => list(FIVE, 'last_pk=-1'))).toEqual(BAD_PAGE)
})

test('accepts last_pk given the ends of its range', () => {
  expect(list(FIVE, 'direction=1&last_pk=2147483647')).toEqual({
    next: null,
    prev: `${PATH}?direction=0`,
    objects: [],
  })
  expect(list(FIVE, 'direction=1&last_pk=0').objects).toEqual(FIVE)
})

test('reads the last value given a repeated direction or last_pk', () => {
  expect(
    list(FIVE, 'page_size=2&direction=5&direction=1&last_pk=2').objects,
  ).toEqual(rows([3, 4]))
  expect(errorOf(() => list(FIVE, 'direction=1&direction=5'))).toEqual(BAD_PAGE)
  expect(
    list(FIVE, 'page_size=2&direction=1&last_pk=x&last_pk=3').objects,
  ).toEqual(rows([4, 5]))
})

test('keeps only page_size and ordering in links, in that order', () => {
  const query =
    'api_key=k&ordering=asc&user_key=u&fields=id&page_size=2' +
    '&username__startswith=a&direction=1&last_pk=1&excluded_fields=id'
  expect(list(FIVE, query)).toEqual({
    next: `${PATH}?page_size=2&ordering=asc&direction=1&last_pk=3`,
    prev: `${PATH}?page_size=2&ordering=asc&direction=0&last_pk=2`,
    objects: rows([2, 3]),
  })
})

test('encodes link values as quote_plus does', () => {
  const ordering = "a b&c=d;e/f+g%h!'()*~-_.é"
  const query = new URLSearchParams({ page_size: '2', ordering })
  expect(list(FIVE, query.toString()).next).toBe(
    `${PATH}?page_size=2` +
      '&ordering=a+b%26c%3Dd%3Be%2Ff%2Bg%25h%21%27%28%29%2A~-_.%C3%A9' +
      '&direction=1&last_pk=2',
  )
})

test('seeks by id given ids with gaps', () => {
  const table = rows([3, 10, 11, 40, 41, 97])
  expect(list(table, 'page_size=2&direction=1&last_pk=12')).toEqual({
    next: `${PATH}?page_size=2&direction=1&last_pk=41`,
    prev: `${PATH}?page_size=2&direction=0&last_pk=40`,
    objects: rows([40, 41]),
  })
  expect(list(table, 'page_size=2&direction=0&last_pk=40').objects).toEqual(
    rows([10, 11]),
  )
  expect(
    list(table, 'page_size=2&ordering=desc&direction=1&last_pk=40').objects,
  ).toEqual(rows([11, 10]))
  expect(
    list(table, 'page_size=2&ordering=desc&direction=0&last_pk=12').objects,
  ).toEqual(rows([41, 40]))
})

test('links back to the last page given an empty table and direction 1', () => {
  expect(list([], 'direction=1')).toEqual({
    next: null,
    prev: `${PATH}?direction=0`,
    objects: [],
  })
  expect(list([], 'direction=0')).toEqual({
    next: PATH,
    prev: null,
    objects: [],
  })
})

test('reads only a binary search and a page given 100,000 records', () => {
  const table = rows(span(1, 100_000))
  let reads = 0
  const counted = new Proxy(table, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1
      return Reflect.get(target, key, receiver)
    },
  })
  const forward = paginate(counted, (row) => row.id, {
    path: PATH,
    query: new URLSearchParams('direction=1&last_pk=54321'),
  })
  expect(forward).toEqual({
    next: `${PATH}?direction=1&last_pk=54421`,
    prev: `${PATH}?direction=0&last_pk=54322`,
    objects: rows(span(54322, 54421)),
  })
  expect(reads).toBeLessThan(150)
  reads = 0
  const descending = paginate(counted, (row) => row.id, {
    path: PATH,
    query: new URLSearchParams('ordering=desc&page_size=3'),
  })
  expect(descending).toEqual({
    next: `${PATH}?page_size=3&ordering=desc&direction=1&last_pk=99998`,
    prev: null,
    objects: rows([100_000, 99_999, 99_998]),
  })
  expect(reads).toBeLessThan(10)
})
