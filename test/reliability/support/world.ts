import type { FixturesInput } from '../../../src/index.ts'

/** A 40 hex key made of one repeated digit and a chosen last digit. */
function hexKey(fill: string, last: string): string {
  return fill.repeat(39) + last
}

/** The keys of {@link world}, named for what they can do. */
export const worldKeys = {
  /** Account key of the owner of `alpha` (role `full` elsewhere). */
  owner: hexKey('a', '0'),
  /** Account key of an admin with the `read` role. */
  reader: hexKey('b', '2'),
  /** Instance API keys of `alpha`. */
  plain: hexKey('c', '1'),
  userCreate: hexKey('c', '3'),
  groupCreate: hexKey('c', '5'),
  ignoreAcl: hexKey('c', '7'),
  /** An `ignore_acl` API key of `beta`. */
  betaIgnoreAcl: hexKey('d', '9'),
  /** User keys of `alpha`'s users 1 to 4. */
  ann: hexKey('e', '0'),
  bob: hexKey('e', '2'),
  cat: hexKey('e', '4'),
  dan: hexKey('e', '6'),
  /** User key of `beta`'s user 1 (also named `ann`). */
  betaAnn: hexKey('f', '8'),
} as const

/** The keys that open each instance: its API keys and the admins'. */
export const instanceKeys: Record<string, ReadonlyArray<string>> = {
  alpha: [
    worldKeys.owner,
    worldKeys.reader,
    worldKeys.plain,
    worldKeys.userCreate,
    worldKeys.groupCreate,
    worldKeys.ignoreAcl,
  ],
  beta: [worldKeys.owner, worldKeys.reader, worldKeys.betaIgnoreAcl],
}

/** Every key of the world, for generators to draw from. */
export const allKeys: ReadonlyArray<string> = Object.values(worldKeys)

/**
 * The prefix of every password in the world, so a leak is easy to find: no
 * generated text other than a password holds it.
 */
export const PASSWORD_MARK = 'pwΩ~§'

/** Groups `alpha` starts with: enough to take a user to the 32 limit. */
export const ALPHA_GROUPS = 34

/**
 * Two instances with every kind of key, users near the 32-group limit and a
 * typed profile schema: the world the reliability suites start from.
 */
export const world = {
  seed: 7,
  admins: [
    { email: 'owner@example.com', account_key: worldKeys.owner, role: 'full' },
    {
      email: 'reader@example.com',
      account_key: worldKeys.reader,
      role: 'read',
    },
  ],
  instances: [
    {
      name: 'alpha',
      owner: 'owner@example.com',
      api_keys: [
        { api_key: worldKeys.plain },
        { api_key: worldKeys.userCreate, allow_user_create: true },
        { api_key: worldKeys.groupCreate, allow_group_create: true },
        { api_key: worldKeys.ignoreAcl, ignore_acl: true },
      ],
      profile_schema: [
        { name: 'nickname', type: 'string' },
        { name: 'age', type: 'integer' },
        { name: 'score', type: 'float' },
        { name: 'active', type: 'boolean' },
        { name: 'born', type: 'datetime' },
      ],
      groups: Array.from({ length: ALPHA_GROUPS }, (_, index) => ({
        id: index + 1,
        name: `team-${index + 1}`,
        label: `Team ${index + 1}`,
      })),
      users: [
        {
          id: 1,
          username: 'ann',
          password: `${PASSWORD_MARK}ann`,
          user_key: worldKeys.ann,
          groups: [1, 2],
          profile: { nickname: 'A', age: 30 },
        },
        {
          id: 2,
          username: 'bob',
          password: `${PASSWORD_MARK}bob`,
          user_key: worldKeys.bob,
          // One short of the limit: every add races it.
          groups: Array.from({ length: 31 }, (_, index) => index + 1),
        },
        {
          id: 3,
          username: 'cat',
          password: `${PASSWORD_MARK}cat`,
          user_key: worldKeys.cat,
          groups: [3],
        },
        {
          id: 4,
          username: 'dan',
          password: `${PASSWORD_MARK}dan`,
          user_key: worldKeys.dan,
        },
      ],
      social_tokens: [
        {
          backend: 'facebook',
          access_token: 'token-ann',
          username: 'ann',
          email: 'ann@example.com',
        },
        {
          backend: 'github',
          access_token: 'token-new',
          username: 'newcomer',
          email: 'new@example.com',
        },
      ],
    },
    {
      name: 'beta',
      owner: 'owner@example.com',
      api_keys: [{ api_key: worldKeys.betaIgnoreAcl, ignore_acl: true }],
      groups: [{ id: 1, name: 'beta-team' }],
      users: [
        {
          id: 1,
          username: 'ann',
          password: `${PASSWORD_MARK}beta`,
          user_key: worldKeys.betaAnn,
          groups: [1],
        },
      ],
    },
  ],
} satisfies FixturesInput
