import type { Faker } from '@faker-js/faker'

/**
 * Which keys end in an even hex digit: user keys and account keys. Instance
 * API keys end in an odd one. The server tells the two apart by this digit
 * alone (`check_parity` in `apps/core/helpers.py`).
 */
export type KeyParity = 'even' | 'odd'

const HEX_KEY = /^[a-f0-9]{40}$/i

/**
 * Generates a 40 hex character key of the given parity from the mock's own
 * seeded faker, so the same seed gives the same keys.
 *
 * @example
 * generateKey(faker, 'odd') // '…7' (an instance API key)
 */
export function generateKey(faker: Faker, parity: KeyParity): string {
  // Five 32-bit draws make the 40 digits: several times cheaper than a
  // draw per character, which counts when seeding 100,000 users.
  let digits = ''
  for (let chunk = 0; chunk < 5; chunk++) {
    digits += faker.number.int(0xffffffff).toString(16).padStart(8, '0')
  }

  const last = parseInt(digits.slice(-1), 16)
  const fixed = parity === 'even' ? last & 0b1110 : last | 0b1
  return digits.slice(0, -1) + fixed.toString(16)
}

/** Whether a string has the form of a key: 40 hex characters, any case. */
export function isHexKey(value: string): boolean {
  return HEX_KEY.test(value)
}

/** Whether a hex key ends in an even digit (an account or a user key). */
export function hasEvenParity(value: string): boolean {
  return (parseInt(value.slice(-1), 16) & 1) === 0
}
