import { messages } from '../errors/messages.ts'
import type { ProfileField } from '../model/schemas.ts'
import { charField, type FieldResult } from './char-field.ts'
import { pythonInt } from '../utils/python-int.ts'
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
/**
 * Decimal text Python's `float()` reads: underscores only between digits,
 * no hexadecimal. Infinity and NaN are left out, as the server refuses them.
 */
const PYTHON_FLOAT =
  /^\s*[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?\s*$/

/** Checked after FALSE_VALUES, so `n` and `N` are false. */
const NULL_VALUES = new Set<unknown>(['n', 'N', 'null', 'Null', 'NULL', ''])

/**
 * `strptime` with `%Y-%m-%dT%H:%M:%S.%fZ` (`DATETIME_INPUT_FORMATS`), whose
 * pattern is matched in any case: `%f` takes one to six digits, the other
 * fields but the year may drop a leading zero (`%d` may be a space), and
 * `%S` goes up to 61, for `datetime` to refuse.
 */
const DATETIME = new RegExp(
  '^(\\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])' +
    't(2[0-3]|[01]\\d|\\d):([0-5]\\d|\\d):(6[01]|[0-5]\\d|\\d)' +
    '\\.(\\d{1,6})z$',
  'i',
)

/**
 * PostgreSQL's integer range, which Django's `IntegerField` brings as
 * validators and DRF turns into `max_value` and `min_value`.
 */
const INTEGER_MAX = 2147483647
const INTEGER_MIN = -2147483648

/** The one operation a number field takes (`IncrementableFieldSerializerMixin`). */
const INCREMENT = '_increment'

/** The value a field holds on the object being written. */
export interface StoredValue {
  value: unknown
}

/**
 * Validates one custom `user_profile` field as the server's data object
 * serializer does for its type (`apps/data/helpers.py`): strings up to 128
 * characters and text up to 32,000, both kept untrimmed
 * (`NoTrimWhitespaceMixin`), DRF integer (in PostgreSQL's range), float and
 * boolean rules, and datetimes in the server's one input format. Every
 * field may be null.
 *
 * Given the value `stored` on the object (a write to the object's own URL),
 * integer and float fields also take `{"_increment": n}`, as an object or
 * as JSON text, and add `n` to it.
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
  stored?: StoredValue,
): FieldResult<unknown> {
  if (value === null) return { ok: true, value: null }

  switch (field.type) {
    case 'string':
      return charField(value, {
        maxLength: 128,
        allowBlank: true,
        trimWhitespace: false,
        lengthMessage: 'drf',
      })
    case 'text':
      return charField(value, {
        maxLength: 32000,
        allowBlank: true,
        trimWhitespace: false,
        lengthMessage: 'drf',
      })
    case 'integer':
      return inRange(
        operated(value, stored, integerField, messages.validInteger),
      )
    case 'reference':
      return inRange(integerField(value))
    case 'float':
      return operated(value, stored, floatField, messages.validNumber)
    case 'boolean':
      return booleanField(value)
    case 'datetime':
      return datetimeField(value)
    case 'file':
      return { ok: true, value: typeof value === 'string' ? value : null }
  }
}

/**
 * `OpDictFieldSerializerMixin.to_internal_value`: on a stored object, a
 * truthy value that is (or whose JSON text is) an object is an operation.
 * Any key but `_increment` makes the field invalid; the increment is read
 * the same way, so it may itself be an operation, and is added to the
 * stored value (0 when it is empty).
 */
function operated(
  value: unknown,
  stored: StoredValue | undefined,
  parse: (value: unknown) => FieldResult<number>,
  invalid: string,
): FieldResult<number> {
  if (!stored || !isTruthy(value)) return parse(value)

  const operation = typeof value === 'string' ? jsonObjectOf(value) : value
  if (!isPlainObject(operation)) return parse(value)
  if (Object.keys(operation).some((name) => name !== INCREMENT)) {
    return { ok: false, errors: [invalid] }
  }

  const increment = operated(operation[INCREMENT], stored, parse, invalid)
  if (!increment.ok) return increment
  const base = typeof stored.value === 'number' ? stored.value : 0
  return parse(base + increment.value)
}

/** DRF's `max_value` and `min_value` checks, run after the type check. */
function inRange(result: FieldResult<number>): FieldResult<number> {
  if (!result.ok) return result
  if (result.value > INTEGER_MAX) {
    return { ok: false, errors: [messages.maxValue(INTEGER_MAX)] }
  }
  if (result.value < INTEGER_MIN) {
    return { ok: false, errors: [messages.minValue(INTEGER_MIN)] }
  }
  return result
}

/** Python's truth value of a parsed JSON value. */
function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0
  if (isPlainObject(value)) return Object.keys(value).length > 0
  return Boolean(value)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The object a JSON text holds; anything else stays the text. */
function jsonObjectOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * DRF `IntegerField`: `int()` of the value's text once a `.0` ending is
 * cut, so text of an integer, with its sign, spaces and underscores, too.
 */
function integerField(value: unknown): FieldResult<number> {
  if (isTooLong(value)) return { ok: false, errors: [messages.stringTooLarge] }
  if (typeof value === 'object') {
    return { ok: false, errors: [messages.validInteger] }
  }

  const text = typeof value === 'boolean' ? 'True' : pythonStr(value)
  const integer = pythonInt(text.replace(/\.0*\s*$/, ''))
  if (integer !== null) return { ok: true, value: integer }
  return { ok: false, errors: [messages.validInteger] }
}

/** DRF `FloatField`: `float()`, but no infinity or NaN (the server's own rule). */
function floatField(value: unknown): FieldResult<number> {
  if (isTooLong(value)) return { ok: false, errors: [messages.stringTooLarge] }
  if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 }

  // A JSON number too large for a double (`1e400`) parses as Infinity.
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && PYTHON_FLOAT.test(value)
        ? Number(value.trim().replaceAll('_', ''))
        : NaN
  if (Number.isFinite(number)) return { ok: true, value: number }
  return { ok: false, errors: [messages.validNumber] }
}

