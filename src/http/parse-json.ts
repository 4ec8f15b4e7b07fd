/**
 * Request-body JSON parsing that fails exactly like the Syncano server.
 *
 * The server decodes the body with Python's `bytes.decode('utf-8')` and then
 * calls `rapidjson.loads` from python-rapidjson 0.6.3 with its defaults, which
 * parse with rapidjson's `kParseInsituFlag | kParseNumbersAsStringsFlag |
 * kParseNanAndInfFlag`. Well-formed bodies go through `JSON.parse`; the
 * iterative scanner below only runs to reproduce the server's verdict where
 * the two parsers can disagree.
 */

export type JsonParseResult =
  { ok: true; value: unknown } | { ok: false; message: string }

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Bodies `JSON.parse` accepts but rapidjson may reject: integers of 309+
 * digits and exponents above 308 ("Number too big to be stored in double."),
 * and `\uD800`-`\uDFFF` escapes (unpaired surrogates). A false positive only
 * costs a rescan. The lookbehind keeps the digit-run test linear.
 */
const MAY_BE_REJECTED = /(?<!\d)\d{309}|[eE]\+?\d{3}|\\u[dD][89a-fA-F]/

/**
 * Parses a request body as the server does; `message` is what follows
 * "JSON parse error - ".
 *
 * Mirrors `BaseJSONParser.parse` in the server's `apps/core/parsers.py`:
 * Python's UTF-8 decode errors win over JSON errors, and JSON errors carry
 * python-rapidjson 0.6.3's text with byte offsets. Like the server it accepts
 * `NaN`, `Infinity` and `-Infinity`, and it stops reading at a NUL byte.
 *
 * @example
 * parseJson(new TextEncoder().encode('{"a": [1, 2]}'))
 * // => { ok: true, value: { a: [1, 2] } }
 * parseJson(new TextEncoder().encode('[1,]'))
 * // => { ok: false, message: 'Parse error at offset 3: Invalid value.' }
 */
export function parseJson(bytes: Uint8Array): JsonParseResult {
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    return { ok: false, message: describeUtf8Fault(bytes) }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return scanDocument(bytes)
  }
  if (!MAY_BE_REJECTED.test(text)) return { ok: true, value }
  const verdict = scanDocument(bytes)
  return verdict.ok ? { ok: true, value } : verdict
}

// ---------------------------------------------------------------------------
// Python's UTF-8 decode errors

type Utf8Fault = { start: number; end: number; reason: string }

/** Formats the fault as `str(UnicodeDecodeError)` does. */
function describeUtf8Fault(bytes: Uint8Array): string {
  const { start, end, reason } = findUtf8Fault(bytes)
  const where =
    end - start === 1
      ? `byte 0x${hexByte(bytes[start] ?? 0)} in position ${start}`
      : `bytes in position ${start}-${end - 1}`
  return `'utf-8' codec can't decode ${where}: ${reason}`
}

/** Finds the first maximal invalid subpart, following CPython's decoder. */
function findUtf8Fault(bytes: Uint8Array): Utf8Fault {
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0
    const size = utf8SequenceSize(lead)
    if (size === 0) {
      return { start: i, end: i + 1, reason: 'invalid start byte' }
    }
    for (let k = 1; k < size; k += 1) {
      if (i + k >= bytes.length) {
        return { start: i, end: bytes.length, reason: 'unexpected end of data' }
      }
      if (!isUtf8Continuation(lead, k, bytes[i + k] ?? 0)) {
        return { start: i, end: i + k, reason: 'invalid continuation byte' }
      }
    }
    i += size
  }
  // TextDecoder and CPython follow the same Unicode rules, so this means a bug.
  throw new Error('TextDecoder rejected bytes that CPython would decode')
}

/** Sequence length announced by a lead byte, or 0 for an invalid start byte. */
function utf8SequenceSize(lead: number): number {
  if (lead < 0x80) return 1
  if (lead < 0xc2) return 0
  if (lead < 0xe0) return 2
  if (lead < 0xf0) return 3
  if (lead < 0xf5) return 4
  return 0
}

