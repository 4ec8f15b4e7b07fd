/**
 * How many generated requests a fuzz suite sends: 10,000 in a normal run,
 * or `FUZZ_REQUESTS` when set (`npm run test:fuzz:long` sends 200,000).
 */
export function fuzzBudget(normal = 10_000): number {
  const asked = Number(process.env.FUZZ_REQUESTS)
  return Number.isInteger(asked) && asked > 0 ? asked : normal
}

/** The seed a normal run uses, so CI sends the same requests every time. */
const CI_SEED = 20_261_204

/**
 * The seed of a fuzz run: `FUZZ_SEED` when set (fast-check prints the seed
 * of a failure, to replay it), a fresh one in a long run, else a fixed one.
 */
export function fuzzSeed(): number | undefined {
  const asked = Number(process.env.FUZZ_SEED)
  if (process.env.FUZZ_SEED && Number.isInteger(asked)) return asked
  return process.env.FUZZ_REQUESTS ? undefined : CI_SEED
}
