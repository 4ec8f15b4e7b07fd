import type { FieldFilter } from '../serializers/serialize-context.ts'
import { queryParam } from '../utils/query-param.ts'

/**
 * Reads `fields` and `excluded_fields` from a GET's query, comma-separated,
 * 64 entries at most (`split(',', 64)` keeps the rest in the last entry).
 *
 * @example
 * fieldFilterOf(new URLSearchParams('fields=id,username'))
 */
export function fieldFilterOf(query: URLSearchParams): FieldFilter | null {
  const allowed = readList(queryParam(query, 'fields'))
  const excluded = readList(queryParam(query, 'excluded_fields'))

  if (!allowed && !excluded) return null
  return { allowed, excluded }
}

function readList(value: string | null): ReadonlySet<string> | null {
  if (!value) return null

  const parts = value.split(',')
  const head = parts.slice(0, 64)
  if (parts.length > 64) head.push(parts.slice(64).join(','))
  return new Set(head)
}
