import { messages } from '../errors/messages.ts'
import type { ProfileField } from '../model/schemas.ts'
import { charField, type FieldResult } from './char-field.ts'
import { pythonStr } from './python-str.ts'

const TRUE_VALUES = new Set<unknown>([
  't',
  'T',
  'y',
  'Y',
  'yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  '1',
  1,
  true,
])
const FALSE_VALUES = new Set<unknown>([
  'f',
  'F',
  'n',
  'N',
  'no',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '0',
  0,
  false,
])
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

/**
 * Validates one custom `user_profile` field as the server's data object
 * serializer does for its type (`apps/data/helpers.py`): strings up to 128
 * characters, text up to 32,000, DRF integer, float and boolean rules, and
 * datetimes in the server's one input format. Every field may be null.
 *
 * Limitation: `file` fields take no upload here; a `reference` is checked
 * for type only, not for the object it points at.
 *
 * @example
 * profileField({ name: 'age', type: 'integer' }, '30') // { ok: true, value: 30 }
 */
export function profileField(
  field: ProfileField,
  value: unknown,
): FieldResult<unknown> {
  if (value === null) return { ok: true, value: null }

  switch (field.type) {
    case 'string':
      return charField(value, {
        maxLength: 128,
        allowBlank: true,
        lengthMessage: 'drf',
      })
    case 'text':
      return charField(value, {
        maxLength: 32000,
        allowBlank: true,
        lengthMessage: 'drf',
      })
    case 'integer':
    case 'reference':
      return integerField(value)
    case 'float':
      return floatField(value)
    case 'boolean':
      return booleanField(value)
    case 'datetime':
      return datetimeField(value)
    case 'file':
      return { ok: true, value: typeof value === 'string' ? value : null }
  }
}

/** DRF `IntegerField`: an integer, or text of one, with an optional `.0`. */
function integerField(value: unknown): FieldResult<number> {
  const text = typeof value === 'boolean' ? 'True' : pythonStr(value)
  const cleaned = text.replace(/\.0*\s*$/, '').trim()

  if (typeof value !== 'object' && /^[-+]?\d+$/.test(cleaned)) {
    return { ok: true, value: Number(cleaned) }
  }
  return { ok: false, errors: [messages.validInteger] }
}

/** DRF `FloatField`: anything Python's `float()` reads. */
function floatField(value: unknown): FieldResult<number> {
  if (typeof value === 'number') return { ok: true, value }
  if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 }

  const number =
    typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  if (Number.isFinite(number)) return { ok: true, value: number }
  return { ok: false, errors: [messages.validNumber] }
}

/** DRF 3.7.7 `BooleanField`: the listed spellings of true and false. */
function booleanField(value: unknown): FieldResult<boolean> {
  if (TRUE_VALUES.has(value)) return { ok: true, value: true }
  if (FALSE_VALUES.has(value)) return { ok: true, value: false }
  return { ok: false, errors: [messages.invalidBoolean(pythonStr(value))] }
}

function datetimeField(value: unknown): FieldResult<string> {
  if (typeof value === 'string' && DATETIME.test(value)) {
    return { ok: true, value }
  }
  return { ok: false, errors: [messages.datetimeFormat] }
}
