import type { Dialect } from '../glossary.ts'
import type { Database } from '../model/database.ts'
import type { InstanceRecord } from '../model/schemas.ts'

/**
 * The fields a GET asked for with `fields` / `excluded_fields`. They apply to
 * the top-level object and to every nested one (`DynamicFieldsMixin` keeps
 * them in the shared serializer context).
 */
export interface FieldFilter {
  allowed: ReadonlySet<string> | null
  excluded: ReadonlySet<string> | null
}

/** What every serializer needs to know about the request it answers. */
export interface SerializeContext {
  db: Database
  instance: InstanceRecord
  dialect: Dialect
  /** `/v1.1/instances/<name>` (or `/v1/...`): the start of every link. */
  linkPrefix: string
  fields: FieldFilter | null
}

/**
 * Keeps the fields a request asked for, in the serializer's own order.
 *
 * @example
 * pickFields({ id: 1, username: 'jane', links: {} }, filter)
 */
export function pickFields<T extends object>(
  object: T,
  filter: FieldFilter | null,
): Partial<T> {
  if (!filter) return object

  const picked: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(object)) {
    if (filter.allowed && !filter.allowed.has(name)) continue
    if (filter.excluded?.has(name)) continue
    picked[name] = value
  }

  return picked as Partial<T>
}
