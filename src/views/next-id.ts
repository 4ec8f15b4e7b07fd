import type { InstanceRecord } from '../model/schemas.ts'

/**
 * Hands out the next id of an instance's sequence. Ids are never reused,
 * even after a delete, as with the server's Postgres sequences.
 *
 * @example
 * nextId(instance, 'users') // 51
 */
export function nextId(
  instance: InstanceRecord,
  sequence: keyof InstanceRecord['sequences'],
): number {
  instance.sequences[sequence] += 1
  return instance.sequences[sequence]
}
