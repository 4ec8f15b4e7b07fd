import { describe, expect, test } from 'vitest'
import { matchRoute } from '../http/routes.ts'
import { views } from '../views/views.ts'
import {
  checkRoutePattern,
  matchesRoute,
  placeOf,
  USERS_AREA_ROUTES,
} from './route-pattern.ts'

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
    ['users/:/', false],
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

describe('checkRoutePattern', () => {
  test.each([
    'PATCH users/:id/',
    'users/2/',
    'GET *',
    '*',
    'users/*',
    '/users/12/',
    'patch users/12/',
    'users/:id/groups/',
    'users/:id/:list/',
    'user/:what/',
    'groups/:group/users/:id/',
    'user/auth/facebook/',
    'classes/*',
    'classes/user_profile/objects/:id/',
    'HEAD user/',
    'OPTIONS groups/',
  ])('accepts "%s"', (pattern) => {
    expect(() => checkRoutePattern(pattern, 'Failed')).not.toThrow()
  })

  test.each([
    'users',
    'users/:id',
    '',
    ' ',
    'GET',
    'FOO users/',
    'users/?x=1',
    'users/?x=1/',
    'users/:/',
    'users//',
    'users/*/',
    'users/1.5/',
    'Users/',
    'instances/my-instance/users/',
    'v1.1/instances/my-instance/users/',
    'users/1/reset_key/x/',
    42 as unknown as string,
  ])('rejects "%s"', (pattern) => {
    expect(() =>
      checkRoutePattern(pattern, 'Failed to add a scenario'),
    ).toThrow(
      `[syncano-mock] Failed to add a scenario: route "${String(pattern)}" matches no route of the users area. ` +
        'Write an optional method, then a path below instances/<name>/ that ends in "/" ' +
        '(":name" for any one segment) or in "*", such as "PATCH users/:id/", "users/2/" or "GET *".',
    )
  })
})

describe('USERS_AREA_ROUTES', () => {
  test('names every view of the users area once, in the form patterns use', () => {
    const reached = USERS_AREA_ROUTES.map(
      (route) =>
        matchRoute(`/v1.1/instances/i/${route.replace(/[:*][a-z]+/g, '1')}`)
          ?.view,
    )

    expect(USERS_AREA_ROUTES).toContain('users/:id/')
    expect(USERS_AREA_ROUTES).toContain('user/auth/*backend/')
    expect(new Set(reached)).toEqual(new Set(Object.keys(views)))
    expect(reached).toHaveLength(Object.keys(views).length)
  })

  test.each([
    'users/',
    'users/1/',
    'users/abc/',
    'users/reset_key/',
    'users/1.5/',
    'users/1/reset_key/',
    'users/1/reset_key/x/',
    'users/1/groups/',
    'users/1/groups/2/',
    'users/1/groups/2/x/',
    'groups/1/users/2/',
    'groups/1.0/users/',
    'user/',
    'user/1/',
    'user/auth/',
    'user/auth/facebook/',
    'user/auth/x.y/',
    'classes/user_profile/objects/3/',
    'classes/user_profile/objects/3.1/',
    'classes/other/objects/',
    'Users/',
    'profiles/',
  ])(
    'accepts the path "%s" exactly when the request pipeline routes it',
    (path) => {
      const routed = matchRoute(`/v1.1/instances/i/${path}`) !== null
      let accepted = true
      try {
        checkRoutePattern(path, 'Failed')
      } catch {
        accepted = false
      }

      expect(accepted).toBe(routed)
    },
  )
})
