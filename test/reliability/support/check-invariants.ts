import type { Database } from '../../../src/index.ts'

const USER_GROUP_MAX_COUNT = 32
const HEX_KEY = /^[a-f0-9]{40}$/

/**
 * The rules the data of a mock keeps after any request, as the server's
 * database constraints keep them. Returns one line per broken rule, so a
 * failure names every problem at once; an empty list means all hold.
 *
 * @example
 * expect(checkInvariants(mock.db)).toEqual([])
 */
export function checkInvariants(db: Database): Array<string> {
  return [
    ...checkUsers(db),
    ...checkProfiles(db),
    ...checkMemberships(db),
    ...checkKeys(db),
  ]
}

/** How many rules {@link checkInvariants} checks each time. */
export const INVARIANT_COUNT = 9

function checkUsers(db: Database): Array<string> {
  const problems: Array<string> = []
  const names = new Set<string>()

  for (const user of db.users.all()) {
    const name = `${user.instance}\u0000${user.username}`
    if (user.username !== user.username.toLowerCase()) {
      problems.push(
        `user ${user.id} of ${user.instance}: "${user.username}" is not lowercase`,
      )
    }
    if (names.has(name)) {
      problems.push(
        `user ${user.id} of ${user.instance}: "${user.username}" is taken twice`,
      )
    }
    names.add(name)
  }
  return problems
}

function checkProfiles(db: Database): Array<string> {
  const problems: Array<string> = []
  const owners = new Map<string, number>()

  for (const profile of db.profiles.all()) {
    const owner = `${profile.instance}\u0000${profile.owner}`
    owners.set(owner, (owners.get(owner) ?? 0) + 1)
    if (!db.users.find('byId', owner)) {
      problems.push(
        `profile ${profile.id} of ${profile.instance}: owner ${profile.owner} is missing`,
      )
    }
  }
  for (const user of db.users.all()) {
    const count = owners.get(`${user.instance}\u0000${user.id}`) ?? 0
    if (count !== 1) {
      problems.push(`user ${user.id} of ${user.instance}: ${count} profiles`)
    }
  }
  return problems
}

function checkMemberships(db: Database): Array<string> {
  const problems: Array<string> = []
  const counts = new Map<string, number>()

  for (const membership of db.memberships.all()) {
    const user = `${membership.instance}\u0000${membership.user}`
    const group = `${membership.instance}\u0000${membership.group}`
    counts.set(user, (counts.get(user) ?? 0) + 1)
    if (!db.users.find('byId', user)) {
      problems.push(
        `membership ${membership.id}: user ${membership.user} is missing`,
      )
    }
    if (!db.groups.find('byId', group)) {
      problems.push(
        `membership ${membership.id}: group ${membership.group} is missing`,
      )
    }
  }
  for (const [user, count] of counts) {
    if (count > USER_GROUP_MAX_COUNT) {
      problems.push(`user ${user.replace('\u0000', ' ')}: in ${count} groups`)
    }
  }
  return problems
}

function checkKeys(db: Database): Array<string> {
  const problems: Array<string> = []
  const seen = new Set<string>()
  const note = (owner: string, value: string, even: boolean) => {
    const last = parseInt(value.slice(-1), 16)
    if (!HEX_KEY.test(value) || (last % 2 === 0) !== even) {
      problems.push(`${owner}: key "${value}" has the wrong form or parity`)
    }
    if (seen.has(value)) problems.push(`${owner}: key "${value}" is not unique`)
    seen.add(value)
  }

  for (const user of db.users.all()) {
    note(`user ${user.id} of ${user.instance}`, user.user_key, true)
  }
  for (const apiKey of db.apiKeys.all()) {
    note(`API key ${apiKey.id} of ${apiKey.instance}`, apiKey.api_key, false)
  }
  for (const admin of db.admins.all()) {
    note(`admin ${admin.email}`, admin.account_key, true)
  }
  return problems
}

type Numbered = 'users' | 'profiles' | 'groups' | 'memberships' | 'apiKeys'
const NUMBERED: ReadonlyArray<Numbered> = [
  'users',
  'profiles',
  'groups',
  'memberships',
  'apiKeys',
]

/**
 * Remembers every id each instance has handed out, to tell a new record
 * from a reused id: a record that appears must have an id above every id
 * seen before in its table, as a database sequence gives.
 *
 * @example
 * const ledger = new IdLedger(mock.db)
 * await mock.fetch(request)
 * expect(ledger.update(mock.db)).toEqual([])
 */
export class IdLedger {
  #present = new Map<string, Set<number>>()
  #highest = new Map<string, number>()

  constructor(db: Database) {
    this.update(db)
  }

  /** Takes in the current ids and returns any that reuse an old one. */
  update(db: Database): Array<string> {
    const problems: Array<string> = []
    const present = new Map<string, Set<number>>()

    for (const table of NUMBERED) {
      for (const record of db[table].all()) {
        const name = `${table} of ${record.instance}`
        const ids = present.get(name) ?? new Set<number>()
        ids.add(record.id)
        present.set(name, ids)
      }
    }

    for (const [name, ids] of present) {
      const before = this.#present.get(name) ?? new Set<number>()
      const highest = this.#highest.get(name) ?? 0
      let top = highest
      for (const id of ids) {
        if (before.has(id)) continue
        if (id <= highest) problems.push(`${name}: id ${id} is reused`)
        top = Math.max(top, id)
      }
      this.#highest.set(name, top)
    }

    this.#present = present
    return problems
  }
}

/**
 * The whole data of a mock as one string, to tell whether a request
 * changed anything.
 *
 * @example
 * const before = dumpData(mock.db)
 */
export function dumpData(db: Database): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(db).map(([name, table]) => [name, table.all()]),
    ),
  )
}
