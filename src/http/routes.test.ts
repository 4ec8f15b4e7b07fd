import { describe, expect, test } from 'vitest'
import { matchRoute } from './routes.ts'

const ROOT = '/v1.1/instances/my-instance/'

describe('matchRoute', () => {
  test.each([
    ['users/', 'userList', {}],
    ['users/1/', 'userDetail', { id: '1' }],
    ['users/1/reset_key/', 'userResetKey', { id: '1' }],
    ['users/1/groups/', 'userGroupList', { user: '1' }],
    ['users/1/groups/2/', 'userGroupDetail', { user: '1', id: '2' }],
    ['groups/2/users/1/', 'groupUserDetail', { group: '2', id: '1' }],
    ['user/', 'account', {}],
    ['user/auth/', 'login', {}],
    ['user/auth/google-oauth2/', 'socialLogin', { backend: 'google-oauth2' }],
    ['user/auth/a.b/', 'socialLogin', { backend: 'a.b' }],
    ['classes/user_profile/objects/7/', 'profileDetail', { id: '7' }],
  ])('finds the view of %s', (path, view, params) => {
    expect(matchRoute(`${ROOT}${path}`)).toEqual({
      version: 'v1.1',
      instance: 'my-instance',
      view,
      params,
    })
  })

  test.each([
    'users',
    'users//',
    'users/1.5/',
    'users/1/groups/2/users/',
    'user/auth/a/b/',
    'classes/other/objects/',
    'unknown/',
  ])('finds nothing given %s', (path) => {
    expect(matchRoute(`${ROOT}${path}`)).toBe(null)
  })

  test('reads the version and the instance as written', () => {
    expect(matchRoute('/v1/instances/My-Instance/users/')).toEqual({
      version: 'v1',
      instance: 'My-Instance',
      view: 'userList',
      params: {},
    })
  })
})
