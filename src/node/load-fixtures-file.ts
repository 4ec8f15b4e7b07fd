import { readFileSync } from 'node:fs'
import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from '../errors/syncano-mock-error.ts'
import type { FixturesInput } from '../fixtures/fixtures-schema.ts'
import { parseFixtures } from '../fixtures/parse-fixtures.ts'

/**
 * Reads and validates a JSON fixtures file. A missing file, bad JSON or a
 * bad value fails with a message that names the file (and the JSON path of
 * the first problem).
 *
 * @example
 * const fixtures = loadFixturesFile('fixtures/default.json')
 */
export function loadFixturesFile(path: string): FixturesInput {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw invalid(
      `Failed to read fixtures file "${path}": ${reason(error)}.`,
      error,
    )
  }

  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw invalid(
      `Failed to parse fixtures file "${path}": ${reason(error)}.`,
      error,
    )
  }

  // Validate here so the message names the file, then hand on the input.
  parseFixtures(value, path)
  return value as FixturesInput
}

function invalid(message: string, cause: unknown): SyncanoMockError {
  return new SyncanoMockError(SyncanoMockErrorCode.INVALID_FIXTURES, message, {
    cause,
  })
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/\.$/, '')
}
