import { describe, expect, test } from 'vitest'
import { key } from '../../src/index.ts'
import { call } from '../support/call.ts'
import { INSTANCE, ORIGIN, keys } from '../support/fixture-keys.ts'
import { MAIN_GROUP, fixtureUserBody, groupBody } from './support/bodies.ts'
import {
  attributesOf,
  connect,
  failureOf,
  settle,
  useClientServer,
} from './support/client.ts'

const { mock, requests } = useClientServer()

const GROUPS_URL = `${ORIGIN}/v1.1/instances/${INSTANCE}/groups/`
const instanceName = INSTANCE
const PERMISSION_DENIED = {
  name: 'RequestError',
  status: 403,
  message: 'You do not have permission to perform this action.',
  errors: { detail: 'You do not have permission to perform this action.' },
}

function admin() {
  return connect({ accountKey: keys.account }).Group
}

function storedGroup(id: number) {
  return mock.db.groups.find('byId', key(INSTANCE, id))
}

function groupsSnapshot() {
  return mock.db.groups.all().map((group) => ({ ...group }))
}

/** The id the next created group gets: ids are never handed out twice. */
function nextGroupId(): number {
  return Math.max(...mock.db.groups.all().map((group) => group.id)) + 1
}

describe('POST groups/', () => {
  test('creates a group with an account key and resolves it', async () => {
    const id = nextGroupId()

    const group = await admin().please().create({
      instanceName,
      label: 'Editors',
      description: 'People who edit',
    })

    const values = { id, label: 'Editors', description: 'People who edit' }
    expect(attributesOf(group)).toEqual({ instanceName, ...groupBody(values) })
    expect(storedGroup(id)).toEqual({
      instance: INSTANCE,
      name: null,
      ...values,
    })
    expect(requests).toEqual([
      {
        method: 'POST',
        url: GROUPS_URL,
        apiKey: keys.account,
        userKey: null,
        body: {
          instanceName,
          label: 'Editors',
          description: 'People who edit',
        },
      },
    ])
  })

  test('rejects with 403 given an API key without allow_group_create', async () => {
    const { Group } = connect({ apiKey: keys.ignoreAcl })
    const before = groupsSnapshot()

    const failure = await failureOf(
      Group.please().create({ instanceName, label: 'Editors' }),
    )

    expect(failure).toEqual(PERMISSION_DENIED)
    expect(groupsSnapshot()).toEqual(before)
  })

  test('rejects with 400 given a label over 64 characters', async () => {
    const before = groupsSnapshot()

    const failure = await failureOf(
      admin()
        .please()
        .create({ instanceName, label: 'l'.repeat(65) }),
    )

    const message = 'Ensure this field has no more than 64 characters.'
    expect(failure).toEqual({
      name: 'RequestError',
      status: 400,
      message: `"label" ${message}`,
      errors: { label: [message] },
    })
    expect(groupsSnapshot()).toEqual(before)
  })
})

describe('GET groups/ and groups/<id>/', () => {
  test('lists every group with an API key alone', async () => {
    const { Group } = connect({ apiKey: keys.apiKey })

    const groups = await settle(Group.please().list({ instanceName }))

    const expected = []
    for (const group of mock.db.groups.all()) {
      const { body } = await call(mock, 'GET', `groups/${group.id}/`, {
        apiKey: keys.account,
      })
      expected.push({ instanceName, ...(body as object) })
    }
    expect(expected).toHaveLength(3)
    expect(groups.map(attributesOf)).toEqual(expected)
    expect([groups.hasNext(), groups.hasPrev()]).toEqual([false, false])
  })

  test('resolves a group by id with an API key and a user key', async () => {
    const { Group } = connect({ apiKey: keys.apiKey, userKey: keys.alice })

    const group = await settle(Group.please().get({ instanceName, id: 1 }))

    expect(attributesOf(group)).toEqual({
      instanceName,
      ...groupBody(MAIN_GROUP),
    })
  })

  test('rejects with 404 "Not found" given a missing id', async () => {
    const failure = await failureOf(
      settle(admin().please().get({ instanceName, id: 99 })),
    )

    expect(failure).toEqual({
      name: 'RequestError',
      status: 404,
      message: 'Not found',
      errors: { detail: 'Not found' },
    })
  })
})

describe('PATCH and PUT groups/<id>/', () => {
  test('updates a label with PATCH and shows it in the members', async () => {
    const group = await settle(
      admin().please().update({ instanceName, id: 1 }, { label: 'core' }),
    )

    const changed = { ...MAIN_GROUP, label: 'core' }
    expect(attributesOf(group)).toEqual({ instanceName, ...groupBody(changed) })
    expect(storedGroup(1)).toEqual({
      instance: INSTANCE,
      name: null,
      ...changed,
    })
    const jane = await settle(
      connect({ accountKey: keys.account })
        .User.please()
        .get({ instanceName, id: 1 }),
    )
    expect(jane.groups).toEqual([groupBody(changed)])
  })

  test('replaces a fetched group with save(), which PUTs the whole model', async () => {
    const group = await settle(admin().please().get({ instanceName, id: 1 }))
    group.description = 'Everyone'

    const saved = await group.save()

    const changed = { ...MAIN_GROUP, description: 'Everyone' }
    expect(requests[1]).toEqual({
      method: 'PUT',
      url: `${GROUPS_URL}1/`,
      apiKey: keys.account,
      userKey: null,
      body: {
        instanceName,
        id: 1,
        label: 'main_group',
        description: 'Everyone',
      },
    })
    expect(attributesOf(saved)).toEqual({ instanceName, ...groupBody(changed) })
    expect(storedGroup(1)).toEqual({
      instance: INSTANCE,
      name: null,
      ...changed,
    })
  })

  test('rejects a PATCH with 403 given an ignore_acl API key', async () => {
    const { Group } = connect({ apiKey: keys.ignoreAcl })
    const before = groupsSnapshot()

    const failure = await failureOf(
      settle(Group.please().update({ instanceName, id: 1 }, { label: 'x' })),
    )

    expect(failure).toEqual(PERMISSION_DENIED)
    expect(groupsSnapshot()).toEqual(before)
  })
})

describe('DELETE groups/<id>/', () => {
  test('deletes a group and takes it out of its members', async () => {
    const deleted = await settle(
      admin().please().delete({ instanceName, id: 1 }),
    )

    expect(attributesOf(deleted)).toEqual({ instanceName, id: 1 })
    expect(storedGroup(1)).toBeUndefined()
    expect(mock.db.memberships.list('byGroup', key(INSTANCE, 1))).toEqual([])
    const { User } = connect({ accountKey: keys.account })
    const jane = await settle(User.please().get({ instanceName, id: 1 }))
    expect(attributesOf(jane)).toEqual({
      instanceName,
      ...fixtureUserBody(mock, 'jane', { groups: [] }),
    })
  })

  test('rejects with 403 given an API key and a user key', async () => {
    const { Group } = connect({ apiKey: keys.apiKey, userKey: keys.jane })
    const before = groupsSnapshot()

    const failure = await failureOf(
      settle(Group.please().delete({ instanceName, id: 1 })),
    )

    expect(failure).toEqual(PERMISSION_DENIED)
    expect(groupsSnapshot()).toEqual(before)
  })
})
