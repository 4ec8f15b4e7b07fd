import { describe, expect, test } from 'vitest'

import { parseJson } from './parse-json.ts'

// Every expectation below was produced by python-rapidjson 0.6.3, built with
// its pinned rapidjson, behind `bytes.decode('utf-8')` as the server runs it.

const encoder = new TextEncoder()

function utf8(text: string): Uint8Array {
  return encoder.encode(text)
}

function raw(...parts: Array<string | number[]>): Uint8Array {
  const chunks = parts.map((part) =>
    typeof part === 'string' ? utf8(part) : Uint8Array.from(part),
  )
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

function failure(offset: number, text: string) {
  return { ok: false, message: `Parse error at offset ${offset}: ${text}` }
}

function decodeFailure(detail: string) {
  return { ok: false, message: `'utf-8' codec can't decode ${detail}` }
}

describe('parseJson', () => {
  test('returns the value of a well-formed body', () => {
    expect(parseJson(utf8('{"a": [1, 2.5, "x"], "b": null}'))).toEqual({
      ok: true,
      value: { a: [1, 2.5, 'x'], b: null },
    })
  })

  test('decodes escapes and multi-byte characters like JSON.parse', () => {
    const body = '["Zoë", "\\ud83d\\ude00", "\\u0000\\/"]'
    expect(parseJson(utf8(body))).toEqual({
      ok: true,
      value: ['Zoë', '😀', '\u0000/'],
    })
  })

  test('accepts numbers near the double range that rapidjson allows', () => {
    expect(
      parseJson(utf8('[1.5e308, 1e-400, 0.000000000000000000001e320]')),
    ).toEqual({ ok: true, value: [1.5e308, 0, 1e299] })
  })

  test('accepts NaN and Infinity as python-rapidjson does by default', () => {
    expect(parseJson(utf8('[NaN, Infinity, -Infinity, Inf, -NaN]'))).toEqual({
      ok: true,
      value: [NaN, Infinity, -Infinity, Infinity, NaN],
    })
  })

  test('stops reading at a NUL byte', () => {
    expect(parseJson(raw('{"a": NaN}', [0], 'garbage'))).toEqual({
      ok: true,
      value: { a: NaN },
    })
  })

  test('keeps __proto__ as an own member of a value it builds', () => {
    const result = parseJson(utf8('{"__proto__": {"x": 1}, "n": NaN}'))
    expect(result).toEqual({
      ok: true,
      value: { ['__proto__']: { x: 1 }, n: NaN },
    })
    expect(Object.getPrototypeOf(result.ok && result.value)).toEqual(
      Object.prototype,
    )
  })

  test('reports an empty body', () => {
    expect(parseJson(utf8(''))).toEqual(failure(0, 'The document is empty.'))
  })

  test('reports the offset after whitespace-only content', () => {
    expect(parseJson(utf8(' \t\r\n'))).toEqual(
      failure(4, 'The document is empty.'),
    )
  })

  test('reports a body that is empty before a NUL byte', () => {
    expect(parseJson(raw([0], '{}'))).toEqual(
      failure(0, 'The document is empty.'),
    )
  })

  test('reports a second value after the root', () => {
    expect(parseJson(utf8('[1] 2'))).toEqual(
      failure(4, 'The document root must not be followed by other values.'),
    )
  })

  test('reports a leading zero as a value followed by another value', () => {
    expect(parseJson(utf8('01'))).toEqual(
      failure(1, 'The document root must not be followed by other values.'),
    )
  })

  test('reports a byte order mark as an invalid value', () => {
    expect(parseJson(raw([0xef, 0xbb, 0xbf], '{}'))).toEqual(
      failure(0, 'Invalid value.'),
    )
  })

  test('reports a truncated literal where matching stopped', () => {
    expect(parseJson(utf8('tru'))).toEqual(failure(3, 'Invalid value.'))
  })

  test('reports a misspelt literal at the first wrong character', () => {
    expect(parseJson(utf8('tx'))).toEqual(failure(1, 'Invalid value.'))
  })

  test('reports a lone minus sign after the sign', () => {
    expect(parseJson(utf8('-'))).toEqual(failure(1, 'Invalid value.'))
  })

  test('reports a minus sign followed by a letter after the sign', () => {
    expect(parseJson(utf8('-x'))).toEqual(failure(1, 'Invalid value.'))
  })

  test('reports a trailing comma in an array as an invalid value', () => {
    expect(parseJson(utf8('[1,]'))).toEqual(failure(3, 'Invalid value.'))
  })

  test('reports a truncated Infinity where matching stopped', () => {
    expect(parseJson(utf8('Infinit'))).toEqual(failure(7, 'Invalid value.'))
  })

  test('reports the end of 200,000 unclosed brackets without recursing', () => {
    expect(parseJson(utf8('['.repeat(200_000)))).toEqual(
      failure(200_000, 'Invalid value.'),
    )
  })

  test('reports the end of deeply nested unclosed objects', () => {
    expect(parseJson(utf8('{"a":'.repeat(100_000)))).toEqual(
      failure(500_000, 'Invalid value.'),
    )
  })

  test('reports a trailing comma in an object as a missing name', () => {
    expect(parseJson(utf8('{"a": 1,}'))).toEqual(
      failure(8, 'Missing a name for object member.'),
    )
  })

  test('reports an unquoted member name', () => {
    expect(parseJson(utf8('{1}'))).toEqual(
      failure(1, 'Missing a name for object member.'),
    )
  })

  test('reports the offset of a missing colon', () => {
    expect(parseJson(utf8('{"a" 1}'))).toEqual(
      failure(5, 'Missing a colon after a name of object member.'),
    )
  })

  test('reports a missing comma between object members', () => {
    expect(parseJson(utf8('{"a": 1 "b": 2}'))).toEqual(
      failure(8, "Missing a comma or '}' after an object member."),
    )
  })

  test('reports a missing comma between array elements', () => {
    expect(parseJson(utf8('[1 2]'))).toEqual(
      failure(3, "Missing a comma or ']' after an array element."),
    )
  })

  test('counts offsets in bytes after multi-byte characters', () => {
    expect(parseJson(utf8('{"name": "Zoë 😀" x}'))).toEqual(
      failure(21, "Missing a comma or '}' after an object member."),
    )
  })

  test('reports an unclosed array after nested values', () => {
    expect(parseJson(utf8('[1, "aéb", {"k": [null]}, 2'))).toEqual(
      failure(28, "Missing a comma or ']' after an array element."),
    )
  })

  test('reports a bad hex digit at the backslash of the escape', () => {
    expect(parseJson(utf8('"\\u12x4"'))).toEqual(
      failure(1, 'Incorrect hex digit after \\u escape in string.'),
    )
  })

  test('reports a high surrogate without a following escape', () => {
    expect(parseJson(utf8('["\\ud800x"]'))).toEqual(
      failure(2, 'The surrogate pair in string is invalid.'),
    )
  })

  test('reports a high surrogate followed by a non-surrogate escape', () => {
    expect(parseJson(utf8('"\\ud800\\u0041"'))).toEqual(
      failure(1, 'The surrogate pair in string is invalid.'),
    )
  })

  test('reports an unknown escape at its backslash', () => {
    expect(parseJson(utf8('"\\x"'))).toEqual(
      failure(1, 'Invalid escape character in string.'),
    )
  })

  test('reports an unterminated string at the end of input', () => {
    expect(parseJson(utf8('"abc'))).toEqual(
      failure(4, 'Missing a closing quotation mark in string.'),
    )
  })

  test('reports a NUL byte inside a string as a missing quotation mark', () => {
    expect(parseJson(raw('"ab', [0], 'cd"'))).toEqual(
      failure(3, 'Missing a closing quotation mark in string.'),
    )
  })

  test('reports a raw control character inside a string', () => {
    expect(parseJson(utf8('"a\tb"'))).toEqual(
      failure(2, 'Invalid encoding in string.'),
    )
  })

  test('reports a number ending at its decimal point', () => {
    expect(parseJson(utf8('1.'))).toEqual(
      failure(2, 'Miss fraction part in number.'),
    )
  })

  test('reports a decimal point followed by a letter', () => {
    expect(parseJson(utf8('1.x'))).toEqual(
      failure(2, 'Miss fraction part in number.'),
    )
  })

  test('reports a number ending at its exponent marker', () => {
    expect(parseJson(utf8('1e'))).toEqual(
      failure(2, 'Miss exponent in number.'),
    )
  })

  test('reports a number ending at its exponent sign', () => {
    expect(parseJson(utf8('1e+'))).toEqual(
      failure(3, 'Miss exponent in number.'),
    )
  })

  test('reports an exponent too large at the start of the number', () => {
    expect(parseJson(utf8('[0, 1e309]'))).toEqual(
      failure(4, 'Number too big to be stored in double.'),
    )
  })

  test('reports an integer of 310 digits as too big', () => {
    expect(parseJson(utf8('1'.repeat(310)))).toEqual(
      failure(0, 'Number too big to be stored in double.'),
    )
  })

  test('reports NaN with a fraction as python float() rejects it', () => {
    expect(parseJson(utf8('[NaN.5]'))).toEqual(
      failure(1, 'Invalid float value'),
    )
  })

  test('reports an escaped lone low surrogate as Python str() does', () => {
    expect(parseJson(utf8('["ab\\udc00"]'))).toEqual(
      decodeFailure('byte 0xed in position 2: invalid continuation byte'),
    )
  })

  test('reports a lone low surrogate in a member name at its value', () => {
    expect(parseJson(utf8('{"\\udc00": 1}'))).toEqual(
      decodeFailure('byte 0xed in position 0: invalid continuation byte'),
    )
  })

  test('reports an invalid start byte', () => {
    expect(parseJson(raw([0xff]))).toEqual(
      decodeFailure('byte 0xff in position 0: invalid start byte'),
    )
  })

  test('reports an overlong lead byte as an invalid start byte', () => {
    expect(parseJson(raw([0xc0, 0xaf]))).toEqual(
      decodeFailure('byte 0xc0 in position 0: invalid start byte'),
    )
  })

  test('reports a lead byte followed by a non-continuation byte', () => {
    expect(parseJson(raw('a', [0xe2], '('))).toEqual(
      decodeFailure('byte 0xe2 in position 1: invalid continuation byte'),
    )
  })

  test('reports an encoded surrogate at its lead byte', () => {
    expect(parseJson(raw([0xed, 0xa0, 0x80]))).toEqual(
      decodeFailure('byte 0xed in position 0: invalid continuation byte'),
    )
  })

  test('reports a multi-byte invalid subpart as a range', () => {
    expect(parseJson(raw('ab', [0xf0, 0x90], 'A'))).toEqual(
      decodeFailure('bytes in position 2-3: invalid continuation byte'),
    )
  })

  test('reports a truncated lead byte at the end of the body', () => {
    expect(parseJson(raw('abc', [0xe2]))).toEqual(
      decodeFailure('byte 0xe2 in position 3: unexpected end of data'),
    )
  })

  test('reports a truncated sequence at the end as a range', () => {
    expect(parseJson(raw('"', [0xe2, 0x82]))).toEqual(
      decodeFailure('bytes in position 1-2: unexpected end of data'),
    )
  })

  test('reports a decoding error before any JSON error', () => {
    expect(parseJson(raw('{"a" 1, "b": "', [0xff], '"}'))).toEqual(
      decodeFailure('byte 0xff in position 14: invalid start byte'),
    )
  })

  test('parses a 10 MB body', () => {
    const item = '{"name":"Zoë 😀","n":12345.678,"tags":["a","b"]}'
    const body = `[${Array(200_000).fill(item).join(',')}]`
    const result = parseJson(utf8(body))
    expect(result.ok && (result.value as unknown[]).length).toEqual(200_000)
  })

  test('reports an error at the end of a 10 MB body', () => {
    const body = `[${'1234567890,'.repeat(1_000_000)}]`
    expect(parseJson(utf8(body))).toEqual(failure(11_000_001, 'Invalid value.'))
  })
})