/** Whether `byte` may stand at index `k` of the sequence opened by `lead`. */
function isUtf8Continuation(lead: number, k: number, byte: number): boolean {
  if (k > 1) return byte >= 0x80 && byte <= 0xbf
  // Narrowed second bytes rule out overlongs, surrogates and > U+10FFFF.
  if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf
  if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f
  if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf
  if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f
  return byte >= 0x80 && byte <= 0xbf
}

function hexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0')
}

// ---------------------------------------------------------------------------
// rapidjson's verdict

const MESSAGES = {
  empty: 'The document is empty.',
  rootNotSingular: 'The document root must not be followed by other values.',
  invalidValue: 'Invalid value.',
  missName: 'Missing a name for object member.',
  missColon: 'Missing a colon after a name of object member.',
  missCommaOrBrace: "Missing a comma or '}' after an object member.",
  missCommaOrBracket: "Missing a comma or ']' after an array element.",
  invalidHex: 'Incorrect hex digit after \\u escape in string.',
  invalidSurrogate: 'The surrogate pair in string is invalid.',
  invalidEscape: 'Invalid escape character in string.',
  missQuote: 'Missing a closing quotation mark in string.',
  invalidEncoding: 'Invalid encoding in string.',
  numberTooBig: 'Number too big to be stored in double.',
  missFraction: 'Miss fraction part in number.',
  missExponent: 'Miss exponent in number.',
  // Raised by python-rapidjson's handler when float() rejects e.g. `NaN.5`.
  invalidFloat: 'Invalid float value',
} as const

const CHAR = {
  tab: 0x09,
  lf: 0x0a,
  cr: 0x0d,
  space: 0x20,
  quote: 0x22,
  plus: 0x2b,
  comma: 0x2c,
  minus: 0x2d,
  dot: 0x2e,
  zero: 0x30,
  nine: 0x39,
  colon: 0x3a,
  upperE: 0x45,
  upperI: 0x49,
  upperN: 0x4e,
  openBracket: 0x5b,
  backslash: 0x5c,
  closeBracket: 0x5d,
  lowerE: 0x65,
  lowerF: 0x66,
  lowerN: 0x6e,
  lowerT: 0x74,
  lowerU: 0x75,
  openBrace: 0x7b,
  closeBrace: 0x7d,
} as const

/** The escapes rapidjson accepts besides `\u`, keyed by the escaped byte. */
const SIMPLE_ESCAPES = new Map<number, string>([
  [0x22, '"'],
  [0x2f, '/'],
  [0x5c, '\\'],
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
])

/**
 * rapidjson's guard in its big-integer loop, written there as the literal
 * 1.7976931348623157e307: the same double as DBL_MAX / 10.
 */
const DOUBLE_OVERFLOW_GUARD = Number.MAX_VALUE / 10
const MAX_SAFE_SIGNIFICAND = 2n ** 53n - 1n

/** A failure carrying the complete text of the server's exception. */
class ParseFailure {
  constructor(readonly message: string) {}
}

function syntaxError(offset: number, text: string): ParseFailure {
  return new ParseFailure(`Parse error at offset ${offset}: ${text}`)
}

/**
 * Runs the scanner, turning its failure into a result. Most bodies that get
 * here are malformed, so a first pass only validates; values are built in a
 * second pass for the rare accepted ones (NaN, Infinity, text after a NUL).
 */
function scanDocument(bytes: Uint8Array): JsonParseResult {
  try {
    new RapidJsonScanner(bytes, false).parseDocument()
    return {
      ok: true,
      value: new RapidJsonScanner(bytes, true).parseDocument(),
    }
  } catch (error) {
    if (error instanceof ParseFailure) {
      return { ok: false, message: error.message }
    }
    throw error
  }
}

/** A decoded string plus the error Python raises when it builds a str. */
type DecodedString = { text: string; fault: string | undefined }

type ArrayFrame = { kind: 'array'; items: unknown[]; awaitingValue: boolean }
type ObjectFrame = {
  kind: 'object'
  members: Record<string, unknown>
  awaitingValue: boolean
  name: DecodedString
}
type Frame = ArrayFrame | ObjectFrame

