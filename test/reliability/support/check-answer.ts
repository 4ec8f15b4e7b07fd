import { z } from 'zod'
import { matchRoute, type ViewName } from '../../../src/http/routes.ts'
import { decodePath } from '../../../src/http/decode-path.ts'
import type { RequestSpec } from './request-arbitrary.ts'

/** A response read once: status, headers and text. */
export interface Answer {
  status: number
  headers: Headers
  text: string
}

/** The statuses the spec documents for the users area. */
const DOCUMENTED = new Set([200, 201, 204, 400, 401, 403, 404, 405, 406, 415])

const link = z.string().regex(/^\/v1(\.1)?\/instances\/[a-z0-9_-]+\//)
const timestamp = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
const level = z.enum(['none', 'read', 'write', 'full'])

const profile = z.looseObject({
  id: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
  revision: z.number().int().min(1),
  owner: z.number().int(),
  owner_permissions: level,
  group: z.number().int().nullable(),
  group_permissions: level,
  other_permissions: level,
  channel: z.string().nullable(),
  channel_room: z.string().nullable(),
  links: z.looseObject({ self: link, owner: link }),
})

const group = z.strictObject({
  id: z.number().int(),
  name: z.string().nullable().optional(),
  label: z.string(),
  description: z.string(),
  links: z.strictObject({ self: link, users: link }),
})

const user = z.strictObject({
  id: z.number().int(),
  username: z.string(),
  profile,
  groups: z.array(group),
  user_key: z.string().regex(/^[0-9a-f]{39}[02468ace]$/),
  links: z.strictObject({
    self: link,
    groups: link,
    'reset-key': link,
    profile: link,
  }),
})

const userMembership = z.strictObject({
  group,
  links: z.strictObject({ self: link }),
})
const groupMembership = z.strictObject({
  user,
  links: z.strictObject({ self: link }),
})

const page = (item: z.ZodType) =>
  z.strictObject({
    next: z.string().nullable(),
    prev: z.string().nullable(),
    objects: z.array(item),
  })

/** What each view answers on success, list or single. */
const SUCCESS: Record<ViewName, z.ZodType> = {
  userList: z.union([page(user), user]),
  userDetail: user,
  userResetKey: user,
  userGroupList: z.union([page(userMembership), userMembership]),
  userGroupDetail: userMembership,
  groupList: z.union([page(group), group]),
  groupDetail: group,
  groupUserList: z.union([page(groupMembership), groupMembership]),
  groupUserDetail: groupMembership,
  account: user,
  login: user,
  socialLogin: user,
  profileList: page(profile),
  profileDetail: profile,
}

const detail = z.strictObject({ detail: z.string().min(1) })
const fieldErrors: z.ZodType = z.lazy(() =>
  z.record(
    z.string(),
    z.union([z.array(z.string().min(1)).min(1), fieldErrors]),
  ),
)
const options = z.strictObject({
  renders: z.array(z.string()),
  parses: z.array(z.string()),
})

/**
 * Checks one answer against the spec: a documented status, and a body of
 * the documented shape for it (Django's HTML 404 only for a path that
 * matches no route). Returns the problem, or `null` when the answer is one
 * the spec allows.
 *
 * @example
 * expect(checkAnswer(spec, answer)).toBeNull()
 */
export function checkAnswer(spec: RequestSpec, answer: Answer): string | null {
  const { status, text } = answer
  if (!DOCUMENTED.has(status)) return `undocumented status ${status}`
  if (spec.method === 'HEAD') {
    return text === '' ? null : `a body on a HEAD answer ${status}`
  }

  const type = answer.headers.get('content-type') ?? ''
  const route = matchRoute(decodePath(new URL(`http://x${spec.path}`).pathname))
  if (type.startsWith('text/html')) {
    if (status === 404 && route === null && text.includes('Not Found')) {
      return null
    }
    return `HTML answer ${status} to a routed path`
  }
  if (route === null && !isPreflight(spec))
    return 'JSON answer to an unrouted path'

  if (status === 204 || isPreflight(spec)) {
    return text === '' ? null : `a body on a ${status} answer`
  }
  if (type !== 'application/json; charset=utf-8') {
    return `content type "${type}"`
  }

  const body: unknown = JSON.parse(text)
  if (status >= 400) {
    const shape = status === 400 ? z.union([detail, fieldErrors]) : detail
    return problemOf(shape, body)
  }
  if (spec.method.toUpperCase() === 'OPTIONS') return problemOf(options, body)
  if (!route) return 'success on an unrouted path'
  if (isFiltered(spec)) return problemOf(z.looseObject({}), body)

  return problemOf(SUCCESS[route.view], body)
}

function problemOf(shape: z.ZodType, body: unknown): string | null {
  const result = shape.safeParse(body)
  if (result.success) return null
  const issue = result.error.issues[0]
  return `body shape: ${issue?.path.join('.')} ${issue?.message}`
}

function isPreflight(spec: RequestSpec): boolean {
  return (
    spec.method.toUpperCase() === 'OPTIONS' &&
    spec.headers.some(([name]) => name === 'access-control-request-method')
  )
}

/** `fields` and `excluded_fields` cut any shape down on a GET. */
function isFiltered(spec: RequestSpec): boolean {
  return spec.query.some(
    ([name]) => name === 'fields' || name === 'excluded_fields',
  )
}
