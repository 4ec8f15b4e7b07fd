import { messages } from '../errors/messages.ts'
import type { Dialect } from '../glossary.ts'
import { pythonStr } from './python-str.ts'

/** The outcome of validating one field: its value, or its messages. */
export type FieldResult<T> =
  { ok: true; value: T } | { ok: false; errors: Array<string> }

/** How a DRF `CharField` is declared. */
export interface CharFieldOptions {
  maxLength: number
  allowBlank?: boolean
  allowNull?: boolean
  /** DRF's `trim_whitespace`, on unless turned off. */
  trimWhitespace?: boolean
  /**
   * Which length message to write: DRF 3.7.7's own (`server`) or Django's
   * validator message with the length, as the documentation page shows.
   */
  lengthMessage: 'drf' | 'django'
}

/**
 * Validates a submitted value as DRF 3.7.7's `CharField` does
 * (`rest_framework/fields.py`): null and blank checks first, then only
 * strings and numbers are accepted (numbers become their text), whitespace
 * is trimmed unless `trimWhitespace` is off, and the length is checked on
 * the value as kept.
 *
 * @example
 * charField(' Jane ', { maxLength: 64, lengthMessage: 'drf' })
 * // { ok: true, value: 'Jane' }
 */
export function charField(
  value: unknown,
  options: CharFieldOptions,
): FieldResult<string | null> {
  if (value === null) {
    return options.allowNull
      ? { ok: true, value: null }
      : { ok: false, errors: [messages.null] }
  }

  const trim = options.trimWhitespace ?? true
  if (value === '' || (trim && isBlank(value))) {
    return options.allowBlank
      ? { ok: true, value: '' }
      : { ok: false, errors: [messages.blank] }
  }

  if (!isStringLike(value)) return { ok: false, errors: [messages.notAString] }

  const text = trim ? pythonStr(value).trim() : pythonStr(value)
  // Python counts code points, not UTF-16 units.
  const length = [...text].length
  if (length <= options.maxLength) return { ok: true, value: text }

  const message =
    options.lengthMessage === 'django'
      ? messages.djangoMaxLength(options.maxLength, length)
      : messages.maxLength(options.maxLength)
  return { ok: false, errors: [message] }
}

/** The length message a dialect writes for `username` and `password`. */
export function lengthMessageOf(
  dialect: Dialect,
): CharFieldOptions['lengthMessage'] {
  return dialect === 'docs' ? 'django' : 'drf'
}

function isBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === ''
}

function isStringLike(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number'
}