/** What a number token looked like, as far as rapidjson's checks care. */
type NumberToken = {
  start: number
  minus: boolean
  digitsFrom: number
  digitsTo: number
  special: 'nan' | 'infinity' | undefined
  fractionFrom: number
  fractionTo: number
}

/**
 * An iterative re-implementation of rapidjson's recursive-descent `Reader`
 * (and of python-rapidjson's handler errors) with an explicit stack, so that
 * hostile nesting cannot overflow the JavaScript stack.
 */
class RapidJsonScanner {
  private pos = 0
  private readonly end: number
  private readonly stack: Frame[] = []
  private root: unknown = undefined

  constructor(
    private readonly bytes: Uint8Array,
    private readonly build: boolean,
  ) {
    // rapidjson reads a NUL-terminated copy of the text: a NUL ends the input.
    const nul = bytes.indexOf(0)
    this.end = nul === -1 ? bytes.length : nul
  }

  parseDocument(): unknown {
    this.skipWhitespace()
    if (this.pos >= this.end) throw syntaxError(this.pos, MESSAGES.empty)
    this.parseValue()
    while (this.stack.length > 0) this.step()
    this.skipWhitespace()
    if (this.pos < this.end) {
      throw syntaxError(this.pos, MESSAGES.rootNotSingular)
    }
    return this.root
  }

  /** Advances the innermost open container by one value or delimiter. */
  private step(): void {
    const frame = this.stack[this.stack.length - 1]
    if (frame === undefined) return
    if (frame.awaitingValue) {
      frame.awaitingValue = false
      this.parseValue()
      return
    }
    this.skipWhitespace()
    if (frame.kind === 'array') this.afterElement(frame)
    else this.afterMember(frame)
  }

  private afterElement(frame: ArrayFrame): void {
    if (this.consume(CHAR.comma)) {
      this.skipWhitespace()
      frame.awaitingValue = true
      return
    }
    if (this.consume(CHAR.closeBracket)) {
      this.stack.pop()
      return
    }
    throw syntaxError(this.pos, MESSAGES.missCommaOrBracket)
  }

  private afterMember(frame: ObjectFrame): void {
    if (this.consume(CHAR.comma)) {
      this.skipWhitespace()
      this.parseMemberName(frame)
      return
    }
    if (this.consume(CHAR.closeBrace)) {
      this.stack.pop()
      return
    }
    throw syntaxError(this.pos, MESSAGES.missCommaOrBrace)
  }

  private parseMemberName(frame: ObjectFrame): void {
    if (this.peek() !== CHAR.quote) {
      throw syntaxError(this.pos, MESSAGES.missName)
    }
    frame.name = this.parseString()
    this.skipWhitespace()
    if (!this.consume(CHAR.colon)) {
      throw syntaxError(this.pos, MESSAGES.missColon)
    }
    this.skipWhitespace()
    frame.awaitingValue = true
  }

  /** Parses a scalar, or opens a container whose contents `step` parses. */
  private parseValue(): void {
    switch (this.peek()) {
      case CHAR.lowerN:
        return this.parseLiteral('null', null)
      case CHAR.lowerT:
        return this.parseLiteral('true', true)
      case CHAR.lowerF:
        return this.parseLiteral('false', false)
      case CHAR.quote:
        return this.parseStringValue()
      case CHAR.openBrace:
        return this.openObject()
      case CHAR.openBracket:
        return this.openArray()
      default:
        return this.parseNumber()
    }
  }

  private openArray(): void {
    this.pos += 1
    const items: unknown[] = []
    this.emit(items)
    this.skipWhitespace()
    if (this.consume(CHAR.closeBracket)) return
    this.stack.push({ kind: 'array', items, awaitingValue: true })
  }

  private openObject(): void {
    this.pos += 1
    const members: Record<string, unknown> = {}
    this.emit(members)
    this.skipWhitespace()
    if (this.consume(CHAR.closeBrace)) return
    const frame: ObjectFrame = {
      kind: 'object',
      members,
      awaitingValue: false,
      name: { text: '', fault: undefined },
    }
    this.stack.push(frame)
    this.parseMemberName(frame)
  }

