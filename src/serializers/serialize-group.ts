import type { GroupRecord } from '../model/schemas.ts'
import type { GroupBody } from '../types.ts'
import { pickFields, type SerializeContext } from './serialize-context.ts'

/**
 * A group as the server shows it (`GroupSerializer`). The documentation
 * dialect leaves out `name`, which the server gained after the page was
 * written (migration `0013_group_name`).
 *
 * @example
 * serializeGroup(group, context)
 * // { id: 1, label: 'main_group', description: '', links: { self, users } }
 */
export function serializeGroup(
  group: GroupRecord,
  context: SerializeContext,
): Partial<GroupBody> {
  const base = `${context.linkPrefix}/groups/${group.id}/`
  const body: GroupBody = {
    id: group.id,
    ...(context.dialect === 'server' ? { name: group.name } : {}),
    label: group.label,
    description: group.description,
    links: { self: base, users: `${base}users/` },
  }

  return pickFields(body, context.fields)
}
