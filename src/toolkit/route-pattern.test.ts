import { describe, expect, test } from 'vitest'
import { matchesRoute, placeOf } from './route-pattern.ts'

const patch = placeOf('PATCH', '/v1.1/instances/my-instance/users/12/')

describe('placeOf', () => {
  test('reads the instance and the path below it from v1 and v1.1 URLs', () => {
    expect(placeOf('GET', '/v1/instances/shop/groups/')).toEqual({
      method: 'GET',
      instance: 'shop',
      path: 'groups/',
    })
    expect(patch).toEqual({
      method: 'PATCH',
      instance: 'my-instance',
      path: 'users/12/',
    })
  })

  test('finds no instance given a path outside one', () => {
    expect(placeOf('GET', '/__mock/journal')).toEqual({
      method: 'GET',
      instance: null,
      path: null,
    })
  })
})

describe('matchesRoute', () => {
  test.each([
    ['PATCH users/:id/', true],
    ['users/:id/', true],
    ['/users/12/', true],
    ['patch users/12/', true],
    ['GET users/:id/', false],
    ['users/13/', false],
    ['users/', false],
    ['users/:id/groups/', false],
    ['users/*', true],
    ['*', true],
    ['PATCH *', true],
  ])('matches "%s": %s', (pattern, expected) => {
    expect(matchesRoute(pattern, patch)).toBe(expected)
  })

  test('matches only "*" outside an instance', () => {
    const outside = placeOf('GET', '/elsewhere/')

    expect([
      matchesRoute('*', outside),
      matchesRoute('users/', outside),
    ]).toEqual([true, false])
  })
})
