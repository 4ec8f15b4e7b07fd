import { describe, expect, test } from 'vitest'
import { profileField } from './profile-field.ts'

const score = { name: 'score', type: 'float' } as const
const age = { name: 'age', type: 'integer' } as const

describe('profileField given a float field', () => {
  // The server's test_objects_api.py test_if_can_increment_float.
  test('adds _increment to the stored value', () => {
    expect(profileField(score, { _increment: 1.23 }, { value: 3.14 })).toEqual({
      ok: true,
      value: 3.14 + 1.23,
    })
  })

  // The server's test_objects_api.py test_incrementing_empty_value.
  test('counts from zero given an empty stored value', () => {
    expect(profileField(score, { _increment: 1.23 }, { value: null })).toEqual({
      ok: true,
      value: 1.23,
    })
  })

  test('returns the float message given another operation', () => {
    expect(profileField(score, { _add: 1 }, { value: 1 })).toEqual({
      ok: false,
      errors: ['A valid number is required.'],
    })
  })

  test('returns the float message given an operation without a stored object', () => {
    expect(profileField(score, { _increment: 1 })).toEqual({
      ok: false,
      errors: ['A valid number is required.'],
    })
  })
  test('refuses a number too large to hold, as JSON 1e400 parses', () => {
    expect(profileField(score, JSON.parse('1e400'))).toEqual({
      ok: false,
      errors: ['A valid number is required.'],
    })
  })

  test('refuses an _increment that overflows the stored value', () => {
    expect(
      profileField(score, { _increment: 1.7e308 }, { value: 1.7e308 }),
    ).toEqual({ ok: false, errors: ['A valid number is required.'] })
  })
})

describe('profileField given an integer field', () => {
  test('reads an _increment that is itself an operation', () => {
    const nested = { _increment: { _increment: 2 } }
    expect(profileField(age, nested, { value: 10 })).toEqual({
      ok: true,
      value: 22,
    })
  })

  test('returns the integer message given a non-integer increment', () => {
    expect(profileField(age, { _increment: 1.5 }, { value: 10 })).toEqual({
      ok: false,
      errors: ['A valid integer is required.'],
    })
  })

  test('reads JSON text that is not an object as a plain value', () => {
    expect(profileField(age, '7', { value: 10 })).toEqual({
      ok: true,
      value: 7,
    })
  })

  test('accepts the ends of the PostgreSQL integer range', () => {
    expect(profileField(age, -2147483648)).toEqual({
      ok: true,
      value: -2147483648,
    })
    expect(profileField(age, '2147483647')).toEqual({
      ok: true,
      value: 2147483647,
    })
  })
})

describe('profileField given a string field', () => {
  const nickname = { name: 'nickname', type: 'string' } as const

  test('counts the untrimmed length', () => {
    expect(profileField(nickname, ` ${'x'.repeat(127)} `)).toEqual({
      ok: false,
      errors: ['Ensure this field has no more than 128 characters.'],
    })
  })
})
