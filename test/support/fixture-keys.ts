/** The keys of `fixtures/default.json`, named for what they can do. */
export const keys = {
  /** The admin's account key (role `full`). */
  account: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345670',
  /** Instance API key with `allow_user_create`. */
  apiKey: 'b5c6d7e8f90123456789abcdef0123456789abc1',
  /** Instance API key with `ignore_acl`. */
  ignoreAcl: 'c0ffee0000000000000000000000000000000003',
  /** User keys of the listed users. */
  jane: '15e8b35e1cd9b8abf806f3e925951f2612bf0d20',
  john: '2a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a34',
  alice: '3b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b46',
} as const

/** The instance of `fixtures/default.json`. */
export const INSTANCE = 'my-instance'

/** The origin the handlers answer by default. */
export const ORIGIN = 'https://api.syncano.io'
