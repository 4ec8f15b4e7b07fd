import { queryParam } from './query-param.ts'

/**
 * The whitespace Python's `str.strip()` takes off: ASCII `\t`-`\r`,
 * `\x1c`-`\x1f` and space, and the other `str.isspace` characters.
 */
const PYTHON_SPACE =
  '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a' +
  '\\u2028\\u2029\\u202f\\u205f\\u3000]'
const EDGE_SPACE = new RegExp(`^${PYTHON_SPACE}+|${PYTHON_SPACE}+$`, 'g')

/**
 * Reads an autocomplete filter such as `username__startswith` as
 * django-filter does (`AutocompleteMixin` in apps/core/mixins/views.py):
 * through a Django `forms.CharField`, which strips the value, so a prefix
 * that is empty once stripped filters nothing and gives `null`.
 *
 * @example
 * autocompletePrefix(new URLSearchParams('username__startswith= ja'), 'username__startswith')
 * // 'ja'
 */
export function autocompletePrefix(
  query: URLSearchParams,
  name: string,
): string | null {
  const prefix = queryParam(query, name)?.replace(EDGE_SPACE, '')
  return prefix ? prefix : null
}