  /** Stores a value where python-rapidjson's handler would. */
  private emit(value: unknown): void {
    const frame = this.stack[this.stack.length - 1]
    // The handler turns the member name into a str only when storing a value.
    if (frame?.kind === 'object' && frame.name.fault !== undefined) {
      throw new ParseFailure(frame.name.fault)
    }
    if (!this.build) return
    if (frame === undefined) {
      this.root = value
      return
    }
    if (frame.kind === 'array') {
      frame.items.push(value)
      return
    }
    // defineProperty, like JSON.parse, makes "__proto__" an own property.
    Object.defineProperty(frame.members, frame.name.text, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    })
  }

  /** rapidjson reports an invalid literal where its matching stopped. */
  private parseLiteral(word: string, value: unknown): void {
    this.pos += 1
    for (let k = 1; k < word.length; k += 1) {
      if (!this.consume(word.charCodeAt(k))) {
        throw syntaxError(this.pos, MESSAGES.invalidValue)
      }
    }
    this.emit(value)
  }

  private parseStringValue(): void {
    const decoded = this.parseString()
    if (decoded.fault !== undefined) throw new ParseFailure(decoded.fault)
    this.emit(decoded.text)
  }

  private parseString(): DecodedString {
    this.pos += 1
    const out = new StringCollector(this.build)
    for (;;) {
      const runStart = this.pos
      this.skipPlainStringBytes()
      out.addRaw(this.bytes, runStart, this.pos)
      const c = this.peek()
      if (c === CHAR.quote) {
        this.pos += 1
        return out.finish()
      }
      if (c === CHAR.backslash) {
        this.parseEscape(out)
        continue
      }
      // Only the end of input (or a NUL) and control characters remain.
      const message = c === 0 ? MESSAGES.missQuote : MESSAGES.invalidEncoding
      throw syntaxError(this.pos, message)
    }
  }

  private skipPlainStringBytes(): void {
    const { bytes, end } = this
    let pos = this.pos
    while (pos < end) {
      const c = bytes[pos] ?? 0
      if (c === CHAR.quote || c === CHAR.backslash || c < 0x20) break
      pos += 1
    }
    this.pos = pos
  }

  private parseEscape(out: StringCollector): void {
    const escapeOffset = this.pos
    this.pos += 1
    const simple = SIMPLE_ESCAPES.get(this.peek())
    if (simple !== undefined) {
      this.pos += 1
      out.addCodePoint(simple.charCodeAt(0))
      return
    }
    if (!this.consume(CHAR.lowerU)) {
      throw syntaxError(escapeOffset, MESSAGES.invalidEscape)
    }
    out.addCodePoint(this.parseUnicodeEscape(escapeOffset))
  }

  /** A high surrogate must be followed by an escaped low surrogate. */
  private parseUnicodeEscape(escapeOffset: number): number {
    const unit = this.parseHex4(escapeOffset)
    if (unit < 0xd800 || unit > 0xdbff) return unit
    if (!this.consume(CHAR.backslash) || !this.consume(CHAR.lowerU)) {
      throw syntaxError(escapeOffset, MESSAGES.invalidSurrogate)
    }
    const low = this.parseHex4(escapeOffset)
    if (low < 0xdc00 || low > 0xdfff) {
      throw syntaxError(escapeOffset, MESSAGES.invalidSurrogate)
    }
    return (((unit - 0xd800) << 10) | (low - 0xdc00)) + 0x10000
  }

  private parseHex4(escapeOffset: number): number {
    let unit = 0
    for (let k = 0; k < 4; k += 1) {
      const digit = hexDigitValue(this.peek())
      if (digit < 0) throw syntaxError(escapeOffset, MESSAGES.invalidHex)
      unit = unit * 16 + digit
      this.pos += 1
    }
    return unit
  }

  private parseNumber(): void {
    const token: NumberToken = {
      start: this.pos,
      minus: this.consume(CHAR.minus),
      digitsFrom: this.pos,
      digitsTo: this.pos,
      special: undefined,
      fractionFrom: -1,
      fractionTo: -1,
    }
    this.parseIntegerPart(token)
    this.parseFraction(token)
    this.parseExponent(token)
    // python-rapidjson hands the token to float(), which refuses `NaN.5`.
    if (token.special !== undefined && this.pos !== token.digitsTo) {
      throw syntaxError(token.start, MESSAGES.invalidFloat)
    }
    this.emit(this.build ? numberValue(this.bytes, token, this.pos) : 0)
  }

  private parseIntegerPart(token: NumberToken): void {
    const c = this.peek()
    if (c === CHAR.zero) {
      this.pos += 1
    } else if (isDigit(c)) {
      this.skipDigits()
    } else if (c === CHAR.upperN) {
      this.parseWordPrefix('NaN', 3)
      token.special = 'nan'
    } else if (c === CHAR.upperI) {
      this.parseInfinity()
      token.special = 'infinity'
    } else {
      throw syntaxError(this.pos, MESSAGES.invalidValue)
    }
    token.digitsTo = this.pos
    if (token.special === undefined && integerOverflows(this.bytes, token)) {
      throw syntaxError(token.start, MESSAGES.numberTooBig)
    }
  }

  /** `Inf` alone is accepted; once an `i` follows, all of `Infinity` must. */
  private parseInfinity(): void {
    this.parseWordPrefix('Infinity', 3)
    if (this.peek() === 0x69) this.parseWordPrefix('Infinity', 8, 3)
  }

  /** Matches `word.slice(from, length)`, failing where matching stops. */
  private parseWordPrefix(word: string, length: number, from = 0): void {
    for (let k = from; k < length; k += 1) {
      if (!this.consume(word.charCodeAt(k))) {
        throw syntaxError(this.pos, MESSAGES.invalidValue)
      }
    }
  }

  private parseFraction(token: NumberToken): void {
    if (!this.consume(CHAR.dot)) return
    if (!isDigit(this.peek())) {
      throw syntaxError(this.pos, MESSAGES.missFraction)
    }
    token.fractionFrom = this.pos
    this.skipDigits()
    token.fractionTo = this.pos
  }

  private parseExponent(token: NumberToken): void {
    if (!this.consume(CHAR.lowerE) && !this.consume(CHAR.upperE)) return
    const negative = !this.consume(CHAR.plus) && this.consume(CHAR.minus)
    if (!isDigit(this.peek())) {
      throw syntaxError(this.pos, MESSAGES.missExponent)
    }
    const from = this.pos
    this.skipDigits()
    if (!negative && exponentOverflows(this.bytes, token, from, this.pos)) {
      throw syntaxError(token.start, MESSAGES.numberTooBig)
    }
  }

  private skipDigits(): void {
    while (isDigit(this.peek())) this.pos += 1
  }

  private skipWhitespace(): void {
    for (;;) {
      const c = this.peek()
      const blank =
        c === CHAR.space || c === CHAR.lf || c === CHAR.cr || c === CHAR.tab
      if (!blank) return
      this.pos += 1
    }
  }

  /** The current byte, or 0 (rapidjson's terminator) at the end of input. */
  private peek(): number {
    return this.pos < this.end ? (this.bytes[this.pos] ?? 0) : 0
  }

  private consume(expected: number): boolean {
    if (this.peek() !== expected) return false
    this.pos += 1
    return true
  }
}

