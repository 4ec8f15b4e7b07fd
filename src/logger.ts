import { MESSAGE_PREFIX } from './errors/syncano-mock-error.ts'

/**
 * The library's one door to the console. It stays silent on the happy path;
 * `error` reports what must not happen (a crash inside a handler), and
 * `trace` writes only when tracing is switched on with the `DEBUG`
 * environment variable containing `syncano-mock`, or `setTracing(true)`.
 *
 * @example
 * logger.trace('answered %s %s', method, path)
 */
export const logger = {
  tracing: readDebugSwitch(),

  error(format: string, ...values: Array<unknown>): void {
    // eslint-disable-next-line no-console
    console.error(`${MESSAGE_PREFIX} ${format}`, ...values)
  },

  warn(format: string, ...values: Array<unknown>): void {
    // eslint-disable-next-line no-console
    console.warn(`${MESSAGE_PREFIX} ${format}`, ...values)
  },

  trace(format: string, ...values: Array<unknown>): void {
    // eslint-disable-next-line no-console
    if (logger.tracing) console.debug(`${MESSAGE_PREFIX} ${format}`, ...values)
  },
}

function readDebugSwitch(): boolean {
  const environment = (
    globalThis as { process?: { env?: Record<string, string> } }
  ).process?.env
  return environment?.DEBUG?.includes('syncano-mock') ?? false
}
