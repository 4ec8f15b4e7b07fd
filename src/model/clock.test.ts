import { describe, expect, test } from 'vitest'
import { formatTimestamp } from './clock.ts'

describe('formatTimestamp', () => {
  test('writes microseconds as the server does, with six fraction digits', () => {
    expect(formatTimestamp(1_466_412_207_204_105)).toBe(
      '2016-06-20T08:43:27.204105Z',
    )
    expect(formatTimestamp(1_466_412_207_000_007)).toBe(
      '2016-06-20T08:43:27.000007Z',
    )
  })

  test('writes a year past 9999 whole, with its sign, as toISOString does', () => {
    // 316e15 µs, a double that holds it exactly.
    expect(formatTimestamp(316_000_000_000_000_000)).toBe(
      '+011983-08-23T09:46:40.000000Z',
    )
  })

  test('writes each second anew when timestamps move between seconds', () => {
    const written = [
      1_466_412_207_999_999, 1_466_412_208_000_000, 1_466_412_207_500_000,
      1_466_499_999_000_001,
    ].map(formatTimestamp)

    expect(written).toEqual([
      '2016-06-20T08:43:27.999999Z',
      '2016-06-20T08:43:28.000000Z',
      '2016-06-20T08:43:27.500000Z',
      '2016-06-21T09:06:39.000001Z',
    ])
  })
})
