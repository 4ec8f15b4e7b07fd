/**
 * The whitespace Python 3.7's `int()` strips from both ends: ASCII
 * `\t\n\v\f\r` and space, and every non-ASCII `str.isspace` character
 * (`_PyUnicode_TransformDecimalAndSpaceToASCII` keeps ASCII as is, so
 * `\x1c`-`\x1f` are not stripped).
 */
const PYTHON_SPACE =
  '[\\t-\\r\\x20\\x85\\xa0\\u1680\\u2000-\\u200a' +
  '\\u2028\\u2029\\u202f\\u205f\\u3000]'

/** What Python 3.7's `int(text)` accepts in base 10 (ASCII digits only). */
const PYTHON_INT = new RegExp(
  `^${PYTHON_SPACE}*([+-]?)([0-9](?:_?[0-9])*)${PYTHON_SPACE}*$`,
)

/**
 * Python's `int(text)`: surrounding whitespace, a sign, and single
 * underscores between digits are allowed. Huge values lose precision, which
 * is harmless: every caller compares them with numbers far below 2 ** 53.
 *
 * @example
 * pythonInt(' +1_0 ') // 10
 * pythonInt('1.0') // null
 */
export function pythonInt(text: string): number | null {
  const match = PYTHON_INT.exec(text)
  if (!match) return null
  const value = Number(match[2]?.replaceAll('_', ''))
  return match[1] === '-' && value !== 0 ? -value : value
}
