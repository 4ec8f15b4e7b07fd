import { generateMersenne53Randomizer, type Randomizer } from '@faker-js/faker'

/** Where a randomizer's stream stands: its seed and the draws since. */
export interface RandomizerPosition {
  seed: number | Array<number>
  draws: number
}

/** A faker randomizer that can be put back to a position it passed. */
export interface ReplayableRandomizer extends Randomizer {
  position: () => RandomizerPosition
  moveTo: (position: RandomizerPosition) => void
}

/**
 * Faker's own Mersenne Twister, counting its draws, so a mock can put its
 * faker back where seeding left it without seeding again: the keys made
 * after a `reset()` are the ones made after the first load.
 *
 * @example
 * const randomizer = createReplayableRandomizer()
 * const faker = new Faker({ locale: en, randomizer })
 * const seeded = randomizer.position()
 * randomizer.moveTo(seeded)
 */
export function createReplayableRandomizer(): ReplayableRandomizer {
  const twister = generateMersenne53Randomizer()
  let seed: RandomizerPosition['seed'] = 0
  let draws = 0

  return {
    next() {
      draws += 1
      return twister.next()
    },
    seed(value) {
      seed = value
      draws = 0
      twister.seed(value)
    },
    position: () => ({ seed, draws }),
    moveTo(position) {
      twister.seed(position.seed)
      for (let draw = 0; draw < position.draws; draw += 1) twister.next()
      seed = position.seed
      draws = position.draws
    },
  }
}
