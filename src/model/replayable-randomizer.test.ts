import { Faker, en } from '@faker-js/faker'
import { describe, expect, test } from 'vitest'
import { createReplayableRandomizer } from './replayable-randomizer.ts'

describe('createReplayableRandomizer', () => {
  test('draws the same values as faker with its default randomizer', () => {
    const faker = new Faker({
      locale: en,
      randomizer: createReplayableRandomizer(),
    })
    const plain = new Faker({ locale: en })
    faker.seed(7)
    plain.seed(7)

    expect(faker.string.hexadecimal({ length: 40 })).toBe(
      plain.string.hexadecimal({ length: 40 }),
    )
    expect(faker.internet.username()).toBe(plain.internet.username())
  })

  test('moves back to a position and draws the same values again', () => {
    const randomizer = createReplayableRandomizer()
    randomizer.seed(42)
    randomizer.next()
    const position = randomizer.position()
    const drawn = [randomizer.next(), randomizer.next()]

    randomizer.moveTo(position)

    expect(randomizer.position()).toEqual({ seed: 42, draws: 1 })
    expect([randomizer.next(), randomizer.next()]).toEqual(drawn)
    expect(randomizer.position()).toEqual({ seed: 42, draws: 3 })
  })
})