/**
 * Builds a string's value and tracks the UTF-8 length rapidjson has written,
 * because an escaped lone low surrogate becomes bytes ED Bx xx that Python's
 * str() construction then rejects at that position.
 */
class StringCollector {
  private readonly parts: string[] = []
  private utf8Length = 0
  private fault: string | undefined = undefined

  /** Without `build` only the length and the fault are tracked. */
  constructor(private readonly build: boolean) {}

  addRaw(bytes: Uint8Array, from: number, to: number): void {
    if (this.build && from < to) {
      this.parts.push(lenientUtf8.decode(bytes.subarray(from, to)))
    }
    this.utf8Length += to - from
  }

  addCodePoint(codePoint: number): void {
    const loneLowSurrogate = codePoint >= 0xdc00 && codePoint <= 0xdfff
    if (loneLowSurrogate && this.fault === undefined) {
      this.fault =
        "'utf-8' codec can't decode byte 0xed in position " +
        `${this.utf8Length}: invalid continuation byte`
    }
    if (this.build) this.parts.push(String.fromCodePoint(codePoint))
    this.utf8Length += utf8Size(codePoint)
  }

  finish(): DecodedString {
    return { text: this.parts.join(''), fault: this.fault }
  }
}

function utf8Size(codePoint: number): number {
  if (codePoint < 0x80) return 1
  if (codePoint < 0x800) return 2
  if (codePoint < 0x10000) return 3
  return 4
}

