// Type-checked in a fresh project against the installed package, once with
// `moduleResolution: bundler` and once with `node16`: every entry, a value
// and a type of each. The bundler run also checks every declaration file
// (ours and those they import); the node16 run skips that, as it would only
// repeat the slowest part.
import {
  createSyncanoMock,
  SyncanoMockError,
  type SyncanoMockOptions,
  type UserBody,
} from 'syncano-mock'
import { setupSyncanoWorker, type SyncanoWorker } from 'syncano-mock/browser'
import { setupSyncanoServer, type SyncanoServer } from 'syncano-mock/node'

const options: SyncanoMockOptions = { dialect: 'server', seed: 7 }

/** Renames `jane` through the mock, as an app's test does. */
export async function renameJane(username: string): Promise<string> {
  const mock = createSyncanoMock(options)
  const response = await mock.fetch(
    new Request('https://api.syncano.io/v1.1/instances/my-instance/user/', {
      method: 'PATCH',
      headers: {
        'X-API-KEY': 'b5c6d7e8f90123456789abcdef0123456789abc1',
        'X-USER-KEY': '15e8b35e1cd9b8abf806f3e925951f2612bf0d20',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ username }),
    }),
  )
  const user = (await response.json()) as UserBody
  return user.username
}

/** The failure's code, from the error class both entries share. */
export function codeOf(error: unknown): string | undefined {
  return error instanceof SyncanoMockError ? error.code : undefined
}

export const node: () => SyncanoServer = () => setupSyncanoServer()
export const browser: () => SyncanoWorker = () => setupSyncanoWorker()
