/**
 * Writes a parsed JSON value as Python's `str()` would, for the messages
 * that quote a submitted value (`"x" is not a valid choice.`).
 *
 * Limitation: JSON `5.0` reaches JavaScript as `5`, so it is written `5`
 * where the server writes `5.0`.
 *
 * @example
 * pythonStr(true) // 'True'
 * pythonStr(1e-5) // '1e-05'
 */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value)
}

/** Python's `repr()` of a parsed JSON value. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return pythonNumber(value)
  if (typeof value === 'string') return `'${value.replace(/'/g, "\\'")}'`
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`

  const entries = Object.entries(value as Record<string, unknown>)
  return `{${entries.map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`
}

/** The Python type name of a parsed JSON value, as DRF messages name it. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'int' : 'float'
  if (typeof value === 'string') return 'str'
  if (Array.isArray(value)) return 'list'
  return 'dict'
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 53) return String(value)

  // Python's float repr turns to exponent form below 1e-4 and from 1e16.
  const exponent = Math.floor(Math.log10(Math.abs(value)))
  if (exponent >= -4 && exponent < 16) return String(value)

  const [mantissa, power] = value.toExponential().split('e') as [string, string]
  const sign = power.startsWith('-') ? '-' : '+'
  return `${mantissa}e${sign}${power.replace(/^[-+]/, '').padStart(2, '0')}`
}