/** DRF's guard on number fields: text over 1,000 characters. */
function isTooLong(value: unknown): boolean {
  return typeof value === 'string' && [...value].length > 1000
}

/**
 * `NullBooleanFieldSerializer` (apps/data/field_serializers.py), a DRF
 * 3.7.7 `NullBooleanField`: the listed spellings of true and false, then
 * those of null, else the serializer's own message.
 */
function booleanField(value: unknown): FieldResult<boolean | null> {
  if (TRUE_VALUES.has(value)) return { ok: true, value: true }
  if (FALSE_VALUES.has(value)) return { ok: true, value: false }
  if (NULL_VALUES.has(value)) return { ok: true, value: null }
  return { ok: false, errors: [messages.invalidBoolean] }
}

/**
 * DRF `DateTimeField` with the server's one input format, stored as the
 * server shows it: every field zero-padded, six digits of microseconds.
 */
function datetimeField(value: unknown): FieldResult<string> {
  const match = typeof value === 'string' ? DATETIME.exec(value) : null
  if (!match) return { ok: false, errors: [messages.datetimeFormat] }

  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part))
  const fraction = (match[7] as string).padEnd(6, '0')
  if (!isDate(year as number, month as number, day as number)) {
    return { ok: false, errors: [messages.datetimeFormat] }
  }
  if ((second as number) > 59) {
    return { ok: false, errors: [messages.datetimeFormat] }
  }

  const pad = (part: number | undefined, width = 2) =>
    String(part).padStart(width, '0')
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`
  const time = `${pad(hour)}:${pad(minute)}:${pad(second)}.${fraction}`
  return { ok: true, value: `${date}T${time}Z` }
}

/** Whether `datetime` takes the date: year 1 on, a real day of the month. */
function isDate(year: number, month: number, day: number): boolean {
  if (year < 1) return false
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  return day <= (days[month - 1] as number)
}