function isDigit(c: number): boolean {
  return c >= CHAR.zero && c <= CHAR.nine
}

function hexDigitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10
  return -1
}

function numberValue(
  bytes: Uint8Array,
  token: NumberToken,
  to: number,
): number {
  if (token.special === 'nan') return Number.NaN
  if (token.special === 'infinity') {
    return token.minus ? -Infinity : Infinity
  }
  return Number(lenientUtf8.decode(bytes.subarray(token.start, to)))
}

/**
 * The exact prefix rapidjson accumulates in its 32- and 64-bit integer loops;
 * `exact` is false when more digits follow and it switched to a double.
 */
function accumulateInteger(bytes: Uint8Array, token: NumberToken) {
  if (token.special !== undefined) {
    return { value: 0n, next: token.digitsTo, exact: true }
  }
  // Beyond these values (and last digits) the next digit would overflow.
  const limit = token.minus ? 922337203685477580n : 1844674407370955161n
  const lastDigit = token.minus ? 8n : 5n
  let value = 0n
  let k = token.digitsFrom
  for (; k < token.digitsTo; k += 1) {
    const digit = BigInt((bytes[k] ?? 0) - CHAR.zero)
    if (value > limit || (value === limit && digit > lastDigit)) break
    value = value * 10n + digit
  }
  return { value, next: k, exact: k === token.digitsTo }
}

/** Replays rapidjson's big-integer loop, which gives up near DBL_MAX. */
function integerOverflows(bytes: Uint8Array, token: NumberToken): boolean {
  // Fewer than 309 digits always stay below the guard.
  if (token.digitsTo - token.digitsFrom < 309) return false
  const { value, next } = accumulateInteger(bytes, token)
  let d = Number(value)
  for (let k = next; k < token.digitsTo; k += 1) {
    if (d >= DOUBLE_OVERFLOW_GUARD) return true
    d = d * 10 + ((bytes[k] ?? 0) - CHAR.zero)
  }
  return false
}

/** rapidjson rejects a positive exponent above 308 plus the fraction shift. */
function exponentOverflows(
  bytes: Uint8Array,
  token: NumberToken,
  from: number,
  to: number,
): boolean {
  let exponent = 0
  let limit = Infinity
  for (let k = from; k < to; k += 1) {
    exponent = exponent * 10 + ((bytes[k] ?? 0) - CHAR.zero)
    if (exponent <= 308) continue
    // Computed lazily: it only matters once the exponent passes 308.
    if (limit === Infinity) limit = 308 + fractionShift(bytes, token)
    if (exponent > limit) return true
  }
  return false
}

/**
 * How many fraction digits rapidjson folded into its significand (the
 * `-expFrac` of its ParseNumber); later digits do not move the limit.
 */
function fractionShift(bytes: Uint8Array, token: NumberToken): number {
  if (token.fractionFrom < 0) return 0
  const integer = accumulateInteger(bytes, token)
  // A switch to double means 17+ significant digits: fractions are ignored.
  if (!integer.exact) return 0
  const intDigits = token.digitsTo - token.digitsFrom
  let significant = token.special === undefined ? Math.max(intDigits - 1, 0) : 0
  let significand = integer.value
  let k = token.fractionFrom
  // Leading zeros keep the significand at zero, so skip them cheaply.
  while (significand === 0n && k < token.fractionTo && bytes[k] === CHAR.zero) {
    k += 1
  }
  for (; k < token.fractionTo && significand <= MAX_SAFE_SIGNIFICAND; k += 1) {
    significand = significand * 10n + BigInt((bytes[k] ?? 0) - CHAR.zero)
    if (significand !== 0n) significant += 1
  }
  for (; k < token.fractionTo && significant < 17; k += 1) significant += 1
  return k - token.fractionFrom
}
