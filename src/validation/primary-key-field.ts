import { messages } from '../errors/messages.ts'
import type { FieldResult } from './char-field.ts'
import { pythonStr, pythonTypeName } from './python-str.ts'

/**
 * Resolves a submitted primary key as DRF 3.7.7's `PrimaryKeyRelatedField`
 * does: the database casts it with `int()`, so `1`, `"1"` and `1.7` all find
 * object 1, while text that is not a number is an "incorrect type".
 *
 * @example
 * primaryKeyField('abc', find)
 * // { ok: false, errors: ['Incorrect type. Expected pk value, received str.'] }
 */
export function primaryKeyField(
  value: unknown,
  find: (id: number) => unknown,
): FieldResult<number> {
  const id = toPrimaryKey(value)
  if (id === null) {
    return {
      ok: false,
      errors: [messages.incorrectPkType(pythonTypeName(value))],
    }
  }

  if (!find(id)) {
    return { ok: false, errors: [messages.invalidPk(pythonStr(value))] }
  }
  return { ok: true, value: id }
}

function toPrimaryKey(value: unknown): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'number' && Number.isFinite(value))
    return Math.trunc(value)
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) {
    return Number(value)
  }
  return null
}
